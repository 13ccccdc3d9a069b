import type { PendingReason } from "@kubeairunway/shared";
import Alert from "@mui/material/Alert";
import AlertTitle from "@mui/material/AlertTitle";
import Box from "@mui/material/Box";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";

/** "Why is it not running?" in plain sentences, with what to do and the evidence behind it. */
export function PendingReasons({ reasons }: { reasons: PendingReason[] }) {
  return (
    <Stack spacing={1} component="section" aria-label="Why this deployment is not running" data-testid="pending-reasons">
      {reasons.map((r) => (
        <Alert key={`${r.kind}-${r.summary}`} severity={r.kind === "model-loading" ? "info" : "warning"}>
          <AlertTitle>{r.summary}</AlertTitle>
          <Typography variant="body2">
            <strong>Suggested fix:</strong> {r.fix}
          </Typography>
          {r.evidence.length > 0 ? (
            <Box
              component="pre"
              sx={{
                mt: 1,
                mb: 0,
                p: 1,
                fontSize: 12,
                whiteSpace: "pre-wrap",
                bgcolor: "action.hover",
                borderRadius: 1,
                maxHeight: 160,
                overflow: "auto",
              }}
            >
              {r.evidence.join("\n")}
            </Box>
          ) : null}
        </Alert>
      ))}
    </Stack>
  );
}
