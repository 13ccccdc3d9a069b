import type { FieldIssue } from "@kubeairunway/shared/errors";
import type { Engine, RuntimeId, ServingMode } from "@kubeairunway/shared/schemas/common";
import type { DeploymentConfigInput } from "@kubeairunway/shared/schemas/deployment-config";
import { type Rendered, renderDeployment } from "../../kube/create";

/** What the wizard's fields hold; numbers stay strings while typed and convert once, in `toConfig`. */
export interface WizardForm {
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
  /** One `key=value` per line. */
  nodeSelector: string;
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

/** The web UI's steps, in order. */
export const STEPS = ["Model", "Runtime", "Engine", "Resources", "Advanced", "Review"] as const;

/** Which config fields each step owns: an issue blocks only its own step. */
const STEP_FIELDS: string[][] = [
  ["model", "name", "namespace"],
  ["runtime"],
  ["engine", "mode"],
  ["replicas", "gpusPerReplica", "cpu", "memory", "nodeSelector"],
  ["engineArgs", "hfTokenSecret", "contextLength", "kaito", "kuberay", "dynamo", "tolerations"],
  [],
];

export const emptyForm = (namespace = "default"): WizardForm => ({
  model: "",
  name: "",
  namespace,
  runtime: "",
  engine: "",
  mode: "aggregated",
  replicas: "1",
  gpusPerReplica: "1",
  cpu: "",
  memory: "",
  nodeSelector: "",
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

/** `Qwen/Qwen3-0.6B` → `qwen3-0-6b`, a valid name the user can keep or change. */
export function suggestName(model: string): string {
  const last = model.split("/").at(-1) ?? "";
  return last
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
}

const num = (s: string): number | undefined => (s.trim() === "" ? undefined : Number(s));
const opt = (s: string): string | undefined => (s.trim() === "" ? undefined : s.trim());
const lines = (s: string) =>
  s
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

/** The fields as the shared DeploymentConfig input (the schema then validates it). */
export function toConfig(f: WizardForm): DeploymentConfigInput | Record<string, unknown> {
  const hf = opt(f.hfSecretName);
  const base = {
    name: f.name.trim(),
    namespace: f.namespace.trim(),
    model: f.model.trim(),
    runtime: f.runtime || undefined,
    engine: f.engine || undefined,
    replicas: num(f.replicas),
    gpusPerReplica: num(f.gpusPerReplica),
    nodeSelector: Object.fromEntries(
      lines(f.nodeSelector).map((l) => [l.split("=")[0]?.trim() ?? "", l.split("=").slice(1).join("=").trim()]),
    ),
    engineArgs: lines(f.engineArgs),
    ...(hf ? { hfTokenSecret: { name: hf, key: "token" } } : {}),
    ...(num(f.contextLength) === undefined ? {} : { contextLength: num(f.contextLength) }),
    ...(opt(f.cpu) ? { cpu: f.cpu.trim() } : {}),
    ...(opt(f.memory) ? { memory: f.memory.trim() } : {}),
  };
  if (f.runtime === "kaito") {
    return {
      ...base,
      kaito: {
        ...(opt(f.kaitoInstanceType) ? { instanceType: f.kaitoInstanceType.trim() } : {}),
        ...(opt(f.ggufFile) ? { ggufFile: f.ggufFile.trim() } : {}),
      },
    };
  }
  if (f.runtime === "kuberay") {
    const kuberay = {
      ...(num(f.kubeRayMinReplicas) === undefined ? {} : { minReplicas: num(f.kubeRayMinReplicas) }),
      ...(num(f.kubeRayMaxReplicas) === undefined ? {} : { maxReplicas: num(f.kubeRayMaxReplicas) }),
    };
    return { ...base, kuberay };
  }
  if (f.runtime === "dynamo") {
    return {
      ...base,
      mode: f.mode,
      dynamo: { router: f.dynamoRouter, prefillReplicas: num(f.prefillReplicas), prefillGpus: num(f.prefillGpus) },
    };
  }
  return base;
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
  const top = (i: FieldIssue) => i.path.split(".")[0] ?? "";
  return {
    rendered,
    issuesOf: (step) => issues.filter((i) => STEP_FIELDS[step]?.includes(top(i))),
    issueFor: (path) => issues.find((i) => i.path === path || i.path.startsWith(`${path}.`))?.message,
  };
}
