import Box from "@mui/material/Box";
import type { ReactNode } from "react";
import { CopyButton } from "./copy-button";

/** Monospace, scrollable text with a copy button in the corner. */
export function CodeBlock({
  code,
  label,
  maxHeight,
  actions,
}: {
  code: string;
  label: string;
  maxHeight?: number | string;
  actions?: ReactNode;
}) {
  return (
    <Box sx={{ position: "relative" }}>
      <Box
        component="pre"
        aria-label={label}
        tabIndex={0}
        sx={{
          m: 0,
          p: 1.5,
          pr: 6,
          fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace",
          fontSize: 13,
          overflow: "auto",
          maxHeight,
          bgcolor: (t) => (t.palette.mode === "light" ? "#f5f5f5" : "#1f1e1d"),
          border: 1,
          borderColor: "divider",
          borderRadius: 1,
          whiteSpace: "pre",
        }}
      >
        {code}
      </Box>
      <Box sx={{ position: "absolute", top: 4, right: 4, display: "flex" }}>
        {actions}
        <CopyButton text={code} label={`Copy ${label}`} />
      </Box>
    </Box>
  );
}
