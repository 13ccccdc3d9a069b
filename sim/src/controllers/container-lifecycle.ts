/**
 * One container's life on the simulated kubelet: image pull (or ImagePullBackOff), create, start,
 * scripted startup log with a model-load delay scaled by model size, Ready; and the failure modes —
 * CUDA out of memory when the model does not fit the GPUs (CrashLoopBackOff with restarts), and
 * OOMKilled when the memory limit is below what loading needs.
 */
import { cudaOomLines, gatedRepoLines, type LogFacts, oomKilledLines, requestLines, startupScript } from "./log-lines";
import { createEngineMetrics } from "./metrics-exporter";
import { modelSize } from "./model-sizes";
import { loadsModel } from "./pod-profile";
import { appendLog, type ContainerRun, cancelContainer, endFollowers, type PodRun } from "./pod-runs";
import type { ControllerRuntime } from "./runtime";

/** Registries a pull can reach in the sim; anything else fails like an unreachable host. */
export const REGISTRY_ALLOWLIST = [
  "docker.io",
  "nvcr.io",
  "mcr.microsoft.com",
  "ghcr.io",
  "quay.io",
  "registry.k8s.io",
  "gcr.io",
  "public.ecr.aws",
  "rocm",
];

interface EnvSource {
  env?: { valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean } } }[];
  envFrom?: { secretRef?: { name: string; optional?: boolean } }[];
}

/**
 * The kubelet's error for a container whose env refers to a Secret (or key) that does not exist,
 * worded as kubelet words it; `getSecret` reads the pod's namespace.
 */
export function containerConfigError(
  container: EnvSource,
  namespace: string,
  getSecret: (name: string) => { data?: Record<string, string>; stringData?: Record<string, string> } | undefined,
): string | undefined {
  for (const ref of container.envFrom ?? []) {
    const name = ref.secretRef?.name;
    if (name && !ref.secretRef?.optional && !getSecret(name)) return `secret "${name}" not found`;
  }
  for (const entry of container.env ?? []) {
    const ref = entry.valueFrom?.secretKeyRef;
    if (!ref || ref.optional) continue;
    const secret = getSecret(ref.name);
    if (!secret) return `secret "${ref.name}" not found`;
    if (!(ref.key in { ...secret.data, ...secret.stringData })) return `couldn't find key ${ref.key} in Secret ${namespace}/${ref.name}`;
  }
  return undefined;
}

/** Why pulling `image` fails, or `undefined` when it succeeds. */
export function imagePullError(image: string): string | undefined {
  const first = image.split("/")[0] ?? "";
  const registry = image.includes("/") && (first.includes(".") || first.includes(":") || first === "localhost") ? first : "docker.io";
  const ref =
    registry === "docker.io" && !image.startsWith("docker.io/") ? `docker.io/${image.includes("/") ? image : `library/${image}`}` : image;
  if (!REGISTRY_ALLOWLIST.includes(registry) && !registry.endsWith(".azurecr.io")) {
    return `failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": failed to do request: Head "https://${registry}/v2/": dial tcp: lookup ${registry}: no such host`;
  }
  if (/doesnotexist|does-not-exist|nonexistent/i.test(image)) {
    return `failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": ${ref}: not found`;
  }
  return undefined;
}

/** Everything a container needs from its pod and kubelet. */
export interface ContainerEnv {
  rt: ControllerRuntime;
  run: PodRun;
  facts: LogFacts;
  /** Memory limit of the container in bytes (Infinity when unset). */
  memoryLimit: number;
  /** GPUs the container got. */
  gpus: number;
  /** Images already on the node (pulls are skipped, as with IfNotPresent). */
  nodeImages: Set<string>;
  /** Whether the container gets a HuggingFace token (HF_TOKEN / HUGGING_FACE_HUB_TOKEN or an envFrom Secret). */
  hasHfToken: boolean;
  /** Why the container's environment cannot be built now (a missing Secret or key), if so. */
  configError: () => string | undefined;
  event: (type: "Normal" | "Warning", reason: string, message: string) => void;
  writeStatus: () => void;
}

const BACKOFF = [10, 20, 40, 80, 160, 300];
const backoff = (n: number) => BACKOFF[Math.min(n, BACKOFF.length - 1)] ?? 300;
const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

type Failure = "gated" | "cuda-oom" | "no-gpu" | "oom-killed";
const FAIL_AT: Record<Failure, number> = { gated: 0.05, "oom-killed": 0.35, "cuda-oom": 0.56, "no-gpu": 0.56 };

/** Simulated seconds from start to Ready: engine start-up plus download/load proportional to the weights. */
export function loadSeconds(c: ContainerRun): number {
  if (!loadsModel(c.profile)) return c.profile.role === "generic" ? 2 : 6;
  return Math.min(120, 8 + modelSize(c.profile.model).weightsGiB * 1.2);
}

/** What goes wrong when this container loads its model, if anything. */
export function loadFailure(
  c: ContainerRun,
  env: Pick<ContainerEnv, "facts" | "gpus" | "memoryLimit" | "hasHfToken">,
): Failure | undefined {
  if (!loadsModel(c.profile)) return undefined;
  const size = modelSize(c.profile.model);
  if (size.gated && !env.hasHfToken) return "gated";
  if (env.memoryLimit < size.weightsGiB * 0.5 * 2 ** 30) return "oom-killed";
  if (c.profile.role === "llamacpp") return undefined;
  if (env.gpus === 0) return "no-gpu";
  if (size.minGpuMemoryGiB > env.gpus * env.facts.gpuMemoryGiB) return "cuda-oom";
  return undefined;
}

/** Begins (or restarts) a container: pull, then create and start. */
export function startContainer(env: ContainerEnv, c: ContainerRun, pullAttempt = 0): void {
  const { rt } = env;
  const error = imagePullError(c.image);
  const cached = env.nodeImages.has(c.image) && !error;
  if (cached) {
    env.event("Normal", "Pulled", `Container image "${c.image}" already present on machine`);
    c.cancels.push(rt.after(0.2, () => createAndStart(env, c)));
    return;
  }
  env.event("Normal", "Pulling", `Pulling image "${c.image}"`);
  // Engine images are 8-20 GB; operator and utility images pull in a second or two.
  const heavy = /vllm|sglang|ray-llm|-runtime|tensorrt|kaito-base|llama\.cpp/.test(c.image);
  const pullSeconds = heavy ? 6 + rt.random() * 6 : 1 + rt.random() * 2;
  c.cancels.push(
    rt.after(error ? 1.5 : pullSeconds, () => {
      if (error) {
        env.event("Warning", "Failed", `Failed to pull image "${c.image}": ${error}`);
        env.event("Warning", "Failed", "Error: ErrImagePull");
        c.phase = { state: "waiting", reason: "ErrImagePull", message: error };
        env.writeStatus();
        c.cancels.push(
          rt.after(1, () => {
            env.event("Normal", "BackOff", `Back-off pulling image "${c.image}"`);
            env.event("Warning", "Failed", "Error: ImagePullBackOff");
            c.phase = {
              state: "waiting",
              reason: "ImagePullBackOff",
              message: `Back-off pulling image "${c.image}": ErrImagePull: ${error}`,
            };
            env.writeStatus();
            c.cancels.push(rt.after(backoff(pullAttempt), () => startContainer(env, c, pullAttempt + 1)));
          }),
        );
        return;
      }
      env.nodeImages.add(c.image);
      const size = heavy ? 9_000_000_000 + Math.floor(rt.random() * 4_000_000_000) : 50_000_000 + Math.floor(rt.random() * 200_000_000);
      const took = `${pullSeconds.toFixed(3)}s`;
      env.event(
        "Normal",
        "Pulled",
        `Successfully pulled image "${c.image}" in ${took} (${took} including waiting). Image size: ${size} bytes.`,
      );
      c.imageID = `${c.image.split(":")[0]}@sha256:${hex(rt.random, 64)}`;
      createAndStart(env, c);
    }),
  );
}

function hex(random: () => number, n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) s += Math.floor(random() * 16).toString(16);
  return s;
}

function createAndStart(env: ContainerEnv, c: ContainerRun): void {
  const { rt } = env;
  const configError = env.configError();
  if (configError) {
    // The kubelet retries the pod sync; the container starts once the Secret exists.
    env.event("Warning", "Failed", `Error: ${configError}`);
    c.phase = { state: "waiting", reason: "CreateContainerConfigError", message: configError };
    env.writeStatus();
    c.cancels.push(rt.after(10, () => startContainer(env, c)));
    return;
  }
  env.event("Normal", "Created", `Created container: ${c.name}`);
  env.event("Normal", "Started", `Started container ${c.name}`);
  const startedAt = iso(rt.now());
  c.containerID = `containerd://${hex(rt.random, 64)}`;
  // A new instance writes a new log; an exited one stays behind as `previousLog`.
  c.log = [];
  c.imageID ??= `${c.image.split(":")[0]}@sha256:${hex(rt.random, 64)}`;
  c.phase = { state: "running", startedAt };
  c.started = true;
  c.metrics = undefined;
  env.writeStatus();

  const total = loadSeconds(c);
  const failure = loadFailure(c, env);
  const failAt = failure ? FAIL_AT[failure] : 1;
  for (const line of startupScript(c.profile, env.facts)) {
    if (failure && line.at > failAt) continue;
    c.cancels.push(rt.after(line.at * total, () => appendLog(c, line.text(rt.now()))));
  }
  if (failure) {
    c.cancels.push(rt.after(failAt * total + 0.1, () => crash(env, c, failure, startedAt)));
    return;
  }
  c.cancels.push(
    rt.after(total, () => {
      c.ready = true;
      c.metrics = createEngineMetrics(c.profile, env.run.dynamoNamespace);
      c.metricsAt = Date.now();
      env.writeStatus();
      scheduleTraffic(env, c);
    }),
  );
}

function crash(env: ContainerEnv, c: ContainerRun, failure: Failure, startedAt: string): void {
  const { rt } = env;
  const now = rt.now();
  if (failure === "gated") for (const line of gatedRepoLines(c.profile.model)) appendLog(c, line);
  if (failure === "cuda-oom") for (const line of cudaOomLines(c.profile, env.facts, now)) appendLog(c, line);
  if (failure === "no-gpu")
    appendLog(c, "RuntimeError: Failed to infer device type: no CUDA GPUs are available (torch.cuda.is_available() is False)");
  if (failure === "oom-killed") for (const line of oomKilledLines(c.profile, now)) appendLog(c, line);
  const terminated = {
    state: "terminated" as const,
    reason: failure === "oom-killed" ? "OOMKilled" : "Error",
    exitCode: failure === "oom-killed" ? 137 : 1,
    startedAt,
    finishedAt: iso(now),
  };
  cancelContainer(c);
  // The instance exited: a followed log of it ends here (kubectl logs -f exits 0).
  endFollowers(c);
  c.ready = false;
  c.lastTerminated = terminated;
  // The exited instance is `lastState.terminated`: the kubelet serves its log both as the current
  // log (no running instance during back-off) and as `previous`, until the next instance starts.
  c.previousLog = c.log;
  const delay = backoff(c.restartCount);
  c.phase = {
    state: "waiting",
    reason: "CrashLoopBackOff",
    message: `back-off ${delay < 60 ? `${delay}s` : `${Math.floor(delay / 60)}m${delay % 60 ? `${delay % 60}s` : "0s"}`} restarting failed container=${c.name} pod=${env.run.name}_${env.run.namespace}(${env.run.uid})`,
  };
  env.event(
    "Warning",
    "BackOff",
    `Back-off restarting failed container ${c.name} in pod ${env.run.name}_${env.run.namespace}(${env.run.uid})`,
  );
  env.writeStatus();
  c.cancels.push(
    rt.after(delay, () => {
      c.restartCount += 1;
      startContainer(env, c);
    }),
  );
}

/** Steady synthetic traffic: request log lines every few simulated seconds while the container serves. */
function scheduleTraffic(env: ContainerEnv, c: ContainerRun): void {
  const { rt } = env;
  const tick = () => {
    if (!c.ready) return;
    for (const line of requestLines(c.profile, rt.random, rt.now(), `10.244.0.${2 + Math.floor(rt.random() * 200)}`)) appendLog(c, line);
    c.cancels.push(rt.after(5 + rt.random() * 10, tick));
  };
  c.cancels.push(rt.after(3 + rt.random() * 5, tick));
}
