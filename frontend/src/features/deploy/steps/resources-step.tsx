import { catalogQueries } from "@kubeairunway/shared";
import Alert from "@mui/material/Alert";
import Stack from "@mui/material/Stack";
import { useQuery } from "@tanstack/react-query";
import { useApi } from "../../../app/services";
import { FormField } from "../components/form-field";
import { NodeSelectorEditor, TolerationsEditor } from "../components/list-editors";
import { useWizard } from "../wizard-context";

/** What the cluster has free, next to what this model needs: a hint, not a promise. */
function CapacityHint() {
  const api = useApi();
  const { model, form } = useWizard();
  const capacity = useQuery(catalogQueries.gpuCapacity(api));
  if (!capacity.data) return null;
  const want = Number(form.gpusPerReplica) || 0;
  const largest = Math.max(0, ...capacity.data.pools.map((p) => p.largestFreeOnOneNode));
  const pools = capacity.data.pools.map((p) => `${p.product}: ${p.free}/${p.total} free`).join(" · ");
  const tooBig = want > largest;
  return (
    <Alert severity={tooBig ? "warning" : "info"} data-testid="capacity-hint">
      {pools || "No GPU nodes found."}
      {model ? ` · ${model.name} needs about ${model.minGpuMemoryGiB} GiB of GPU memory per replica.` : ""}
      {tooBig ? ` No node has ${want} free GPUs right now (largest: ${largest}); the pods would stay Pending.` : ""}
    </Alert>
  );
}

/** Step 4: GPUs, replicas, CPU/memory, and where the pods may run. */
export function ResourcesStep() {
  const { form } = useWizard();
  return (
    <Stack spacing={2.5}>
      <CapacityHint />
      <Stack direction={{ xs: "column", sm: "row" }} spacing={2}>
        <FormField field="gpusPerReplica" label="GPUs per replica" type="number" slotProps={{ htmlInput: { min: 0, max: 16 } }} />
        <FormField field="replicas" label="Replicas" type="number" slotProps={{ htmlInput: { min: 0, max: 100 } }} />
        <FormField field="cpu" label="CPU per replica" help="e.g. 4 or 500m (optional)" />
        <FormField field="memory" label="Memory per replica" help="e.g. 32Gi (optional)" />
      </Stack>
      {form.runtime === "kuberay" ? (
        <Stack direction={{ xs: "column", sm: "row" }} spacing={2}>
          <FormField
            field="kubeRayMinReplicas"
            path="kuberay.minReplicas"
            label="Autoscaling: min replicas"
            type="number"
            help="optional"
          />
          <FormField
            field="kubeRayMaxReplicas"
            path="kuberay.maxReplicas"
            label="Autoscaling: max replicas"
            type="number"
            help="optional"
          />
        </Stack>
      ) : null}
      {form.runtime === "kaito" ? (
        <FormField
          field="kaitoInstanceType"
          path="kaito.instanceType"
          label="Instance type (node auto-provisioning)"
          help="e.g. Standard_NC24ads_A100_v4; leave empty to use existing nodes"
        />
      ) : null}
      <NodeSelectorEditor />
      <TolerationsEditor />
    </Stack>
  );
}
