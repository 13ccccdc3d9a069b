import { z } from "zod";

export const GpuNode = z.object({
  name: z.string(),
  /** GFD `nvidia.com/gpu.product`, or the AMD product name. */
  product: z.string().optional(),
  /** Extended resource that carries the GPUs, e.g. `nvidia.com/gpu`, `amd.com/gpu`. */
  resource: z.string(),
  memoryMiB: z.number().int().optional(),
  capacity: z.number().int(),
  allocatable: z.number().int(),
  used: z.number().int(),
  taints: z.array(z.object({ key: z.string(), value: z.string().optional(), effect: z.string() })),
  labels: z.record(z.string(), z.string()),
  ready: z.boolean(),
});

export const GpuPool = z.object({
  product: z.string(),
  memoryMiB: z.number().int().optional(),
  nodes: z.number().int(),
  total: z.number().int(),
  free: z.number().int(),
  /** Largest number of free GPUs on one node: what a single pod can get. */
  largestFreeOnOneNode: z.number().int(),
});

export const GpuCapacity = z.object({
  nodes: z.array(GpuNode),
  pools: z.array(GpuPool),
  totals: z.object({ gpus: z.number().int(), free: z.number().int() }),
});
export type GpuCapacity = z.infer<typeof GpuCapacity>;
