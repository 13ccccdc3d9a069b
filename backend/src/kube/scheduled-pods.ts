/**
 * An informer of every non-terminated pod bound to a node, slimmed to what GPU accounting needs.
 * The runtime pod informers see only the runtimes' own pods, but a GPU held by any other workload
 * (a training job, a notebook) is just as used — so "used" on a node must count all of them.
 * The field selector is the one `kubectl describe node` uses for "Allocated resources".
 */
import type { Logger } from "../logger";
import { createInformer } from "./informer";
import type { Informer, KubeClients, KubeResource, ResourceRef } from "./types";

/** Index of scheduled pods by `spec.nodeName`. */
export const NODE_INDEX = "node";

const POD: ResourceRef = { group: "", version: "v1", plural: "pods", kind: "Pod", namespaced: true };

/** Accelerator extended resources: whole/shared/MIG NVIDIA GPUs, AMD and Intel GPUs. */
export function isGpuResource(name: string): boolean {
  return /^(nvidia\.com\/(gpu(\.shared)?|mig-.+)|amd\.com\/gpu|gpu\.intel\.com\/.+)$/.test(name);
}

interface ContainerResources {
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
  restartPolicy?: string;
}

/** Extended resources are whole numbers; a request defaults to the limit when only that is set. */
function gpuAmounts(c: ContainerResources): Map<string, number> {
  const out = new Map<string, number>();
  const requests = c.resources?.requests ?? {};
  const limits = c.resources?.limits ?? {};
  for (const name of new Set([...Object.keys(requests), ...Object.keys(limits)])) {
    if (!isGpuResource(name)) continue;
    const amount = Number(requests[name] ?? limits[name]);
    if (Number.isFinite(amount) && amount > 0) out.set(name, amount);
  }
  return out;
}

/**
 * A pod's effective GPU request per resource, as the scheduler computes it: the sum over app
 * containers and restartable (sidecar) init containers, or the largest plain init container's
 * request if that is bigger (init containers run one at a time, before the app containers).
 */
export function podGpuRequests(pod: KubeResource): Record<string, number> {
  const spec = (pod.spec ?? {}) as { containers?: ContainerResources[]; initContainers?: ContainerResources[] };
  const sum = new Map<string, number>();
  const add = (amounts: Map<string, number>) => {
    for (const [name, n] of amounts) sum.set(name, (sum.get(name) ?? 0) + n);
  };
  for (const c of spec.containers ?? []) add(gpuAmounts(c));
  const initMax = new Map<string, number>();
  for (const c of spec.initContainers ?? []) {
    const amounts = gpuAmounts(c);
    if (c.restartPolicy === "Always") add(amounts);
    else for (const [name, n] of amounts) initMax.set(name, Math.max(initMax.get(name) ?? 0, n));
  }
  for (const [name, n] of initMax) sum.set(name, Math.max(sum.get(name) ?? 0, n));
  return Object.fromEntries(sum);
}

/** The slim form kept in memory: identity, node, and GPU requests (absent when none). */
export interface ScheduledPod extends KubeResource {
  spec: { nodeName?: string };
  gpuRequests?: Record<string, number>;
}

function slimPod(pod: KubeResource): ScheduledPod {
  const m = pod.metadata ?? {};
  const gpu = podGpuRequests(pod);
  return {
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion },
    spec: { nodeName: (pod.spec as { nodeName?: string } | undefined)?.nodeName },
    ...(Object.keys(gpu).length > 0 ? { gpuRequests: gpu } : {}),
  };
}

export interface ScheduledPodsOptions {
  clients: KubeClients;
  logger: Logger;
  watchTimeoutSeconds?: number;
}

/** Builds (does not start) the scheduled-pods informer, indexed by node name. */
export function createScheduledPodsInformer(options: ScheduledPodsOptions): Informer {
  return createInformer<KubeResource>({
    clients: options.clients,
    logger: options.logger,
    watchTimeoutSeconds: options.watchTimeoutSeconds,
    name: "scheduled-pods",
    resource: POD,
    fieldSelector: "spec.nodeName!=,status.phase!=Succeeded,status.phase!=Failed",
    transform: slimPod,
    indexers: {
      [NODE_INDEX]: (pod) => {
        const node = (pod.spec as { nodeName?: string } | undefined)?.nodeName;
        return node ? [node] : [];
      },
    },
  });
}
