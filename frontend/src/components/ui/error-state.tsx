import { ApiError } from "@kubeairunway/shared";
import Alert from "@mui/material/Alert";
import AlertTitle from "@mui/material/AlertTitle";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";

const HINTS: Partial<Record<ApiError["code"], string>> = {
  unauthenticated: "Sign in again with a valid Kubernetes token.",
  forbidden: "Your Kubernetes RBAC does not allow this. Ask a cluster admin for access.",
  upstream_unavailable: "The backend or the cluster is not reachable right now; retrying usually helps.",
  runtime_not_installed: "Install the runtime first (see Runtimes).",
};

/** Turns anything thrown into an ApiError so every error state can show a code. */
export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, "internal", error instanceof Error ? error.message : String(error));
}

/** The one way errors are shown: the ApiError code, its message, a hint, and a retry. */
export function ErrorState({ error, title, onRetry }: { error: unknown; title?: string; onRetry?: () => void }) {
  const apiError = asApiError(error);
  const hint = HINTS[apiError.code];
  return (
    <Alert
      severity={apiError.code === "forbidden" ? "warning" : "error"}
      role="alert"
      action={
        onRetry ? (
          <Button color="inherit" size="small" onClick={onRetry}>
            Retry
          </Button>
        ) : undefined
      }
    >
      <AlertTitle>
        <Box component="span" sx={{ display: "inline-flex", alignItems: "center", gap: 1 }}>
          {title ?? "Something went wrong"}
          <Chip size="small" label={apiError.code} variant="outlined" aria-label={`error code ${apiError.code}`} />
        </Box>
      </AlertTitle>
      {apiError.message}
      {hint ? <Box sx={{ mt: 0.5, opacity: 0.85 }}>{hint}</Box> : null}
    </Alert>
  );
}
