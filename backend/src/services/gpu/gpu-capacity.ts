/**
 * GPU capacity of the cluster (GET /api/gpu/capacity): per node and GPU resource the product,
 * memory per GPU, allocatable and used (the requests of every non-terminated pod bound there), and
 * pools per product with what is free — in total and on the single best node, which is what one
 * pod can actually get. Read from the informer cache; recomputed only when the cache changed.
 */
import type { GpuCapacity } from "@kubeairunway/shared";
import { UpstreamError } from "../../errors";
import { NODE_INDEX, type ScheduledPod } from "../../kube/scheduled-pods";
import type { ClusterCache, KubeResource } from "../../kube/types";
import { isCordoned, isNodeReady, nodeGpuResources, taintsOf } from "./node-gpus";

type GpuNode = GpuCapacity["nodes"][number];
type GpuPool = GpuCapacity["pools"][number];

/** Sum of GPU requests per resource over the pods bound to one node. */
function usedOn(pods: KubeResource[]): Map<string, number> {
  const used = new Map<string, number>();
  for (const pod of pods) {
    for (const [resource, n] of Object.entries((pod as ScheduledPod).gpuRequests ?? {})) {
      used.set(resource, (used.get(resource) ?? 0) + n);
    }
  }
  return used;
}

/** Name for the pool of GPUs whose product no label names. */
export function unknownProduct(resource: string): string {
  return `unknown (${resource})`;
}

/**
 * Computes capacity from nodes and a lookup of the pods bound to a node. Free GPUs are counted
 * only on nodes that can take a new pod (Ready and not cordoned); taints are reported, not judged,
 * since tolerations belong to the workload.
 */
export function computeGpuCapacity(nodes: KubeResource[], podsOn: (node: string) => KubeResource[]): GpuCapacity {
  const rows: GpuNode[] = [];
  const pools = new Map<string, GpuPool>();
  for (const node of nodes) {
    const resources = nodeGpuResources(node);
    if (resources.length === 0) continue;
    const name = node.metadata?.name ?? "";
    const used = usedOn(podsOn(name));
    const ready = isNodeReady(node);
    const schedulable = ready && !isCordoned(node);
    const taints = taintsOf(node);
    for (const r of resources) {
      const inUse = used.get(r.resource) ?? 0;
      rows.push({
        name,
        ...(r.product ? { product: r.product } : {}),
        resource: r.resource,
        ...(r.memoryMiB ? { memoryMiB: r.memoryMiB } : {}),
        capacity: r.capacity,
        allocatable: r.allocatable,
        used: inUse,
        taints,
        labels: { ...(node.metadata?.labels ?? {}) },
        ready,
      });
      const product = r.product ?? unknownProduct(r.resource);
      const key = `${product}\u0000${r.resource}`;
      const pool = pools.get(key) ?? { product, nodes: 0, total: 0, free: 0, largestFreeOnOneNode: 0 };
      const free = schedulable ? Math.max(0, r.allocatable - inUse) : 0;
      pool.nodes += 1;
      pool.total += r.allocatable;
      pool.free += free;
      pool.largestFreeOnOneNode = Math.max(pool.largestFreeOnOneNode, free);
      // One product can report a few MiB less under another driver: the pool promises the least.
      if (r.memoryMiB && (pool.memoryMiB === undefined || r.memoryMiB < pool.memoryMiB)) pool.memoryMiB = r.memoryMiB;
      pools.set(key, pool);
    }
  }
  rows.sort((a, b) => a.name.localeCompare(b.name) || a.resource.localeCompare(b.resource));
  const poolList = [...pools.values()].sort((a, b) => (b.memoryMiB ?? 0) - (a.memoryMiB ?? 0) || a.product.localeCompare(b.product));
  return {
    nodes: rows,
    pools: poolList,
    totals: {
      gpus: poolList.reduce((n, p) => n + p.total, 0),
      free: poolList.reduce((n, p) => n + p.free, 0),
    },
  };
}

export interface GpuCapacityService {
  /** Current capacity; UpstreamError (503) while the node or pod cache has never synced. */
  get(): GpuCapacity;
}

/** Capacity over the shared cache, memoised on the cache's change counter. */
export function createGpuCapacityService(cache: Pick<ClusterCache, "nodes" | "scheduledPods" | "generation">): GpuCapacityService {
  let memo: { generation: number; value: GpuCapacity } | undefined;
  return {
    get() {
      for (const informer of [cache.nodes, cache.scheduledPods]) {
        const status = informer.status();
        if (!status.synced) {
          const why = status.lastError ? `: ${status.lastError}` : "";
          throw new UpstreamError(`GPU capacity is not known yet: the ${status.name} cache has not synced${why}`);
        }
      }
      const generation = cache.generation();
      if (memo?.generation === generation) return memo.value;
      const value = computeGpuCapacity(cache.nodes.list(), (node) => cache.scheduledPods.byIndex(NODE_INDEX, node));
      memo = { generation, value };
      return value;
    },
  };
}
