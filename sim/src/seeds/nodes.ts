/**
 * The demo cluster's node pools: GKE-style, GPU pools tainted `nvidia.com/gpu=present:NoSchedule`
 * (GKE's convention, runtimes.md §8.2) with GFD labels, plus untainted CPU nodes for operators,
 * frontends and Ray heads.
 */
import type { NodeShape } from "../controllers/gpu-nodes";

const GPU_TAINT = [{ key: "nvidia.com/gpu", value: "present", effect: "NoSchedule" }];

function pool(name: string, count: number, shape: Omit<NodeShape, "name">, accelerator?: string): NodeShape[] {
  return Array.from({ length: count }, (_, i) => ({
    ...shape,
    name: `gke-demo-${name}-${String(i).padStart(2, "0")}`,
    labels: {
      ...shape.labels,
      "cloud.google.com/gke-nodepool": name,
      ...(accelerator ? { "cloud.google.com/gke-accelerator": accelerator } : {}),
    },
  }));
}

/** 2 × 8 H100-80GB, 2 × 1 L4, 1 × 4 A100-40GB, 2 CPU-only nodes. */
export function demoNodePools(): NodeShape[] {
  return [
    ...pool(
      "h100-pool",
      2,
      { instanceType: "a3-highgpu-8g", cpu: 208, memoryGiB: 1872, gpu: { model: "h100-80gb", count: 8 }, taints: GPU_TAINT },
      "nvidia-h100-80gb",
    ),
    ...pool(
      "l4-pool",
      2,
      { instanceType: "g2-standard-8", cpu: 8, memoryGiB: 32, gpu: { model: "l4-24gb", count: 1 }, taints: GPU_TAINT },
      "nvidia-l4",
    ),
    ...pool(
      "a100-pool",
      1,
      { instanceType: "a2-highgpu-4g", cpu: 48, memoryGiB: 340, gpu: { model: "a100-40gb", count: 4 }, taints: GPU_TAINT },
      "nvidia-tesla-a100",
    ),
    ...pool("cpu-pool", 2, { instanceType: "e2-standard-16", cpu: 16, memoryGiB: 64 }),
  ];
}
