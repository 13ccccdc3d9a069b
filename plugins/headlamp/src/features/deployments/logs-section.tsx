import { K8s } from "@kinvolk/headlamp-plugin/lib";
import { SectionBox } from "@kinvolk/headlamp-plugin/lib/CommonComponents";
import type { PodSummary } from "@kubeairunway/shared/schemas/deployments";
import { Alert, Box, FormControlLabel, MenuItem, Switch, TextField, Typography } from "@mui/material";
import { useEffect, useMemo, useState } from "react";
import { useAsync } from "../../components/use-async";
import { headlampRequest } from "../../kube/headlamp-request";
import { fetchPodLog } from "../../kube/logs";

const TAILS = [100, 500, 2000] as const;
/** How often "follow" re-reads the tail; Headlamp's own log viewer streams, this keeps it simple. */
const FOLLOW_MS = 3000;

/** A pod's logs as the user: pod and container choice, tail lines, and follow. */
export function LogsSection({ pods }: { pods: PodSummary[] }) {
  const cluster = K8s.useCluster();
  const request = useMemo(() => headlampRequest(cluster), [cluster]);
  const [podName, setPodName] = useState("");
  const [container, setContainer] = useState("");
  const [tailLines, setTailLines] = useState<number>(TAILS[0]);
  const [follow, setFollow] = useState(false);
  const [tick, setTick] = useState(0);
  const pod = pods.find((p) => p.name === podName) ?? pods[0];
  const containerName = pod?.containers.some((c) => c.name === container) ? container : (pod?.containers[0]?.name ?? "");

  useEffect(() => {
    if (!follow) return;
    const id = setInterval(() => setTick((t) => t + 1), FOLLOW_MS);
    return () => clearInterval(id);
  }, [follow]);

  const logs = useAsync(
    pod ? () => fetchPodLog(request, pod.namespace, pod.name, { container: containerName || undefined, tailLines }) : undefined,
    `${pod?.name}|${containerName}|${tailLines}|${tick}`,
  );

  if (!pod) return null;
  return (
    <SectionBox title="Logs">
      <Box display="flex" gap={2} flexWrap="wrap" alignItems="center" mb={1}>
        <TextField select size="small" label="Pod" value={pod.name} onChange={(e) => setPodName(e.target.value)}>
          {pods.map((p) => (
            <MenuItem key={p.name} value={p.name}>
              {p.name}
            </MenuItem>
          ))}
        </TextField>
        <TextField select size="small" label="Container" value={containerName} onChange={(e) => setContainer(e.target.value)}>
          {pod.containers.map((c) => (
            <MenuItem key={c.name} value={c.name}>
              {c.name}
            </MenuItem>
          ))}
        </TextField>
        <TextField select size="small" label="Lines" value={tailLines} onChange={(e) => setTailLines(Number(e.target.value))}>
          {TAILS.map((n) => (
            <MenuItem key={n} value={n}>
              {n}
            </MenuItem>
          ))}
        </TextField>
        <FormControlLabel control={<Switch checked={follow} onChange={(e) => setFollow(e.target.checked)} />} label="Follow" />
      </Box>
      {logs.error ? <Alert severity="error">{(logs.error as Error).message}</Alert> : null}
      <Typography
        component="pre"
        variant="body2"
        sx={{ fontFamily: "monospace", maxHeight: 480, overflow: "auto", whiteSpace: "pre-wrap" }}
      >
        {logs.data?.join("\n") ?? (logs.loading ? "Loading…" : "")}
      </Typography>
    </SectionBox>
  );
}
