import { type DeploymentMetrics, deploymentQueries } from "@kubeairunway/shared";
import Alert from "@mui/material/Alert";
import Card from "@mui/material/Card";
import CardContent from "@mui/material/CardContent";
import Grid from "@mui/material/Grid";
import Typography from "@mui/material/Typography";
import { useQuery } from "@tanstack/react-query";
import { useApi } from "../../../app/services";
import { ErrorState } from "../../../components/ui/error-state";
import { PageSkeleton } from "../../../components/ui/skeletons";
import { MetricChart } from "./metric-chart";

/**
 * Engine metrics are Prometheus counters the backend scrapes on request, so this tab (and only
 * this tab, while it is open) asks again every 10 s; deployment status itself comes from the stream.
 */
const SCRAPE_EVERY_MS = 10_000;

const fmt = (v: number | null, digits = 1, scale = 1) => (v === null ? "—" : (v * scale).toFixed(digits));

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <Card sx={{ height: "100%" }}>
      <CardContent>
        <Typography variant="caption" color="text.secondary" component="p" sx={{ lineHeight: 1.3, mb: 0.5 }}>
          {label}
        </Typography>
        <Typography variant="h2" component="p">
          {value}
        </Typography>
      </CardContent>
    </Card>
  );
}

function stats(c: DeploymentMetrics["current"]): [string, string][] {
  return [
    ["Generation tokens/s", fmt(c.generationTokensPerSecond)],
    ["Prompt tokens/s", fmt(c.promptTokensPerSecond)],
    ["Requests running / waiting", `${fmt(c.requestsRunning, 0)} / ${fmt(c.requestsWaiting, 0)}`],
    ["KV cache used", c.kvCacheUsage === null ? "—" : `${fmt(c.kvCacheUsage, 0, 100)}%`],
    ["Time to first token p50 / p95 (s)", `${fmt(c.ttftP50Seconds, 2)} / ${fmt(c.ttftP95Seconds, 2)}`],
    ["Request latency p50 / p95 (s)", `${fmt(c.e2eP50Seconds, 2)} / ${fmt(c.e2eP95Seconds, 2)}`],
  ];
}

/** Throughput, load and latency of the engine, computed by the backend from counter deltas. */
export function MetricsPanel({ namespace, name }: { namespace: string; name: string }) {
  const api = useApi();
  const metrics = useQuery({ ...deploymentQueries.metrics(api, namespace, name), refetchInterval: SCRAPE_EVERY_MS });
  if (metrics.isPending) return <PageSkeleton label="Loading metrics" />;
  if (metrics.isError) return <ErrorState title="Could not read metrics" error={metrics.error} onRetry={() => void metrics.refetch()} />;
  const m = metrics.data;
  if (!m.available) return <Alert severity="info">{m.message ?? "This deployment does not expose metrics yet."}</Alert>;
  return (
    <>
      {m.message ? (
        <Alert severity="info" sx={{ mb: 2 }}>
          {m.message}
        </Alert>
      ) : null}
      <Grid container spacing={2} sx={{ mb: 2 }}>
        {stats(m.current).map(([label, value]) => (
          <Grid key={label} size={{ xs: 6, md: 4, lg: 2 }}>
            <Stat label={label} value={value} />
          </Grid>
        ))}
      </Grid>
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, lg: 4 }}>
          <MetricChart
            title="Throughput"
            unit="tokens/s"
            series={m.series}
            specs={[
              { key: "generationTokensPerSecond", label: "generation" },
              { key: "promptTokensPerSecond", label: "prompt" },
            ]}
          />
        </Grid>
        <Grid size={{ xs: 12, lg: 4 }}>
          <MetricChart
            title="Requests"
            unit="count"
            series={m.series}
            specs={[
              { key: "requestsRunning", label: "running" },
              { key: "requestsWaiting", label: "waiting" },
            ]}
          />
        </Grid>
        <Grid size={{ xs: 12, lg: 4 }}>
          <MetricChart
            title="Time to first token"
            unit="seconds"
            series={m.series}
            specs={[
              { key: "ttftP50Seconds", label: "p50" },
              { key: "ttftP95Seconds", label: "p95" },
            ]}
          />
        </Grid>
      </Grid>
      <Typography variant="caption" color="text.secondary" sx={{ display: "block", mt: 1 }}>
        Engine: {m.engine ?? "unknown"} · last scrape {m.scrapedAt ? new Date(m.scrapedAt).toLocaleTimeString() : "—"}
      </Typography>
    </>
  );
}
