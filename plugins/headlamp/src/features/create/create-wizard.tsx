import { K8s, Router } from "@kinvolk/headlamp-plugin/lib";
import { SectionBox } from "@kinvolk/headlamp-plugin/lib/CommonComponents";
import { Alert, Box, Button, Step, StepLabel, Stepper, Typography } from "@mui/material";
import { useMemo, useState } from "react";
import { useHistory } from "react-router-dom";
import { createManifests } from "../../kube/create";
import { headlampRequest } from "../../kube/headlamp-request";
import { KubeCallError } from "../../kube/request";
import { ROUTES } from "../../routes";
import { ModelStep } from "./model-step";
import { checkForm, emptyForm, STEPS, type WizardForm } from "./wizard-form";
import { AdvancedStep, EngineStep, ResourcesStep, RuntimeStep, type StepProps } from "./wizard-steps";

const STEP_VIEWS = [ModelStep, RuntimeStep, EngineStep, ResourcesStep, AdvancedStep];

/** The rendered manifests (shared `toManifests`) as YAML, and the create button. */
function ReviewStep({ check, creating, onCreate }: Pick<StepProps, "check"> & { creating: boolean; onCreate: () => void }) {
  const { rendered } = check;
  if (!rendered.ok) {
    return <Alert severity="error">{rendered.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}</Alert>;
  }
  return (
    <Box>
      <Typography variant="body2">These objects will be created in the cluster as you:</Typography>
      <Typography component="pre" variant="body2" aria-label="Rendered manifests" sx={{ fontFamily: "monospace", overflowX: "auto" }}>
        {rendered.yaml}
      </Typography>
      <Button variant="contained" onClick={onCreate} disabled={creating}>
        {creating ? "Creating…" : "Create"}
      </Button>
    </Box>
  );
}

/**
 * The web UI's wizard inside Headlamp: model → runtime → engine → resources → advanced → review.
 * Validation is the shared schema's; the objects are the shared core's; they are created as the
 * signed-in user, so RBAC and the audit log see that user.
 */
export function CreateWizard() {
  const cluster = K8s.useCluster();
  const history = useHistory();
  const [form, setForm] = useState<WizardForm>(() => emptyForm());
  const [step, setStep] = useState(0);
  const [creating, setCreating] = useState(false);
  const [failure, setFailure] = useState<string>();
  const check = useMemo(() => checkForm(form), [form]);
  const set = (patch: Partial<WizardForm>) => setForm((f) => ({ ...f, ...patch }));
  const blocked = check.issuesOf(step).length > 0;
  const View = STEP_VIEWS[step];

  const create = async () => {
    if (!check.rendered.ok) return;
    setCreating(true);
    setFailure(undefined);
    try {
      await createManifests(headlampRequest(cluster), check.rendered.manifests);
      const { namespace, name } = check.rendered.config;
      history.push(Router.createRouteURL(ROUTES.deployment.name, { cluster: cluster ?? undefined, namespace, name }));
    } catch (err) {
      const e = KubeCallError.from(err);
      setFailure(e.status === 403 ? `Forbidden: ${e.message}` : e.status === 409 ? `Already exists: ${e.message}` : e.message);
    } finally {
      setCreating(false);
    }
  };

  return (
    <SectionBox title="Create deployment" backLink={Router.createRouteURL(ROUTES.deployments.name)}>
      <Stepper activeStep={step} sx={{ mb: 3 }}>
        {STEPS.map((label) => (
          <Step key={label}>
            <StepLabel>{label}</StepLabel>
          </Step>
        ))}
      </Stepper>
      {View ? <View form={form} set={set} check={check} /> : <ReviewStep check={check} creating={creating} onCreate={create} />}
      {failure && (
        <Alert severity="error" sx={{ mt: 2 }}>
          {failure}
        </Alert>
      )}
      <Box display="flex" gap={1} mt={2}>
        <Button disabled={step === 0} onClick={() => setStep((s) => s - 1)}>
          Back
        </Button>
        {step < STEPS.length - 1 && (
          <Button variant="outlined" disabled={blocked} onClick={() => setStep((s) => s + 1)}>
            Next
          </Button>
        )}
      </Box>
    </SectionBox>
  );
}
