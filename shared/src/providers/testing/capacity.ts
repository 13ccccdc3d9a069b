import type { GpuCapacity } from "../../schemas/gpu";

/** A cluster with one pool of `nodes` × `perNode` GPUs of `product`, `free` of them free (spread from the first node). */
export function capacity(product: string, nodes: number, perNode: number, free: number): GpuCapacity {
  const largest = Math.min(perNode, free);
  return {
    nodes: [],
    pools: [{ product, memoryMiB: 81559, nodes, total: nodes * perNode, free, largestFreeOnOneNode: largest }],
    totals: { gpus: nodes * perNode, free },
  };
}
