import type { DeploymentDetail, DeploymentEvents } from "@kubeairunway/shared";
import Alert from "@mui/material/Alert";
import Card from "@mui/material/Card";
import CardContent from "@mui/material/CardContent";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import { PhaseChip } from "../../../components/ui/phase-chip";
import { ConditionsTable } from "./conditions-table";
import { EndpointsPanel } from "./endpoints-panel";
import { PendingReasons } from "./pending-reasons";

function Fact({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <Stack spacing={0.25}>
      <Typography variant="caption" color="text.secondary">
        {label}
      </Typography>
      <Typography variant="body2" component="div">
        {value}
      </Typography>
    </Stack>
  );
}

/** Phase, the one-line explanation, why it is pending (with the fix), conditions and endpoints. */
export function StatusOverview({ detail, events }: { detail: DeploymentDetail; events: DeploymentEvents | undefined }) {
  const { summary, status } = detail;
  const healthy = status.phase === "Running";
  // A reason that only restates the explanation lends it its fix; the others are listed below.
  const reasons = healthy ? [] : (events?.pending ?? []);
  const sameAsExplanation = reasons.find((r) => r.summary === status.explanation);
  const others = reasons.filter((r) => r !== sameAsExplanation);
  return (
    <Stack spacing={2}>
      <Card>
        <CardContent>
          <Stack direction="row" spacing={4} sx={{ flexWrap: "wrap", rowGap: 2, mb: 2 }}>
            <Fact label="Phase" value={<PhaseChip phase={status.phase} />} />
            <Fact label="Ready replicas" value={`${status.replicas.ready} / ${status.replicas.desired}`} />
            <Fact label="Model" value={summary.model} />
            <Fact label="Runtime" value={summary.runtime} />
            <Fact label="Engine" value={`${summary.engine ?? "—"}${summary.mode ? ` (${summary.mode})` : ""}`} />
            <Fact label="GPUs" value={summary.gpus} />
            <Fact
              label="Pods ready"
              value={`${summary.pods.ready} / ${summary.pods.total}${summary.pods.restarts ? `, ${summary.pods.restarts} restarts` : ""}`}
            />
          </Stack>
          <Alert
            severity={healthy ? "success" : status.phase === "Failed" ? "error" : status.phase === "Deploying" ? "info" : "warning"}
            data-testid="explanation"
          >
            {status.explanation}
            {sameAsExplanation ? (
              <Typography variant="body2" sx={{ mt: 0.5 }}>
                <strong>Suggested fix:</strong> {sameAsExplanation.fix}
              </Typography>
            ) : null}
          </Alert>
        </CardContent>
      </Card>
      {others.length > 0 ? <PendingReasons reasons={others} /> : null}
      <EndpointsPanel detail={detail} />
      <Card>
        <CardContent>
          <Typography variant="h2" sx={{ mb: 1 }}>
            Conditions
          </Typography>
          <ConditionsTable conditions={status.conditions} />
        </CardContent>
      </Card>
    </Stack>
  );
}
