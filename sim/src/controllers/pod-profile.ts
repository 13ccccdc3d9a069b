/**
 * What a simulated container is: which engine it runs, which model, on which ports it answers.
 * Read from the pod the way a person would read it (operator labels, image, command line), so pods
 * created by hand behave like operator-made ones; operators may add a hint (e.g. Ray's model lives
 * in the RayService, not in the pod).
 */
import type { KubeObject } from "../store/types";

export type EngineRole =
  | "vllm"
  | "sglang"
  | "trtllm"
  | "llamacpp"
  | "transformers"
  | "ray-head"
  | "ray-worker"
  | "dynamo-frontend"
  | "dynamo-worker"
  | "generic";

export interface ContainerProfile {
  role: EngineRole;
  /** Engine behind a Ray or Dynamo worker (`vllm`, `sglang`, `trtllm`). */
  engine?: "vllm" | "sglang" | "trtllm";
  /** HuggingFace id / preset the container loads; empty for frontends and operators. */
  model: string;
  /** Name clients use in requests (`--served-model-name`, Ray's model_id). */
  servedModel: string;
  /** Port that answers `/metrics` (and for API servers `/v1/models`, `/health`). */
  metricsPort?: number;
  apiPort?: number;
  /** Dynamo disaggregation role. */
  subComponent?: "prefill" | "decode";
  /** Prefix for metric names (Ray Serve puts `ray_` in front of vLLM's). */
  metricPrefix?: string;
}

/** Extra facts an operator knows about a pod it creates, keyed by `<namespace>/<pod>`. */
export type ProfileHints = Map<string, Partial<ContainerProfile>>;

interface ContainerLike {
  name: string;
  image?: string;
  command?: string[];
  args?: string[];
  env?: { name: string; value?: string }[];
  ports?: { containerPort: number; name?: string }[];
}

/**
 * The value of the first of `flags` (in priority order) given as `--flag value` or `--flag=value`
 * in a command line. Flags are tried in order rather than by position so `python3 -m dynamo.vllm
 * --model X` yields X: the interpreter's `-m <module>` is never taken for llama.cpp's `-m <model>`.
 */
export function flagValue(argv: string[], ...flags: string[]): string | undefined {
  for (const flag of flags) {
    const value = singleFlagValue(argv, flag);
    if (value !== undefined) return value;
  }
  return undefined;
}

function singleFlagValue(argv: string[], flag: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === flag && !(flag === "-m" && /(^|\/)python[\d.]*$/.test(argv[i - 1] ?? ""))) return argv[i + 1];
    if (arg.startsWith(`${flag}=`)) return arg.slice(flag.length + 1);
    // `sh -c "python ... --model x"`: look inside the shell string.
    if (arg.includes(" ")) {
      const inner = singleFlagValue(arg.split(/\s+/), flag);
      if (inner) return inner;
    }
  }
  return undefined;
}

function argvOf(c: ContainerLike): string[] {
  return [...(c.command ?? []), ...(c.args ?? [])];
}

function portOf(c: ContainerLike, argv: string[], fallback: number): number {
  const flag = flagValue(argv, "--port");
  if (flag && Number.isFinite(Number(flag))) return Number(flag);
  return c.ports?.[0]?.containerPort ?? fallback;
}

/** The profile of one container of `pod`. */
export function profileContainer(pod: KubeObject, container: ContainerLike, hint: Partial<ContainerProfile> = {}): ContainerProfile {
  const labels = pod.metadata.labels ?? {};
  const argv = argvOf(container);
  const joined = `${container.image ?? ""} ${argv.join(" ")}`;
  const model =
    hint.model ??
    flagValue(argv, "--model", "--model-path", "--model-name", "-m", "--hf-repo", "-hf", "--pretrained_model_name_or_path") ??
    container.env?.find((e) => e.name === "MODEL_ID")?.value ??
    "";
  const servedModel = hint.servedModel ?? flagValue(argv, "--served-model-name") ?? model;
  const base = { model, servedModel };
  const engineOf = (): "vllm" | "sglang" | "trtllm" =>
    /sglang/.test(joined) ? "sglang" : /trtllm|tensorrt/.test(joined) ? "trtllm" : "vllm";

  if (labels["nvidia.com/dynamo-component-type"] === "frontend" || /dynamo\.frontend/.test(joined)) {
    return { role: "dynamo-frontend", ...base, apiPort: 8000, metricsPort: 8000, ...hint };
  }
  if (labels["nvidia.com/dynamo-component-type"] === "worker" || /dynamo\.(vllm|sglang|trtllm)/.test(joined)) {
    const sub = labels["nvidia.com/dynamo-sub-component-type"] ?? flagValue(argv, "--disaggregation-mode");
    return {
      role: "dynamo-worker",
      engine: engineOf(),
      ...base,
      metricsPort: 9090,
      ...(sub === "prefill" || sub === "decode" ? { subComponent: sub } : {}),
      ...hint,
    };
  }
  if (labels["ray.io/node-type"] === "head") return { role: "ray-head", ...base, apiPort: 8000, metricsPort: 8080, ...hint };
  if (labels["ray.io/node-type"] === "worker") {
    return { role: "ray-worker", engine: "vllm", ...base, apiPort: 8000, metricsPort: 8080, metricPrefix: "ray_", ...hint };
  }
  if (/llama[.-]cpp|llama-server|aikit/.test(joined)) return { role: "llamacpp", ...base, ...portsFor(container, argv, 8080), ...hint };
  if (/sglang/.test(joined)) return { role: "sglang", ...base, ...portsFor(container, argv, 30000), ...hint };
  if (/vllm/.test(joined) || labels["kaito.sh/workspace"]) {
    const role = /inference_api\.py|accelerate/.test(joined) && !/vllm/.test(joined) ? "transformers" : "vllm";
    return { role, ...base, ...portsFor(container, argv, labels["kaito.sh/workspace"] ? 5000 : 8000), ...hint };
  }
  return { role: "generic", ...base, ...hint };
}

function portsFor(c: ContainerLike, argv: string[], fallback: number): { apiPort: number; metricsPort: number } {
  const port = portOf(c, argv, fallback);
  return { apiPort: port, metricsPort: port };
}

/** Profiles of all containers of a pod, in spec order. */
export function profilePod(pod: KubeObject, hints?: ProfileHints): ContainerProfile[] {
  const containers = ((pod.spec as { containers?: ContainerLike[] } | undefined)?.containers ?? []) as ContainerLike[];
  const ns = pod.metadata.namespace ?? "";
  // Hints are keyed by pod (`ns/name`) or by a label the operator sets (`ns/ray.io/cluster=x`).
  let hint = hints?.get(`${ns}/${pod.metadata.name}`);
  for (const [k, v] of Object.entries(pod.metadata.labels ?? {})) hint ??= hints?.get(`${ns}/${k}=${v}`);
  hint ??= {};
  return containers.map((c, i) => profileContainer(pod, c, i === 0 ? hint : {}));
}

/** Whether this container loads model weights onto GPUs (and so can run out of GPU memory). */
export function loadsModel(profile: ContainerProfile): boolean {
  return profile.model !== "" && !["dynamo-frontend", "ray-head", "generic"].includes(profile.role);
}
