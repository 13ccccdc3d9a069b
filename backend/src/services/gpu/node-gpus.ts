/**
 * What a Node says about its GPUs (runtimes.md §8): the extended resources that carry them, the
 * product and the memory per GPU from GPU Feature Discovery / the AMD node labeller / cloud
 * labels, readiness and taints. Memory is read per node from labels — clusters mix GPU types, and
 * even one product reports slightly different sizes under different drivers.
 */
import { isGpuResource } from "../../kube/scheduled-pods";
import type { KubeResource } from "../../kube/types";

export interface NodeGpuResource {
  /** `nvidia.com/gpu`, `nvidia.com/mig-3g.40gb`, `amd.com/gpu`… */
  resource: string;
  product?: string;
  memoryMiB?: number;
  capacity: number;
  allocatable: number;
}

export interface Taint {
  key: string;
  value?: string;
  effect: string;
}

interface NodeView {
  spec?: { unschedulable?: boolean; taints?: { key?: string; value?: string; effect?: string }[] };
  status?: {
    capacity?: Record<string, string>;
    allocatable?: Record<string, string>;
    conditions?: { type: string; status: string }[];
  };
}

/** Product labels, most specific first: GFD, AMD (current and legacy prefix), then cloud labels. */
const PRODUCT_LABELS = [
  "nvidia.com/gpu.product",
  "amd.com/gpu.product-name",
  "beta.amd.com/gpu.product-name",
  "cloud.google.com/gke-accelerator",
  "karpenter.k8s.aws/instance-gpu-name",
  "k8s.amazonaws.com/accelerator",
];

/** The GPU product a node's labels name, if any. */
export function productOf(labels: Record<string, string>): string | undefined {
  for (const key of PRODUCT_LABELS) {
    const value = labels[key]?.trim();
    if (value) return value;
  }
  return undefined;
}

/** `192G`, `196608M`, `80Gi`, `81559` (MiB) → MiB; undefined when unreadable. */
export function parseMemoryMiB(text: string | undefined, bareUnit: "MiB" | "GiB" = "MiB"): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([KMGT]i?B?)?\s*$/i.exec(text ?? "");
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = (m[2] ?? (bareUnit === "GiB" ? "G" : "M")).toUpperCase()[0];
  const factor = unit === "T" ? 1024 * 1024 : unit === "G" ? 1024 : unit === "K" ? 1 / 1024 : 1;
  const mib = Math.round(n * factor);
  return mib > 0 ? mib : undefined;
}

/** Memory per GPU of a whole-GPU resource, from GFD, the AMD labeller, or Karpenter. */
export function memoryOf(labels: Record<string, string>): number | undefined {
  return (
    parseMemoryMiB(labels["nvidia.com/gpu.memory"]) ??
    parseMemoryMiB(labels["amd.com/gpu.vram"], "GiB") ??
    parseMemoryMiB(labels["beta.amd.com/gpu.vram"], "GiB") ??
    parseMemoryMiB(labels["karpenter.k8s.aws/instance-gpu-memory"])
  );
}

/** `nvidia.com/mig-3g.40gb` → its slice memory: GFD's `…mig-3g.40gb.memory` label, else the profile name. */
function migMemory(labels: Record<string, string>, profile: string): number | undefined {
  const fromLabel = parseMemoryMiB(labels[`nvidia.com/mig-${profile}.memory`]);
  if (fromLabel) return fromLabel;
  const gb = /\.(\d+)gb$/.exec(profile)?.[1];
  return gb ? Number(gb) * 1024 : undefined;
}

function count(value: string | undefined): number {
  const n = Number(value ?? 0);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
}

/**
 * The GPU resources of one node. A node labelled as a GPU node whose device plugin advertises
 * nothing yet is still listed (capacity 0), so a UI can say "device plugin not running" instead
 * of hiding it. Zero-sized resources are dropped when the node has others (MIG mixed strategy).
 */
export function nodeGpuResources(node: KubeResource): NodeGpuResource[] {
  const labels = node.metadata?.labels ?? {};
  const status = (node as NodeView).status ?? {};
  const capacity = status.capacity ?? {};
  const allocatable = status.allocatable ?? {};
  const product = productOf(labels);
  const names = [...new Set([...Object.keys(capacity), ...Object.keys(allocatable)])].filter(isGpuResource).sort();
  const out: NodeGpuResource[] = names.map((resource) => {
    const mig = /^nvidia\.com\/mig-(.+)$/.exec(resource)?.[1];
    const entry: NodeGpuResource = {
      resource,
      capacity: count(capacity[resource]),
      allocatable: count(allocatable[resource]),
    };
    const resourceProduct = mig ? `${product ?? "NVIDIA"}-MIG-${mig}` : product;
    const memory = mig ? migMemory(labels, mig) : memoryOf(labels);
    if (resourceProduct) entry.product = resourceProduct;
    if (memory) entry.memoryMiB = memory;
    return entry;
  });
  const nonZero = out.filter((r) => r.capacity > 0 || r.allocatable > 0);
  if (nonZero.length > 0) return nonZero;
  if (out.length > 0) return out.slice(0, 1);
  if (!product && labels["nvidia.com/gpu.present"] !== "true") return [];
  const resource = labels["amd.com/gpu.product-name"] || labels["beta.amd.com/gpu.product-name"] ? "amd.com/gpu" : "nvidia.com/gpu";
  const memory = memoryOf(labels);
  return [{ resource, ...(product ? { product } : {}), ...(memory ? { memoryMiB: memory } : {}), capacity: 0, allocatable: 0 }];
}

/** Ready condition True. */
export function isNodeReady(node: KubeResource): boolean {
  return ((node as NodeView).status?.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True");
}

/** Cordoned (`kubectl cordon`): running pods stay, new ones are not placed. */
export function isCordoned(node: KubeResource): boolean {
  return (node as NodeView).spec?.unschedulable === true;
}

export function taintsOf(node: KubeResource): Taint[] {
  return ((node as NodeView).spec?.taints ?? [])
    .filter((t) => t.key && t.effect)
    .map((t) => ({ key: t.key as string, ...(t.value ? { value: t.value } : {}), effect: t.effect as string }));
}
