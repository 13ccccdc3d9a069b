import type { DeploymentConfig, Toleration } from "../schemas/deployment-config";

/** The extended resource NVIDIA's device plugin advertises. */
export const NVIDIA_GPU = "nvidia.com/gpu";

export interface PodToleration {
  key?: string;
  operator: "Exists" | "Equal";
  value?: string;
  effect?: string;
}

/** The conventional GPU-node taint (runtimes.md §8.2); GPU pods tolerate it unless GKE adds it for us. */
const GPU_TOLERATION: PodToleration = { key: NVIDIA_GPU, operator: "Exists", effect: "NoSchedule" };

function toPodToleration(t: Toleration): PodToleration {
  const out: PodToleration = { operator: t.operator };
  if (t.key !== undefined) out.key = t.key;
  if (t.value !== undefined && t.operator === "Equal") out.value = t.value;
  if (t.effect !== undefined) out.effect = t.effect;
  return out;
}

/**
 * The user's tolerations, plus the `nvidia.com/gpu` one for pods that request GPUs (a toleration
 * only permits a node, it never forces one, so adding it is harmless and saves a common Pending).
 */
export function podTolerations(config: DeploymentConfig, requestsGpu: boolean): PodToleration[] {
  const list = config.tolerations.map(toPodToleration);
  if (requestsGpu && !list.some((t) => t.key === NVIDIA_GPU)) list.push({ ...GPU_TOLERATION });
  return list;
}

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef: { name: string; key: string } };
}

/**
 * HuggingFace token from the referenced Secret, under both names the libraries read. The token
 * itself never appears in a manifest.
 */
export function hfTokenEnv(config: DeploymentConfig): EnvVar[] {
  const ref = config.hfTokenSecret;
  if (!ref) return [];
  const valueFrom = { secretKeyRef: { name: ref.name, key: ref.key } };
  return [
    { name: "HF_TOKEN", valueFrom },
    { name: "HUGGING_FACE_HUB_TOKEN", valueFrom: { secretKeyRef: { ...valueFrom.secretKeyRef } } },
  ];
}

/** Container requests/limits for a GPU (or CPU-only when gpus is 0) inference container. */
export function containerResources(
  gpus: number,
  cpu: string | undefined,
  memory: string | undefined,
): { requests: Record<string, string>; limits: Record<string, string> } {
  const requests: Record<string, string> = {};
  const limits: Record<string, string> = {};
  if (cpu) requests.cpu = cpu;
  if (memory) {
    requests.memory = memory;
    limits.memory = memory;
  }
  if (gpus > 0) {
    requests[NVIDIA_GPU] = String(gpus);
    limits[NVIDIA_GPU] = String(gpus);
  }
  return { requests, limits };
}

/** Adds `nodeSelector`/`tolerations` to a pod spec only when non-empty, keeping manifests minimal. */
export function withScheduling<T extends object>(
  spec: T,
  nodeSelector: Record<string, string>,
  tolerations: PodToleration[],
): T & { nodeSelector?: Record<string, string>; tolerations?: PodToleration[] } {
  const out: T & { nodeSelector?: Record<string, string>; tolerations?: PodToleration[] } = { ...spec };
  if (Object.keys(nodeSelector).length > 0) out.nodeSelector = { ...nodeSelector };
  if (tolerations.length > 0) out.tolerations = tolerations;
  return out;
}
