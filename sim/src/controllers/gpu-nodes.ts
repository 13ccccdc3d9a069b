/**
 * Simulated nodes labelled the way NVIDIA GPU Feature Discovery, the gpu-operator and the cloud
 * provider label real ones (runtimes.md §8), so code that reads GPU facts from node labels works
 * unchanged against the sim.
 */
import { R } from "../store/builtins";
import type { ObjectStore } from "../store/store";
import type { Actor, KubeObject } from "../store/types";

/** One GPU model as GFD reports it. */
export interface GpuModel {
  /** `nvidia.com/gpu.product`. */
  product: string;
  /** `nvidia.com/gpu.memory`, MiB per GPU as the driver reports it. */
  memoryMiB: number;
  family: string;
  computeMajor: number;
  computeMinor: number;
  /** Extended resource the device plugin advertises. */
  resource: "nvidia.com/gpu" | "amd.com/gpu";
  /** NVML name as DCGM prints it (`modelName`). */
  nvmlName: string;
}

/** The GPUs the demo and tests use, keyed by a short name. Values from runtimes.md §8.3. */
export const GPU_MODELS = {
  "h100-80gb": {
    product: "NVIDIA-H100-80GB-HBM3",
    memoryMiB: 81559,
    family: "hopper",
    computeMajor: 9,
    computeMinor: 0,
    resource: "nvidia.com/gpu",
    nvmlName: "NVIDIA H100 80GB HBM3",
  },
  "a100-80gb": {
    product: "NVIDIA-A100-SXM4-80GB",
    memoryMiB: 81920,
    family: "ampere",
    computeMajor: 8,
    computeMinor: 0,
    resource: "nvidia.com/gpu",
    nvmlName: "NVIDIA A100-SXM4-80GB",
  },
  "a100-40gb": {
    product: "NVIDIA-A100-SXM4-40GB",
    memoryMiB: 40960,
    family: "ampere",
    computeMajor: 8,
    computeMinor: 0,
    resource: "nvidia.com/gpu",
    nvmlName: "NVIDIA A100-SXM4-40GB",
  },
  "l4-24gb": {
    product: "NVIDIA-L4",
    memoryMiB: 23034,
    family: "ada-lovelace",
    computeMajor: 8,
    computeMinor: 9,
    resource: "nvidia.com/gpu",
    nvmlName: "NVIDIA L4",
  },
  "l40s-48gb": {
    product: "NVIDIA-L40S",
    memoryMiB: 46068,
    family: "ada-lovelace",
    computeMajor: 8,
    computeMinor: 9,
    resource: "nvidia.com/gpu",
    nvmlName: "NVIDIA L40S",
  },
  "t4-16gb": {
    product: "Tesla-T4",
    memoryMiB: 15360,
    family: "turing",
    computeMajor: 7,
    computeMinor: 5,
    resource: "nvidia.com/gpu",
    nvmlName: "Tesla T4",
  },
  "mi300x-192gb": {
    product: "AMD_Instinct_MI300X_OAM",
    memoryMiB: 196608,
    family: "cdna3",
    computeMajor: 9,
    computeMinor: 4,
    resource: "amd.com/gpu",
    nvmlName: "AMD Instinct MI300X",
  },
} as const satisfies Record<string, GpuModel>;

export type GpuModelName = keyof typeof GPU_MODELS;

/** What a node pool looks like; `buildNode` turns it into a Node object. */
export interface NodeShape {
  name: string;
  instanceType: string;
  cpu: number;
  memoryGiB: number;
  gpu?: { model: GpuModelName; count: number };
  /** Extra labels (e.g. `agentpool`, `apps=phi-4` for KAITO's BYO label selector). */
  labels?: Record<string, string>;
  taints?: { key: string; value?: string; effect: string }[];
  zone?: string;
}

/** GFD + gpu-operator labels for `count` GPUs of `model` on a machine of `instanceType`. */
export function gpuLabels(model: GpuModel, count: number, instanceType: string): Record<string, string> {
  if (model.resource === "amd.com/gpu") {
    return {
      "amd.com/gpu.product-name": model.product,
      "amd.com/gpu.vram": `${Math.round(model.memoryMiB / 1024)}G`,
      "amd.com/gpu.family": model.family.toUpperCase(),
      "amd.com/gpu.count": String(count),
    };
  }
  return {
    "nvidia.com/gpu.present": "true",
    "nvidia.com/gpu.product": model.product,
    "nvidia.com/gpu.memory": String(model.memoryMiB),
    "nvidia.com/gpu.count": String(count),
    "nvidia.com/gpu.family": model.family,
    "nvidia.com/gpu.compute.major": String(model.computeMajor),
    "nvidia.com/gpu.compute.minor": String(model.computeMinor),
    "nvidia.com/gpu.machine": instanceType.replaceAll("_", "-"),
    "nvidia.com/gpu.replicas": "1",
    "nvidia.com/gpu.sharing-strategy": "none",
    "nvidia.com/gpu.mode": "compute",
    "nvidia.com/cuda.driver-version.major": "550",
    "nvidia.com/cuda.driver-version.minor": "107",
    "nvidia.com/cuda.driver-version.revision": "02",
    "nvidia.com/cuda.driver-version.full": "550.107.02",
    "nvidia.com/cuda.runtime-version.major": "12",
    "nvidia.com/cuda.runtime-version.minor": "5",
    "nvidia.com/cuda.runtime-version.full": "12.5",
    "nvidia.com/mig.capable": String(model.computeMajor >= 8 && model.memoryMiB >= 40000),
    "nvidia.com/mig.config": "all-disabled",
    "nvidia.com/mig.config.state": "success",
    "feature.node.kubernetes.io/pci-10de.present": "true",
  };
}

/** A Ready Node with GFD labels, capacity and allocatable (system reservations subtracted as AKS/GKE do). */
export function buildNode(shape: NodeShape, index: number): KubeObject {
  const model = shape.gpu ? GPU_MODELS[shape.gpu.model] : undefined;
  const labels: Record<string, string> = {
    "kubernetes.io/arch": "amd64",
    "kubernetes.io/os": "linux",
    "kubernetes.io/hostname": shape.name,
    "node.kubernetes.io/instance-type": shape.instanceType,
    "topology.kubernetes.io/region": "eastus2",
    "topology.kubernetes.io/zone": shape.zone ?? `eastus2-${(index % 3) + 1}`,
    ...(model && shape.gpu ? gpuLabels(model, shape.gpu.count, shape.instanceType) : {}),
    ...shape.labels,
  };
  const capacity: Record<string, string> = {
    cpu: String(shape.cpu),
    memory: `${shape.memoryGiB * 1024 * 1024}Ki`,
    pods: "110",
    "ephemeral-storage": "1056762036Ki",
  };
  const allocatable: Record<string, string> = {
    cpu: `${shape.cpu * 1000 - Math.min(1000, 60 + shape.cpu * 10)}m`,
    memory: `${Math.floor(shape.memoryGiB * 0.95 * 1024 * 1024)}Ki`,
    pods: "110",
    "ephemeral-storage": "973903371771",
  };
  if (model && shape.gpu) {
    capacity[model.resource] = String(shape.gpu.count);
    allocatable[model.resource] = String(shape.gpu.count);
  }
  const now = new Date().toISOString();
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: { name: shape.name, labels },
    spec: { providerID: `sim://${shape.name}`, ...(shape.taints?.length ? { taints: shape.taints } : {}) },
    status: {
      capacity,
      allocatable,
      conditions: [
        {
          type: "MemoryPressure",
          status: "False",
          reason: "KubeletHasSufficientMemory",
          message: "kubelet has sufficient memory available",
        },
        { type: "DiskPressure", status: "False", reason: "KubeletHasNoDiskPressure", message: "kubelet has no disk pressure" },
        { type: "PIDPressure", status: "False", reason: "KubeletHasSufficientPID", message: "kubelet has sufficient PID available" },
        {
          type: "Ready",
          status: "True",
          reason: "KubeletReady",
          message: "kubelet is posting ready status",
          lastHeartbeatTime: now,
          lastTransitionTime: now,
        },
      ],
      addresses: [
        { type: "InternalIP", address: `10.224.0.${4 + index}` },
        { type: "Hostname", address: shape.name },
      ],
      nodeInfo: {
        architecture: "amd64",
        containerRuntimeVersion: "containerd://1.7.27",
        kernelVersion: "5.15.0-1079-azure",
        kubeProxyVersion: "v1.32.4",
        kubeletVersion: "v1.32.4",
        operatingSystem: "linux",
        osImage: "Ubuntu 22.04.5 LTS",
      },
    },
  };
}

/** The GPU model of a node, from its labels; `undefined` for CPU-only nodes. */
export function nodeGpu(node: KubeObject): { product: string; memoryMiB: number; count: number; nvmlName: string } | undefined {
  const labels = node.metadata.labels ?? {};
  const product = labels["nvidia.com/gpu.product"] ?? labels["amd.com/gpu.product-name"];
  if (!product) return undefined;
  const known = Object.values(GPU_MODELS).find((m) => m.product === product);
  const memoryMiB = Number(labels["nvidia.com/gpu.memory"] ?? (known?.memoryMiB || 0));
  const count = Number(labels["nvidia.com/gpu.count"] ?? labels["amd.com/gpu.count"] ?? 0);
  return { product, memoryMiB, count, nvmlName: known?.nvmlName ?? product.replaceAll("-", " ") };
}

/**
 * Creates a node the way a kubelet registers one: the object first, then its status through the
 * status subresource (a create drops `.status` for types that have one).
 */
export function registerNode(store: ObjectStore, shape: NodeShape, index: number, actor: Actor): KubeObject {
  const node = buildNode(shape, index);
  const created = store.create(R.nodes, { ...node, status: undefined } as unknown as KubeObject, actor);
  return store.updateStatus(R.nodes, { ...structuredClone(created), status: node.status } as KubeObject, actor);
}
