import { ApiError, deploymentQueries, ErrorCode, type PodSummary } from "@kubeairunway/shared";
import RefreshIcon from "@mui/icons-material/Refresh";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import Typography from "@mui/material/Typography";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useApi } from "../../../app/services";
import { ErrorState } from "../../../components/ui/error-state";
import { TableSkeleton } from "../../../components/ui/skeletons";
import { LogOutput } from "./log-output";
import { type LogsSettings, LogsToolbar } from "./logs-toolbar";
import { type FollowStatus, useLogStream } from "./use-log-stream";

function FollowState({ status, held }: { status: FollowStatus; held: number }) {
  if (status.state === "error")
    return (
      <ErrorState title="The log stream stopped" error={new ApiError(0, ErrorCode.catch("internal").parse(status.code), status.message)} />
    );
  const label = status.state === "streaming" ? "Streaming" : status.state === "ended" ? "Stream ended (container stopped)" : "Connecting…";
  return (
    <Box sx={{ display: "flex", gap: 1, alignItems: "center", mb: 1 }} aria-live="polite">
      <Chip size="small" label={label} color={status.state === "streaming" ? "success" : "default"} variant="outlined" />
      {held > 0 ? <Typography variant="body2">{held} new lines held while paused</Typography> : null}
    </Box>
  );
}

/**
 * Logs of one container of one pod: a one-shot read (tail / previous container) or a live follow
 * over server-sent events, with search highlighting and an errors-and-warnings view.
 */
export function LogsViewer({ namespace, name, pods }: { namespace: string; name: string; pods: PodSummary[] }) {
  const api = useApi();
  const first = pods[0];
  const [settings, setSettings] = useState<LogsSettings>({
    pod: first?.name ?? "",
    container: first?.containers[0]?.name ?? "",
    tailLines: "100",
    previous: false,
    follow: true,
    paused: false,
    search: "",
    problemsOnly: false,
  });
  // Pods come and go (a restart, a scale-down): fall back to the first pod when ours disappears.
  useEffect(() => {
    if (first && !pods.some((p) => p.name === settings.pod)) {
      setSettings((s) => ({ ...s, pod: first.name, container: first.containers[0]?.name ?? "" }));
    }
  }, [pods, first, settings.pod]);
  const update = (changes: Partial<LogsSettings>) => setSettings((s) => ({ ...s, ...changes }));
  const target = { pod: settings.pod || undefined, container: settings.container || undefined, tailLines: settings.tailLines };
  const following = settings.follow && !settings.previous;
  const stream = useLogStream(namespace, name, target, following && Boolean(settings.pod), settings.paused);
  const oneShot = useQuery({
    ...deploymentQueries.logs(api, namespace, name, { ...target, ...(settings.previous ? { previous: "true" } : {}) }),
    enabled: !following && Boolean(settings.pod),
  });

  if (pods.length === 0) return <Alert severity="info">No pods yet, so there are no logs to show.</Alert>;
  return (
    <Box>
      <LogsToolbar pods={pods} settings={settings} onChange={update} />
      {following ? <FollowState status={stream.status} held={stream.held} /> : null}
      {!following ? (
        <Box sx={{ mb: 1 }}>
          <Button size="small" startIcon={<RefreshIcon />} onClick={() => void oneShot.refetch()}>
            Reload
          </Button>
        </Box>
      ) : null}
      {!following && oneShot.isPending ? <TableSkeleton rows={4} label="Loading logs" /> : null}
      {!following && oneShot.isError ? (
        <ErrorState title="Could not read logs" error={oneShot.error} onRetry={() => void oneShot.refetch()} />
      ) : null}
      {following || oneShot.data ? (
        <LogOutput
          lines={following ? stream.lines : (oneShot.data?.lines ?? [])}
          search={settings.search}
          problemsOnly={settings.problemsOnly}
          follow={following && !settings.paused}
        />
      ) : null}
    </Box>
  );
}
