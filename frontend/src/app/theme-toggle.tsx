import DarkModeOutlinedIcon from "@mui/icons-material/DarkModeOutlined";
import LightModeOutlinedIcon from "@mui/icons-material/LightModeOutlined";
import IconButton from "@mui/material/IconButton";
import { useColorMode } from "./color-mode";

/** One-click switch between the light and dark themes (Settings also offers "system"). */
export function ThemeToggle() {
  const { mode, setPreference } = useColorMode();
  const next = mode === "light" ? "dark" : "light";
  const label = `Switch to ${next} theme`;
  return (
    // A native title instead of MUI's Tooltip keeps Popper out of the first page's JavaScript.
    <IconButton aria-label={label} title={label} onClick={() => setPreference(next)} color="inherit">
      {mode === "light" ? <DarkModeOutlinedIcon /> : <LightModeOutlinedIcon />}
    </IconButton>
  );
}
