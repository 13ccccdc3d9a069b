import { DateLabel, Link, SectionBox, SimpleTable } from "@kinvolk/headlamp-plugin/lib/CommonComponents";
import { eventMessage, eventObject, eventTime } from "@kubeairunway/shared/providers/kube-read";
import type { KubeEvent } from "@kubeairunway/shared/providers/types";
import type { DeploymentEndpoint, PodSummary } from "@kubeairunway/shared/schemas/deployments";
import type { PendingReason } from "@kubeairunway/shared/schemas/events";
import { Alert, AlertTitle, Box, Button, Typography } from "@mui/material";

/** Why it is not running yet, each reason with its fix (the shared explanation). */
export function PendingSection({ pending }: { pending: PendingReason[] }) {
  if (pending.length === 0) return null;
  return (
    <SectionBox title="Why it is not running yet">
      {pending.map((p) => (
        <Alert key={`${p.kind}:${p.summary}`} severity={p.kind === "model-loading" ? "info" : "warning"} sx={{ mb: 1 }}>
          <AlertTitle>{p.summary}</AlertTitle>
          {p.fix}
          {p.evidence.length > 0 && (
            <Typography component="pre" variant="body2" sx={{ whiteSpace: "pre-wrap", mt: 1 }}>
              {p.evidence.join("\n")}
            </Typography>
          )}
        </Alert>
      ))}
    </SectionBox>
  );
}

const podColumns = [
  {
    label: "Pod",
    getter: (p: PodSummary) => (
      <Link routeName="Pod" params={{ namespace: p.namespace, name: p.name }}>
        {p.name}
      </Link>
    ),
  },
  { label: "Role", getter: (p: PodSummary) => p.role ?? "" },
  { label: "Phase", getter: (p: PodSummary) => p.phase },
  { label: "Ready", getter: (p: PodSummary) => (p.ready ? "Yes" : "No") },
  { label: "Restarts", getter: (p: PodSummary) => p.restarts },
  { label: "Reason", getter: (p: PodSummary) => p.reason ?? "" },
  { label: "Node", getter: (p: PodSummary) => p.node ?? "" },
];

/** The deployment's pods, each linking to Headlamp's own Pod page. */
export function PodsSection({ pods }: { pods: PodSummary[] }) {
  return (
    <SectionBox title="Pods">
      <SimpleTable columns={podColumns} data={pods} emptyMessage="No pods yet." />
    </SectionBox>
  );
}

const eventColumns = [
  { label: "Type", getter: (e: KubeEvent) => e.type ?? "" },
  { label: "Reason", getter: (e: KubeEvent) => e.reason ?? "" },
  { label: "Object", getter: (e: KubeEvent) => `${eventObject(e).kind ?? ""}/${eventObject(e).name ?? ""}` },
  { label: "Message", getter: (e: KubeEvent) => eventMessage(e) },
  { label: "Count", getter: (e: KubeEvent) => e.count ?? e.deprecatedCount ?? 1 },
  { label: "Last seen", getter: (e: KubeEvent) => (eventTime(e) ? <DateLabel date={eventTime(e)} format="mini" /> : "") },
];

/** Events about the resource and its pods, newest first. */
export function EventsSection({ events }: { events: KubeEvent[] }) {
  const sorted = [...events].sort((a, b) => eventTime(b) - eventTime(a));
  return (
    <SectionBox title="Events">
      <SimpleTable columns={eventColumns} data={sorted} emptyMessage="No events." />
    </SectionBox>
  );
}

/** Commands to reach an endpoint from a laptop: port-forward, then the OpenAI-compatible API. */
export function endpointCommands(e: DeploymentEndpoint, model: string): string {
  return [
    `kubectl -n ${e.namespace} port-forward svc/${e.service} 8000:${e.port}`,
    `curl http://localhost:8000${e.basePath}/chat/completions -H 'Content-Type: application/json' \\`,
    `  -d '{"model": "${model}", "messages": [{"role": "user", "content": "Hello"}]}'`,
  ].join("\n");
}

/** Where the deployment answers, with copyable commands. */
export function EndpointsSection({ endpoints, model }: { endpoints: DeploymentEndpoint[]; model: string }) {
  return (
    <SectionBox title="Endpoints">
      {endpoints.length === 0 && <Typography>No endpoint yet.</Typography>}
      {endpoints.map((e) => {
        const commands = endpointCommands(e, model);
        return (
          <Box key={`${e.service}:${e.port}`} mb={2}>
            <Typography>
              http://{e.service}.{e.namespace}.svc:{e.port}
              {e.basePath} {e.ready ? "(ready)" : "(not ready)"}
            </Typography>
            <Typography component="pre" variant="body2" sx={{ whiteSpace: "pre-wrap" }}>
              {commands}
            </Typography>
            <Button size="small" onClick={() => navigator.clipboard?.writeText(commands)}>
              Copy commands
            </Button>
          </Box>
        );
      })}
    </SectionBox>
  );
}
