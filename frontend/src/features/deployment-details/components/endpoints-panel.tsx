import type { DeploymentDetail } from "@kubeairunway/shared";
import Card from "@mui/material/Card";
import CardContent from "@mui/material/CardContent";
import Chip from "@mui/material/Chip";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import { CodeBlock } from "../../../components/ui/code-block";

const LOCAL_PORT = 8000;

/** Shell-safe single quoting for values shown in copyable commands. */
const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export function commandsFor(endpoint: DeploymentDetail["status"]["endpoints"][number], model: string) {
  const body = JSON.stringify({ model, messages: [{ role: "user", content: "Hello!" }], max_tokens: 64 });
  const path = `${endpoint.basePath.replace(/\/$/, "")}/chat/completions`;
  return {
    portForward: `kubectl -n ${endpoint.namespace} port-forward svc/${endpoint.service} ${LOCAL_PORT}:${endpoint.port}`,
    curlLocal: `curl http://127.0.0.1:${LOCAL_PORT}${path} \\\n  -H 'Content-Type: application/json' \\\n  -d ${q(body)}`,
    curlInCluster: `curl http://${endpoint.service}.${endpoint.namespace}.svc:${endpoint.port}${path} \\\n  -H 'Content-Type: application/json' \\\n  -d ${q(body)}`,
  };
}

/** How to talk to the model: port-forward + curl from a laptop, or the in-cluster URL. */
export function EndpointsPanel({ detail }: { detail: DeploymentDetail }) {
  const { endpoints } = detail.status;
  return (
    <Card component="section" aria-labelledby="endpoints-title">
      <CardContent>
        <Typography variant="h2" id="endpoints-title" sx={{ mb: 1 }}>
          Endpoints (OpenAI-compatible)
        </Typography>
        {endpoints.length === 0 ? (
          <Typography color="text.secondary">No Service yet; it appears once the runtime creates it.</Typography>
        ) : null}
        <Stack spacing={2}>
          {endpoints.map((e) => {
            const c = commandsFor(e, detail.summary.model);
            return (
              <Stack key={`${e.namespace}/${e.service}:${e.port}`} spacing={1}>
                <Stack direction="row" spacing={1} sx={{ alignItems: "center" }}>
                  <Typography variant="body2" sx={{ fontFamily: "monospace" }}>
                    {e.service}.{e.namespace}.svc:{e.port}
                    {e.basePath}
                  </Typography>
                  <Chip size="small" color={e.ready ? "success" : "default"} label={e.ready ? "ready" : "not ready"} />
                </Stack>
                <Typography variant="caption" color="text.secondary">
                  1. Forward a local port
                </Typography>
                <CodeBlock code={c.portForward} label="kubectl port-forward command" />
                <Typography variant="caption" color="text.secondary">
                  2. Send a chat completion
                </Typography>
                <CodeBlock code={c.curlLocal} label="curl command" />
                <Typography variant="caption" color="text.secondary">
                  From inside the cluster
                </Typography>
                <CodeBlock code={c.curlInCluster} label="in-cluster curl command" />
              </Stack>
            );
          })}
        </Stack>
      </CardContent>
    </Card>
  );
}
