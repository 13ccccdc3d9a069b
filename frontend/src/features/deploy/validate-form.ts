import { DeploymentConfig, type FieldIssue } from "@kubeairunway/shared";
import { toConfig, type WizardForm } from "./wizard-form";

export const STEPS = ["Model", "Runtime", "Engine and mode", "Resources", "Advanced", "Review"] as const;

/** Which step shows a field, by the first segment of its path in DeploymentConfig. */
const STEP_OF: Record<string, number> = {
  model: 0,
  name: 0,
  namespace: 0,
  runtime: 1,
  engine: 2,
  mode: 2,
  dynamo: 2,
  replicas: 3,
  gpusPerReplica: 3,
  cpu: 3,
  memory: 3,
  nodeSelector: 3,
  tolerations: 3,
  kuberay: 3,
  "kaito.instanceType": 3,
  "kaito.labelSelector": 3,
  engineArgs: 4,
  hfTokenSecret: 4,
  contextLength: 4,
  "kaito.ggufFile": 4,
};

export function stepOfPath(path: string): number {
  const [first = "", second] = path.split(".");
  return STEP_OF[`${first}.${second}`] ?? STEP_OF[first] ?? STEPS.length - 1;
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
