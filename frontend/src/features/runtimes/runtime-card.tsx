import type { ProviderInfo, RuntimeStatus } from "@kubeairunway/shared";
import Card from "@mui/material/Card";
import CardContent from "@mui/material/CardContent";
import Chip from "@mui/material/Chip";
import Link from "@mui/material/Link";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";

function Row({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <Stack direction="row" spacing={1}>
      <Typography variant="body2" color="text.secondary" sx={{ minWidth: 130, flexShrink: 0 }}>
        {label}
      </Typography>
      <Typography variant="body2" component="div" sx={{ minWidth: 0, overflowWrap: "anywhere" }}>
        {value}
      </Typography>
    </Stack>
  );
}

/** One runtime: install state, operator health and version, CRD versions, what it can do. */
export function RuntimeCard({ runtime, provider }: { runtime: RuntimeStatus; provider: ProviderInfo | undefined }) {
  const op = runtime.operator;
  return (
    <Card sx={{ height: "100%" }} component="section" aria-label={runtime.displayName}>
      <CardContent>
        <Stack direction="row" spacing={1} sx={{ alignItems: "center", mb: 1 }}>
          <Typography variant="h2" sx={{ flexGrow: 1 }}>
            {runtime.displayName}
          </Typography>
          <Chip size="small" color={runtime.installed ? "success" : "default"} label={runtime.installed ? "Installed" : "Not installed"} />
        </Stack>
        {provider ? (
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
            {provider.description}
          </Typography>
        ) : null}
        <Stack spacing={0.5}>
          <Row label="CRD" value={runtime.crdName} />
          <Row label="CRD versions" value={runtime.crdVersions.length ? runtime.crdVersions.join(", ") : "—"} />
          <Row
            label="Operator"
            value={
              op.found ? (
                <Chip
                  size="small"
                  variant="outlined"
                  color={op.healthy ? "success" : "warning"}
                  label={op.healthy ? `healthy (${op.availableReplicas} available)` : "unhealthy"}
                />
              ) : (
                "not found"
              )
            }
          />
          {op.found ? <Row label="Operator location" value={`${op.namespace ?? "?"}/${op.name ?? "?"}`} /> : null}
          <Row label="Version" value={op.version ?? "unknown"} />
          {provider ? <Row label="Engines" value={provider.engines.join(", ")} /> : null}
        </Stack>
        {runtime.message ? (
          <Typography variant="body2" sx={{ mt: 1.5 }} color={runtime.installed ? "text.secondary" : "warning.main"}>
            {runtime.message}
          </Typography>
        ) : null}
        {provider ? (
          <Link href={provider.docsUrl} target="_blank" rel="noreferrer" variant="body2" sx={{ display: "inline-block", mt: 1.5 }}>
            {runtime.displayName} documentation
          </Link>
        ) : null}
      </CardContent>
    </Card>
  );
}
