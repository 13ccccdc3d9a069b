import type { DeploymentConfigInput, Engine, RuntimeId, ServingMode, Toleration } from "@kubeairunway/shared";

/**
 * What the wizard's fields hold. Numbers stay strings while the user types (an empty box is not 0),
 * and are converted once, in `toConfig`, into the shared DeploymentConfig input.
 */
export interface WizardForm {
  model: string;
  name: string;
  nameEdited: boolean;
  namespace: string;
  runtime: RuntimeId | "";
  engine: Engine | "";
  mode: ServingMode;
  replicas: string;
  gpusPerReplica: string;
  cpu: string;
  memory: string;
  nodeSelector: { key: string; value: string }[];
  tolerations: { key: string; operator: "Exists" | "Equal"; value: string; effect: "" | NonNullable<Toleration["effect"]> }[];
  kaitoInstanceType: string;
  kubeRayMinReplicas: string;
  kubeRayMaxReplicas: string;
  dynamoRouter: "kv" | "round-robin";
  prefillReplicas: string;
  prefillGpus: string;
  engineArgs: string;
  hfSecretName: string;
  hfSecretKey: string;
  contextLength: string;
  ggufFile: string;
}

export const emptyForm = (model = ""): WizardForm => ({
  model,
  name: suggestName(model),
  nameEdited: false,
  namespace: "default",
  runtime: "",
  engine: "",
  mode: "aggregated",
  replicas: "1",
  gpusPerReplica: "1",
  cpu: "",
  memory: "",
  nodeSelector: [],
  tolerations: [],
  kaitoInstanceType: "",
  kubeRayMinReplicas: "",
  kubeRayMaxReplicas: "",
  dynamoRouter: "round-robin",
  prefillReplicas: "1",
  prefillGpus: "1",
  engineArgs: "",
  hfSecretName: "",
  hfSecretKey: "token",
  contextLength: "",
  ggufFile: "",
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

/** "" → undefined; anything else → a number (NaN for junk, which the schema then reports). */
const num = (s: string): number | undefined => (s.trim() === "" ? undefined : Number(s));
const opt = (s: string): string | undefined => (s.trim() === "" ? undefined : s.trim());

function common(f: WizardForm) {
  const hf = opt(f.hfSecretName);
  return {
    name: f.name.trim(),
    namespace: f.namespace.trim(),
    model: f.model.trim(),
    replicas: num(f.replicas),
    gpusPerReplica: num(f.gpusPerReplica),
    nodeSelector: Object.fromEntries(f.nodeSelector.filter((e) => e.key.trim()).map((e) => [e.key.trim(), e.value.trim()])),
    tolerations: f.tolerations.map((t) => ({
      ...(opt(t.key) ? { key: t.key.trim() } : {}),
      operator: t.operator,
      ...(t.operator === "Equal" && opt(t.value) ? { value: t.value.trim() } : {}),
      ...(t.effect ? { effect: t.effect } : {}),
    })),
    engineArgs: f.engineArgs
      .split("\n")
      .map((a) => a.trim())
      .filter(Boolean),
    ...(hf ? { hfTokenSecret: { name: hf, key: f.hfSecretKey.trim() } } : {}),
    ...(num(f.contextLength) === undefined ? {} : { contextLength: num(f.contextLength) }),
    ...(opt(f.cpu) ? { cpu: f.cpu.trim() } : {}),
    ...(opt(f.memory) ? { memory: f.memory.trim() } : {}),
  };
}

/** The wizard's fields as the shared DeploymentConfig input, or undefined until a runtime is picked. */
export function toConfig(f: WizardForm): DeploymentConfigInput | undefined {
  const base = common(f);
  const engine = f.engine || undefined;
  switch (f.runtime) {
    case "kaito":
      return {
        ...base,
        runtime: "kaito",
        engine: engine as "vllm" | "llamacpp",
        kaito: {
          ...(opt(f.kaitoInstanceType) ? { instanceType: f.kaitoInstanceType.trim() } : {}),
          ...(opt(f.ggufFile) ? { ggufFile: f.ggufFile.trim() } : {}),
        },
      } as DeploymentConfigInput;
    case "kuberay":
      return {
        ...base,
        runtime: "kuberay",
        engine: engine as "vllm",
        kuberay: {
          ...(num(f.kubeRayMinReplicas) === undefined ? {} : { minReplicas: num(f.kubeRayMinReplicas) }),
          ...(num(f.kubeRayMaxReplicas) === undefined ? {} : { maxReplicas: num(f.kubeRayMaxReplicas) }),
        },
      } as DeploymentConfigInput;
    case "dynamo":
      return {
        ...base,
        runtime: "dynamo",
        engine: engine as "vllm",
        mode: f.mode,
        dynamo: { router: f.dynamoRouter, prefillReplicas: num(f.prefillReplicas), prefillGpus: num(f.prefillGpus) },
      } as DeploymentConfigInput;
    default:
      return undefined;
  }
}
