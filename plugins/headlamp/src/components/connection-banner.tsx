import { ApiError } from "@kubeairunway/shared/errors";
import { Alert, AlertTitle, Button } from "@mui/material";
import { connectionProblem } from "../backend/proxy-fetch";
import { PROBLEM_ADVICE } from "../backend/test-connection";

const TITLES = {
  "service-missing": "The KubeAIRunway backend Service was not found",
  "no-endpoints": "The KubeAIRunway backend has no ready pod",
  forbidden: "You may not reach the KubeAIRunway backend",
  unreachable: "The KubeAIRunway backend is unreachable",
  backend: "The KubeAIRunway backend reported an error",
} as const;

/**
 * Says that the backend could not be reached, why, and what to check. Pages that read the
 * cluster directly keep working below it.
 */
export function ConnectionBanner({ error, where, onRetry }: { error: unknown; where: string; onRetry?: () => void }) {
  if (!error) return null;
  const problem = connectionProblem(error);
  const message = error instanceof ApiError || error instanceof Error ? error.message : String(error);
  return (
    <Alert
      severity={problem === "backend" ? "error" : "warning"}
      action={
        onRetry ? (
          <Button color="inherit" size="small" onClick={onRetry}>
            Retry
          </Button>
        ) : undefined
      }
    >
      <AlertTitle>{TITLES[problem]}</AlertTitle>
      {where ? `${where}: ` : ""}
      {message}. {PROBLEM_ADVICE[problem]}
    </Alert>
  );
}
