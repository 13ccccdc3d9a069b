import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Card from "@mui/material/Card";
import CardContent from "@mui/material/CardContent";
import Grid from "@mui/material/Grid";
import Stack from "@mui/material/Stack";
import Step from "@mui/material/Step";
import StepButton from "@mui/material/StepButton";
import Stepper from "@mui/material/Stepper";
import { useSearchParams } from "react-router";
import { ErrorState } from "../../components/ui/error-state";
import { PageHeader } from "../../components/ui/page-header";
import { YamlPreview } from "./components/yaml-preview";
import { AdvancedStep } from "./steps/advanced-step";
import { EngineStep } from "./steps/engine-step";
import { ModelStep } from "./steps/model-step";
import { ResourcesStep } from "./steps/resources-step";
import { ReviewStep } from "./steps/review-step";
import { RuntimeStep } from "./steps/runtime-step";
import { useDeployWizard } from "./use-deploy-wizard";
import { STEPS } from "./validate-form";
import { WizardContext } from "./wizard-context";

/** The deploy wizard: six steps, any of them reachable, with the rendered manifest beside them. */
export function DeployPage() {
  const [params] = useSearchParams();
  const wizard = useDeployWizard(params.get("model") ?? "");
  const { step, setStep } = wizard;
  const last = step === STEPS.length - 1;
  const body = [
    <ModelStep key="model" />,
    <RuntimeStep key="runtime" />,
    <EngineStep key="engine" />,
    <ResourcesStep key="resources" />,
    <AdvancedStep key="advanced" />,
    <ReviewStep key="review" warnings={wizard.warnings} onGoTo={setStep} />,
  ][step];
  return (
    <WizardContext.Provider value={wizard.context}>
      <PageHeader title="Deploy a model" subtitle="Choose a model and a runtime; the manifest on the right updates as you go." />
      {wizard.providers.isError ? (
        <ErrorState title="Could not load runtimes" error={wizard.providers.error} onRetry={() => void wizard.providers.refetch()} />
      ) : null}
      <Grid container spacing={3}>
        <Grid size={{ xs: 12, lg: 7 }}>
          <Card>
            <CardContent>
              <Stepper nonLinear alternativeLabel activeStep={step} sx={{ mb: 3 }} aria-label="Deploy steps">
                {STEPS.map((label, i) => (
                  <Step key={label} completed={false}>
                    <StepButton
                      onClick={() => setStep(i)}
                      aria-current={i === step ? "step" : undefined}
                      optional={
                        wizard.stepHasErrors(i) ? (
                          <Box component="span" sx={{ color: "error.main", fontSize: 12 }}>
                            needs attention
                          </Box>
                        ) : undefined
                      }
                    >
                      {label}
                    </StepButton>
                  </Step>
                ))}
              </Stepper>
              <Box component="section" aria-label={STEPS[step]} sx={{ minHeight: 280 }}>
                {body}
              </Box>
              {wizard.create.isError ? (
                <Box sx={{ mt: 2 }}>
                  <ErrorState title="The deployment was not created" error={wizard.create.error} />
                </Box>
              ) : null}
              <Stack direction="row" spacing={1} sx={{ mt: 3, justifyContent: "space-between" }}>
                <Button disabled={step === 0} onClick={() => setStep(step - 1)}>
                  Back
                </Button>
                {last ? (
                  <Button variant="contained" onClick={wizard.submit} disabled={wizard.create.isPending}>
                    {wizard.create.isPending ? "Creating…" : "Create deployment"}
                  </Button>
                ) : (
                  <Button variant="contained" onClick={() => setStep(step + 1)}>
                    Next
                  </Button>
                )}
              </Stack>
            </CardContent>
          </Card>
        </Grid>
        <Grid size={{ xs: 12, lg: 5 }}>
          <Box sx={{ position: { lg: "sticky" }, top: { lg: 72 } }}>
            <YamlPreview
              data={wizard.render.data}
              fetching={wizard.render.isFetching}
              error={wizard.render.error}
              blocked={wizard.blocked}
            />
          </Box>
        </Grid>
      </Grid>
    </WizardContext.Provider>
  );
}
