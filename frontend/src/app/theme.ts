import { createTheme, type Theme } from "@mui/material/styles";

export type ColorMode = "light" | "dark";

declare module "@mui/material/styles" {
  interface Palette {
    sidebar: { background: string; text: string; selected: string; selectedText: string };
  }
  interface PaletteOptions {
    sidebar?: { background: string; text: string; selected: string; selectedText: string };
  }
}

/**
 * Colours follow Headlamp's own light and dark themes (dark sidebar, white navbar, 6 px radius,
 * no upper-case buttons) so someone moving between Headlamp and this app feels at home.
 */
export function buildTheme(mode: ColorMode): Theme {
  const light = mode === "light";
  return createTheme({
    palette: {
      mode,
      primary: { main: light ? "#0072c9" : "#6cb6ff" },
      secondary: { main: light ? "#605e5c" : "#cdcdcd" },
      background: light ? { default: "#fafafa", paper: "#ffffff" } : { default: "#292827", paper: "#313131" },
      text: light ? { primary: "#202020", secondary: "#5c5c5c" } : { primary: "#faf9f8", secondary: "#c8c6c4" },
      sidebar: light
        ? { background: "#242424", text: "#ffffff", selected: "rgba(235, 232, 17, 0.14)", selectedText: "#ebe811" }
        : { background: "#252423", text: "#cdcdcd", selected: "rgba(242, 230, 0, 0.14)", selectedText: "#f2e600" },
    },
    shape: { borderRadius: 6 },
    typography: {
      fontFamily: '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
      button: { textTransform: "none", fontWeight: 600 },
      h1: { fontSize: "1.6rem", fontWeight: 600 },
      h2: { fontSize: "1.25rem", fontWeight: 600 },
      h3: { fontSize: "1.05rem", fontWeight: 600 },
    },
    components: {
      MuiAppBar: {
        defaultProps: { elevation: 0, color: "inherit" },
        styleOverrides: { root: { borderBottom: `1px solid ${light ? "#e0e0e0" : "#3b3a39"}` } },
      },
      MuiPaper: { defaultProps: { variant: "outlined" } },
      MuiTableCell: { styleOverrides: { head: { fontWeight: 600 } } },
      MuiButtonBase: { defaultProps: { disableRipple: false } },
      MuiTooltip: { defaultProps: { arrow: true } },
    },
  });
}
