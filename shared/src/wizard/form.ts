import type { Engine, RuntimeId, ServingMode } from "../schemas/common";

/**
 * The wizard fields both UIs hold the same way. Numbers stay text while the user types (an empty
 * box is not 0) and convert once, in `toConfigInput`. Fields a UI holds its own way (node
 * selectors, tolerations) stay in that UI and are added to the result there.
 */
export interface WizardFields {
  model: string;
  name: string;
  namespace: string;
  runtime: RuntimeId | "";
  engine: Engine | "";
  mode: ServingMode;
  replicas: string;
  gpusPerReplica: string;
  cpu: string;
  memory: string;
  /** One argument per line. */
  engineArgs: string;
  hfSecretName: string;
  contextLength: string;
  kaitoInstanceType: string;
  ggufFile: string;
  kubeRayMinReplicas: string;
  kubeRayMaxReplicas: string;
  dynamoRouter: "kv" | "round-robin";
  prefillReplicas: string;
  prefillGpus: string;
}

/** A fresh form: one replica with one GPU, aggregated serving, everything optional left blank. */
export const emptyWizardFields = (): WizardFields => ({
  model: "",
  name: "",
  namespace: "default",
  runtime: "",
  engine: "",
  mode: "aggregated",
  replicas: "1",
  gpusPerReplica: "1",
  cpu: "",
  memory: "",
  engineArgs: "",
  hfSecretName: "",
  contextLength: "",
  kaitoInstanceType: "",
  ggufFile: "",
  kubeRayMinReplicas: "",
  kubeRayMaxReplicas: "",
  dynamoRouter: "round-robin",
  prefillReplicas: "1",
  prefillGpus: "1",
});

/** `Qwen/Qwen3-0.6B` → `qwen3-0-6b`: a valid RFC 1123 name the user can keep or change. */
export function suggestName(model: string): string {
  const last = model.split("/").at(-1) ?? "";
  return last
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
}

/** A number box: "" → undefined (use the default); junk → NaN, which the schema then reports by field. */
export const parseNumberBox = (s: string): number | undefined => (s.trim() === "" ? undefined : Number(s));

/** A text box: trimmed, or undefined when blank so the key is left out. */
export const optionalText = (s: string): string | undefined => (s.trim() === "" ? undefined : s.trim());

/** One entry per line of a text box, trimmed, blank lines dropped. */
export const nonEmptyLines = (s: string): string[] =>
  s
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

/** `{ [key]: value }` when the value is set, else `{}`: spread into a config so unset keys stay absent. */
const when = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };

/**
 * The shared fields as DeploymentConfig input, with the chosen runtime's own section; `runtime` is
 * undefined until one is picked. Not validated: the caller runs the shared schema on it.
 * `hfSecretKey` is the key inside the token Secret, "token" for a UI that does not ask.
 */
export function toConfigInput(f: WizardFields & { hfSecretKey?: string }): Record<string, unknown> {
  const hf = optionalText(f.hfSecretName);
  const config: Record<string, unknown> = {
    name: f.name.trim(),
    namespace: f.namespace.trim(),
    model: f.model.trim(),
    runtime: f.runtime || undefined,
    engine: f.engine || undefined,
    replicas: parseNumberBox(f.replicas),
    gpusPerReplica: parseNumberBox(f.gpusPerReplica),
    engineArgs: nonEmptyLines(f.engineArgs),
    ...(hf ? { hfTokenSecret: { name: hf, key: (f.hfSecretKey ?? "token").trim() } } : {}),
    ...when("contextLength", parseNumberBox(f.contextLength)),
    ...when("cpu", optionalText(f.cpu)),
    ...when("memory", optionalText(f.memory)),
  };
  switch (f.runtime) {
    case "kaito":
      return {
        ...config,
        kaito: { ...when("instanceType", optionalText(f.kaitoInstanceType)), ...when("ggufFile", optionalText(f.ggufFile)) },
      };
    case "kuberay":
      return {
        ...config,
        kuberay: {
          ...when("minReplicas", parseNumberBox(f.kubeRayMinReplicas)),
          ...when("maxReplicas", parseNumberBox(f.kubeRayMaxReplicas)),
        },
      };
    case "dynamo":
      return {
        ...config,
        mode: f.mode,
        dynamo: { router: f.dynamoRouter, prefillReplicas: parseNumberBox(f.prefillReplicas), prefillGpus: parseNumberBox(f.prefillGpus) },
      };
    default:
      return config;
  }
}
