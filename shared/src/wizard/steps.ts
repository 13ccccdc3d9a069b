/**
 * The deploy wizard's steps, in order, shared by the web UI and the Headlamp plugin. Each UI labels
 * them and decides which config fields it shows on which step (its `StepOwners`).
 */
export const WIZARD_STEPS = ["model", "runtime", "engine", "resources", "advanced", "review"] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];

const LABELS: Record<WizardStep, string> = {
  model: "Model",
  runtime: "Runtime",
  engine: "Engine",
  resources: "Resources",
  advanced: "Advanced",
  review: "Review",
};

/** The steps' labels in order; a UI may rename a step (`{ engine: "Engine and mode" }`). */
export const stepLabels = (renamed: Partial<Record<WizardStep, string>> = {}): string[] =>
  WIZARD_STEPS.map((id) => renamed[id] ?? LABELS[id]);

/**
 * Which step shows each DeploymentConfig field, by top-level key (`replicas`) or by `key.sub` where
 * one object's fields are spread over several steps (`kaito.ggufFile`). A more specific key wins.
 */
export type StepOwners = Readonly<Record<string, WizardStep>>;

/**
 * Where both UIs show the fields every runtime has. Each UI adds the fields it places its own way
 * (tolerations and the runtime sections `kaito`, `kuberay`, `dynamo`).
 */
export const COMMON_STEP_OWNERS: StepOwners = {
  model: "model",
  name: "model",
  namespace: "model",
  runtime: "runtime",
  engine: "engine",
  mode: "engine",
  replicas: "resources",
  gpusPerReplica: "resources",
  cpu: "resources",
  memory: "resources",
  nodeSelector: "resources",
  engineArgs: "advanced",
  hfTokenSecret: "advanced",
  contextLength: "advanced",
};

/**
 * The step that owns an issue's path (`tolerations.0.key` → the owner of `tolerations`), so a
 * validation issue blocks only its own step; undefined when no step claims it.
 */
export function stepOfPath(owners: StepOwners, path: string): WizardStep | undefined {
  const [first = "", second] = path.split(".");
  const own = (key: string) => (Object.hasOwn(owners, key) ? owners[key] : undefined);
  return (second === undefined ? undefined : own(`${first}.${second}`)) ?? own(first);
}
