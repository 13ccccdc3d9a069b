import type { FieldIssue } from "@kubeairunway/shared/errors";
import type { DeploymentConfigInput } from "@kubeairunway/shared/schemas/deployment-config";
import { emptyWizardFields, nonEmptyLines, toConfigInput, type WizardFields } from "@kubeairunway/shared/wizard/form";
import { COMMON_STEP_OWNERS, type StepOwners, stepLabels, stepOfPath, WIZARD_STEPS } from "@kubeairunway/shared/wizard/steps";
import { type Rendered, renderDeployment } from "../../kube/create";

/** What the wizard's fields hold: the shared `WizardFields`, with node selectors as text. */
export interface WizardForm extends WizardFields {
  /** One `key=value` per line. */
  nodeSelector: string;
}

/** The web UI's steps, in order. */
export const STEPS = stepLabels();

/** Which config fields each step owns (an issue blocks only its own step): runtime sections are Advanced. */
const STEP_OWNERS: StepOwners = {
  ...COMMON_STEP_OWNERS,
  kaito: "advanced",
  kuberay: "advanced",
  dynamo: "advanced",
  tolerations: "advanced",
};

export const emptyForm = (namespace = "default"): WizardForm => ({ ...emptyWizardFields(), namespace, nodeSelector: "" });

/** The fields as the shared DeploymentConfig input (the schema then validates it). */
export function toConfig(f: WizardForm): DeploymentConfigInput | Record<string, unknown> {
  const nodeSelector = Object.fromEntries(
    nonEmptyLines(f.nodeSelector).map((l) => [l.split("=")[0]?.trim() ?? "", l.split("=").slice(1).join("=").trim()]),
  );
  return { ...toConfigInput(f), nodeSelector };
}

export interface WizardCheck {
  rendered: Rendered;
  /** Issues of one step, by the top-level config field they belong to. */
  issuesOf(step: number): FieldIssue[];
  /** First issue for a field path prefix (e.g. `name`, `kaito.ggufFile`). */
  issueFor(path: string): string | undefined;
}

/** Validates the whole form with the shared schema, and attributes each issue to its step. */
export function checkForm(f: WizardForm): WizardCheck {
  // Until a runtime is picked the union cannot be checked; check the common fields as if KAITO/vLLM.
  const provisional = f.runtime ? f : { ...f, runtime: "kaito" as const, engine: "vllm" as const };
  const rendered = f.runtime ? renderDeployment(toConfig(f)) : ({ ok: false, issues: [] } as Rendered);
  const common = f.runtime ? rendered : renderDeployment(toConfig(provisional));
  const issues = [
    ...(common.ok ? [] : common.issues.filter((i) => f.runtime || !["engine", "kaito"].includes(i.path.split(".")[0] ?? ""))),
    ...(f.runtime ? [] : [{ path: "runtime", message: "choose a runtime" }]),
  ];
  return {
    rendered,
    issuesOf: (step) => issues.filter((i) => stepOfPath(STEP_OWNERS, i.path) === WIZARD_STEPS[step]),
    issueFor: (path) => issues.find((i) => i.path === path || i.path.startsWith(`${path}.`))?.message,
  };
}
