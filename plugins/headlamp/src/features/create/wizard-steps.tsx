import { K8s } from "@kinvolk/headlamp-plugin/lib";
import type { Engine } from "@kubeairunway/shared/schemas/common";
import { Box, FormControlLabel, MenuItem, Radio, RadioGroup, TextField, Typography } from "@mui/material";
import { useMemo } from "react";
import { useAsync } from "../../components/use-async";
import { headlampRequest } from "../../kube/headlamp-request";
import { servedRuntimes } from "../../kube/installed";
import { RUNTIME_IDS, runtimes } from "../../runtimes";
import type { WizardCheck, WizardForm } from "./wizard-form";

export interface StepProps {
  form: WizardForm;
  set: (patch: Partial<WizardForm>) => void;
  check: WizardCheck;
}

type Key = { [K in keyof WizardForm]: WizardForm[K] extends string ? K : never }[keyof WizardForm];

/** A text field bound to one form key; shows the schema's message for `path`. */
function Field({
  form,
  set,
  check,
  field,
  path,
  label,
  multiline,
}: StepProps & { field: Key; path: string; label: string; multiline?: boolean }) {
  const issue = check.issueFor(path);
  return (
    <TextField
      label={label}
      value={form[field]}
      onChange={(e) => set({ [field]: e.target.value } as Partial<WizardForm>)}
      error={Boolean(issue)}
      helperText={issue ?? " "}
      multiline={multiline}
      minRows={multiline ? 3 : undefined}
      size="small"
    />
  );
}

/**
 * The three runtimes from the shared descriptors (adding a runtime touches no UI code); a runtime
 * whose CRD the cluster does not serve cannot be chosen.
 */
export function RuntimeStep({ form, set }: StepProps) {
  const cluster = K8s.useCluster();
  const request = useMemo(() => headlampRequest(cluster), [cluster]);
  const served = useAsync(() => servedRuntimes(request), `served|${cluster}`);
  return (
    <RadioGroup
      aria-label="Runtime"
      value={form.runtime}
      onChange={(e) => {
        const id = e.target.value as WizardForm["runtime"];
        set({ runtime: id, engine: id ? (runtimes[id].descriptor.engines[0] ?? "") : "", mode: "aggregated" });
      }}
    >
      {RUNTIME_IDS.map((id) => (
        <FormControlLabel
          key={id}
          value={id}
          control={<Radio />}
          disabled={served.data?.[id] === false}
          label={
            <span>
              <strong>{runtimes[id].descriptor.displayName}</strong> — {runtimes[id].descriptor.description}
              {served.data?.[id] === false ? " (not installed in this cluster)" : ""}
            </span>
          }
        />
      ))}
    </RadioGroup>
  );
}

/** Engine and serving mode, limited to what the chosen runtime offers. */
export function EngineStep({ form, set, check }: StepProps) {
  if (!form.runtime) return <Typography>Choose a runtime first.</Typography>;
  const { engines, modes } = runtimes[form.runtime].descriptor;
  return (
    <Box display="flex" flexDirection="column" gap={2} maxWidth={360}>
      <TextField
        select
        label="Engine"
        value={form.engine}
        onChange={(e) => set({ engine: e.target.value as Engine })}
        size="small"
        helperText={check.issueFor("engine") ?? " "}
      >
        {engines.map((e) => (
          <MenuItem key={e} value={e}>
            {e}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        label="Serving mode"
        value={form.mode}
        onChange={(e) => set({ mode: e.target.value as WizardForm["mode"] })}
        size="small"
        helperText=" "
      >
        {modes.map((m) => (
          <MenuItem key={m} value={m}>
            {m}
          </MenuItem>
        ))}
      </TextField>
    </Box>
  );
}

export function ResourcesStep(props: StepProps) {
  return (
    <Box display="flex" flexDirection="column" gap={1} maxWidth={480}>
      <Field {...props} field="replicas" path="replicas" label="Replicas" />
      <Field {...props} field="gpusPerReplica" path="gpusPerReplica" label="GPUs per replica" />
      <Field {...props} field="cpu" path="cpu" label="CPU (e.g. 8)" />
      <Field {...props} field="memory" path="memory" label="Memory (e.g. 32Gi)" />
      <Field {...props} field="nodeSelector" path="nodeSelector" label="Node selector (key=value per line)" multiline />
    </Box>
  );
}

export function AdvancedStep(props: StepProps) {
  const { runtime, mode } = props.form;
  return (
    <Box display="flex" flexDirection="column" gap={1} maxWidth={480}>
      <Field {...props} field="engineArgs" path="engineArgs" label="Engine arguments (one per line)" multiline />
      <Field {...props} field="hfSecretName" path="hfTokenSecret" label="Secret with the HuggingFace token (key: token)" />
      <Field {...props} field="contextLength" path="contextLength" label="Context length" />
      {runtime === "kaito" && (
        <Field {...props} field="kaitoInstanceType" path="kaito.instanceType" label="Instance type (node auto-provisioning)" />
      )}
      {runtime === "kaito" && props.form.engine === "llamacpp" && (
        <Field {...props} field="ggufFile" path="kaito.ggufFile" label="GGUF file" />
      )}
      {runtime === "kuberay" && (
        <Field {...props} field="kubeRayMinReplicas" path="kuberay.minReplicas" label="Autoscaling: min replicas" />
      )}
      {runtime === "kuberay" && (
        <Field {...props} field="kubeRayMaxReplicas" path="kuberay.maxReplicas" label="Autoscaling: max replicas" />
      )}
      {runtime === "dynamo" && mode === "disaggregated" && (
        <Field {...props} field="prefillReplicas" path="dynamo.prefillReplicas" label="Prefill replicas" />
      )}
      {runtime === "dynamo" && mode === "disaggregated" && (
        <Field {...props} field="prefillGpus" path="dynamo.prefillGpus" label="GPUs per prefill replica" />
      )}
    </Box>
  );
}
