import Box from "@mui/material/Box";
import type { ReactNode } from "react";

/** Text for screen readers only, e.g. the header of an actions column. */
export function VisuallyHidden({ children }: { children: ReactNode }) {
  return (
    <Box
      component="span"
      sx={{ position: "absolute", width: 1, height: 1, overflow: "hidden", clip: "rect(0 0 0 0)", whiteSpace: "nowrap", m: -1 / 8 }}
    >
      {children}
    </Box>
  );
}
