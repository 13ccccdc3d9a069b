import AddCircleOutlineIcon from "@mui/icons-material/AddCircleOutline";
import DnsOutlinedIcon from "@mui/icons-material/DnsOutlined";
import MemoryIcon from "@mui/icons-material/Memory";
import SettingsOutlinedIcon from "@mui/icons-material/SettingsOutlined";
import ViewListIcon from "@mui/icons-material/ViewList";
import Drawer from "@mui/material/Drawer";
import List from "@mui/material/List";
import ListItemButton from "@mui/material/ListItemButton";
import ListItemIcon from "@mui/material/ListItemIcon";
import ListItemText from "@mui/material/ListItemText";
import Toolbar from "@mui/material/Toolbar";
import { NavLink } from "react-router";

export const SIDENAV_WIDTH = 210;

const ITEMS = [
  { to: "/deployments", label: "Deployments", icon: <ViewListIcon /> },
  { to: "/deploy", label: "Deploy a model", icon: <AddCircleOutlineIcon /> },
  { to: "/models", label: "Models", icon: <MemoryIcon /> },
  { to: "/runtimes", label: "Runtimes", icon: <DnsOutlinedIcon /> },
  { to: "/settings", label: "Settings", icon: <SettingsOutlinedIcon /> },
];

/** Permanent side navigation in Headlamp's dark sidebar colours; the current page is marked for AT. */
export function SideNav() {
  return (
    <Drawer
      variant="permanent"
      sx={{
        display: { xs: "none", sm: "block" },
        "& .MuiDrawer-paper": { width: SIDENAV_WIDTH, bgcolor: "sidebar.background", color: "sidebar.text", border: 0 },
      }}
    >
      <Toolbar variant="dense" />
      <nav aria-label="Main">
        <List dense>
          {ITEMS.map((item) => (
            <ListItemButton
              key={item.to}
              component={NavLink}
              to={item.to}
              end={item.to === "/deployments" ? false : undefined}
              sx={{
                mx: 1,
                my: 0.25,
                borderRadius: 1,
                color: "inherit",
                "& .MuiListItemIcon-root": { color: "inherit", minWidth: 36 },
                "&.active": { bgcolor: "sidebar.selected", color: "sidebar.selectedText" },
                "&:focus-visible": { outline: "2px solid", outlineColor: "sidebar.selectedText" },
              }}
            >
              <ListItemIcon>{item.icon}</ListItemIcon>
              <ListItemText primary={item.label} />
            </ListItemButton>
          ))}
        </List>
      </nav>
    </Drawer>
  );
}
