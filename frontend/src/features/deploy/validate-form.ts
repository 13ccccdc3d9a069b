import {
  COMMON_STEP_OWNERS,
  DeploymentConfig,
  type FieldIssue,
  type StepOwners,
  stepOfPath as sharedStepOfPath,
  stepLabels,
  WIZARD_STEPS,
} from "@kubeairunway/shared";
import { toConfig, type WizardForm } from "./wizard-form";

export const STEPS = stepLabels({ engine: "Engine and mode" });

/** Where this UI shows the runtime sections: next to what they extend (mode, replicas, the model). */
const STEP_OWNERS: StepOwners = {
  ...COMMON_STEP_OWNERS,
  dynamo: "engine",
  tolerations: "resources",
  kuberay: "resources",
  "kaito.instanceType": "resources",
  "kaito.labelSelector": "resources",
  "kaito.ggufFile": "advanced",
};

/** The index of the step that shows a field; Review for anything no step shows. */
export function stepOfPath(path: string): number {
  return WIZARD_STEPS.indexOf(sharedStepOfPath(STEP_OWNERS, path) ?? "review");
}

const RUNTIME_SPECIFIC = /^(engine|mode|kaito|kuberay|dynamo)(\.|$)/;

export type FieldErrors = Record<string, string>;

/**
 * Checks the form with the same zod schema the backend uses, so the wizard can name the field
 * before anything is sent. Returns one message per dotted path.
 */
export function validateForm(form: WizardForm): FieldErrors {
  const errors: FieldErrors = {};
  if (!form.runtime) errors.runtime = "choose a runtime";
  if (!form.engine) errors.engine = "choose an engine";
  // Before a runtime is chosen, still check the fields every runtime shares (name, model, …).
  const chosen = Boolean(form.runtime);
  const config = toConfig(chosen ? form : { ...form, runtime: "kaito", engine: "vllm" });
  const parsed = DeploymentConfig.safeParse(config);
  if (parsed.success) return errors;
  for (const issue of parsed.error.issues) {
    const path = issue.path.map(String).join(".") || "(root)";
    if (path === "engine" && errors.engine) continue;
    if (!chosen && RUNTIME_SPECIFIC.test(path)) continue;
    errors[path] ??= friendly(issue.message);
  }
  return errors;
}

/** zod's "Invalid input: expected number, received NaN" means "not a number" to a person. */
function friendly(message: string): string {
  if (/expected number, received NaN/i.test(message)) return "must be a number";
  if (/Invalid option: expected one of/i.test(message)) return `must be one of ${message.replace(/^.*expected one of /i, "")}`;
  return message;
}

/** Server-reported field issues (from render or create) merged under the client's own. */
export function mergeIssues(client: FieldErrors, server: FieldIssue[]): FieldErrors {
  const merged = { ...client };
  for (const issue of server) merged[issue.path] ??= issue.message;
  return merged;
}

/** The message for a field, or for anything inside it (e.g. `tolerations.0.key` for `tolerations`). */
export function messageFor(errors: FieldErrors, path: string): string | undefined {
  if (errors[path]) return errors[path];
  const nested = Object.keys(errors).find((p) => p.startsWith(`${path}.`));
  return nested ? `${nested.slice(path.length + 1)}: ${errors[nested]}` : undefined;
}
