import type { DeploymentList } from "@kubeairunway/shared";
import Alert from "@mui/material/Alert";
import Stack from "@mui/material/Stack";

/** What the list itself reports: a resyncing cache, runtimes not installed, sources that failed. */
export function ListNotices({ list }: { list: DeploymentList }) {
  if (!list.stale && list.notInstalled.length === 0 && list.errors.length === 0) return null;
  return (
    <Stack spacing={1} sx={{ mb: 2 }}>
      {list.stale ? (
        <Alert severity="warning" role="status">
          The cluster cache is resyncing; this list may lag the cluster for a moment.
        </Alert>
      ) : null}
      {list.errors.map((e) => (
        <Alert key={e.source} severity="error">
          Could not read {e.source} ({e.code}): {e.message}. The rows below are incomplete.
        </Alert>
      ))}
      {list.notInstalled.length > 0 ? (
        <Alert severity="info">Not installed in this cluster: {list.notInstalled.join(", ")}. See Runtimes.</Alert>
      ) : null}
    </Stack>
  );
}
