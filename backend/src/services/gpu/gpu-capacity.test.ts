import { buildNode, type NodeShape } from "@kubeairunway/sim/controllers/gpu-nodes";
import { describe, expect, it } from "vitest";
import { podGpuRequests } from "../../kube/scheduled-pods";
import type { KubeResource } from "../../kube/types";
import { computeGpuCapacity } from "./gpu-capacity";
import { nodeGpuResources, parseMemoryMiB } from "./node-gpus";

const shape = (name: string, model: NonNullable<NodeShape["gpu"]>["model"], count: number, extra: Partial<NodeShape> = {}): NodeShape => ({
  name,
  instanceType: "vm",
  cpu: 32,
  memoryGiB: 256,
  gpu: { model, count },
  ...extra,
});
const node = (s: NodeShape, i = 0) => buildNode(s, i) as unknown as KubeResource;

function pod(name: string, nodeName: string, gpus: Record<string, number | string>): KubeResource {
  return { metadata: { name, namespace: "ml" }, spec: { nodeName, containers: [{ name: "c", resources: { limits: gpus } }] } };
}

function capacity(nodes: KubeResource[], pods: KubeResource[]) {
  const slim: KubeResource[] = pods.map((p) => ({ ...p, gpuRequests: podGpuRequests(p) }));
  return computeGpuCapacity(nodes, (n) => slim.filter((p) => (p.spec as { nodeName?: string } | undefined)?.nodeName === n));
}

describe("GPU capacity per node and pool", () => {
  it("groups nodes by product with their own memory, counts used from pod requests, and finds the best node", () => {
    const nodes = [
      node(shape("h100-a", "h100-80gb", 8)),
      node(shape("h100-b", "h100-80gb", 8)),
      node(shape("l4-a", "l4-24gb", 1)),
      node(shape("mi300-a", "mi300x-192gb", 8)),
      node({ name: "cpu-a", instanceType: "d16", cpu: 16, memoryGiB: 64 }),
    ];
    const result = capacity(nodes, [
      pod("a", "h100-a", { "nvidia.com/gpu": 8 }),
      pod("b", "h100-b", { "nvidia.com/gpu": "3" }),
      pod("c", "l4-a", { "nvidia.com/gpu": 1 }),
      pod("cpu-only", "h100-b", { cpu: "2" }),
      pod("amd", "mi300-a", { "amd.com/gpu": 2 }),
    ]);
    expect(result.nodes.map((n) => n.name)).toEqual(["h100-a", "h100-b", "l4-a", "mi300-a"]);
    expect(result.nodes.find((n) => n.name === "h100-b")).toMatchObject({
      product: "NVIDIA-H100-80GB-HBM3",
      resource: "nvidia.com/gpu",
      memoryMiB: 81559,
      capacity: 8,
      allocatable: 8,
      used: 3,
      ready: true,
    });
    expect(result.nodes.find((n) => n.name === "mi300-a")).toMatchObject({
      product: "AMD_Instinct_MI300X_OAM",
      resource: "amd.com/gpu",
      memoryMiB: 196_608,
      used: 2,
    });
    expect(result.pools).toEqual([
      { product: "AMD_Instinct_MI300X_OAM", memoryMiB: 196_608, nodes: 1, total: 8, free: 6, largestFreeOnOneNode: 6 },
      { product: "NVIDIA-H100-80GB-HBM3", memoryMiB: 81_559, nodes: 2, total: 16, free: 5, largestFreeOnOneNode: 5 },
      { product: "NVIDIA-L4", memoryMiB: 23_034, nodes: 1, total: 1, free: 0, largestFreeOnOneNode: 0 },
    ]);
    expect(result.totals).toEqual({ gpus: 25, free: 11 });
  });

  it("offers no free GPUs on a NotReady or cordoned node, and reports taints as they are", () => {
    const notReady = node(shape("t4-a", "t4-16gb", 4, { taints: [{ key: "nvidia.com/gpu", value: "present", effect: "NoSchedule" }] }));
    (notReady.status as { conditions: { type: string; status: string }[] }).conditions = [{ type: "Ready", status: "Unknown" }];
    const cordoned = node(shape("t4-b", "t4-16gb", 4));
    (cordoned.spec as Record<string, unknown>).unschedulable = true;
    const result = capacity([notReady, cordoned, node(shape("t4-c", "t4-16gb", 4))], []);
    expect(result.nodes[0]).toMatchObject({ ready: false, taints: [{ key: "nvidia.com/gpu", value: "present", effect: "NoSchedule" }] });
    expect(result.pools[0]).toMatchObject({ product: "Tesla-T4", nodes: 3, total: 12, free: 4, largestFreeOnOneNode: 4 });
  });

  it("lists MIG slices (mixed strategy) as their own resources and pools, sized from the profile", () => {
    const a100 = node(shape("a100-mig", "a100-80gb", 1));
    const status = a100.status as { capacity: Record<string, string>; allocatable: Record<string, string> };
    for (const map of [status.capacity, status.allocatable]) {
      map["nvidia.com/gpu"] = "0";
      map["nvidia.com/mig-3g.40gb"] = "2";
      map["nvidia.com/mig-1g.10gb"] = "7";
    }
    const result = capacity([a100], [pod("p", "a100-mig", { "nvidia.com/mig-1g.10gb": 1 })]);
    expect(result.nodes.map((n) => [n.resource, n.product, n.memoryMiB, n.allocatable, n.used])).toEqual([
      ["nvidia.com/mig-1g.10gb", "NVIDIA-A100-SXM4-80GB-MIG-1g.10gb", 10_240, 7, 1],
      ["nvidia.com/mig-3g.40gb", "NVIDIA-A100-SXM4-80GB-MIG-3g.40gb", 40_960, 2, 0],
    ]);
    expect(result.totals).toEqual({ gpus: 9, free: 8 });
  });

  it("falls back to cloud labels for the product and keeps a GPU node whose device plugin is not up", () => {
    const gke: KubeResource = {
      metadata: { name: "gke-l4", labels: { "cloud.google.com/gke-accelerator": "nvidia-l4" } },
      status: {
        capacity: { "nvidia.com/gpu": "2" },
        allocatable: { "nvidia.com/gpu": "2" },
        conditions: [{ type: "Ready", status: "True" }],
      },
    };
    const noPlugin: KubeResource = {
      metadata: { name: "fresh", labels: { "nvidia.com/gpu.product": "NVIDIA-L40S", "nvidia.com/gpu.memory": "46068" } },
      status: { capacity: { cpu: "8" }, allocatable: { cpu: "8" }, conditions: [{ type: "Ready", status: "True" }] },
    };
    const unlabelled: KubeResource = {
      metadata: { name: "mystery" },
      status: {
        capacity: { "nvidia.com/gpu": "1" },
        allocatable: { "nvidia.com/gpu": "1" },
        conditions: [{ type: "Ready", status: "True" }],
      },
    };
    const result = capacity([gke, noPlugin, unlabelled], []);
    expect(result.nodes.find((n) => n.name === "gke-l4")).toMatchObject({ product: "nvidia-l4", allocatable: 2 });
    expect(result.nodes.find((n) => n.name === "gke-l4")?.memoryMiB).toBeUndefined();
    expect(result.nodes.find((n) => n.name === "fresh")).toMatchObject({ resource: "nvidia.com/gpu", memoryMiB: 46_068, capacity: 0 });
    expect(result.pools.find((p) => p.product === "unknown (nvidia.com/gpu)")).toMatchObject({ total: 1, free: 1 });
  });
});

describe("GPU label and request parsing", () => {
  it("reads memory labels in MiB, AMD's G suffix, and rejects junk", () => {
    expect(parseMemoryMiB("81559")).toBe(81_559);
    expect(parseMemoryMiB("192G")).toBe(196_608);
    expect(parseMemoryMiB("192", "GiB")).toBe(196_608);
    expect(parseMemoryMiB("80Gi")).toBe(81_920);
    expect(parseMemoryMiB("lots")).toBeUndefined();
    expect(parseMemoryMiB(undefined)).toBeUndefined();
  });

  it("computes a pod's effective GPU request like the scheduler (sidecars add, init containers take the max)", () => {
    const p: KubeResource = {
      spec: {
        initContainers: [
          { name: "warm", resources: { requests: { "nvidia.com/gpu": "4" } } },
          { name: "sidecar", restartPolicy: "Always", resources: { limits: { "nvidia.com/gpu": "1" } } },
        ],
        containers: [
          { name: "a", resources: { requests: { "nvidia.com/gpu": "1", cpu: "4" }, limits: { "nvidia.com/gpu": "1" } } },
          { name: "b", resources: { limits: { "nvidia.com/gpu": "1", "amd.com/gpu": "2" } } },
        ],
      },
    };
    expect(podGpuRequests(p)).toEqual({ "nvidia.com/gpu": 4, "amd.com/gpu": 2 });
    expect(podGpuRequests({ spec: { containers: [{ name: "x" }] } })).toEqual({});
  });

  it("finds no GPUs on a CPU node", () => {
    expect(nodeGpuResources(node({ name: "cpu", instanceType: "d4", cpu: 4, memoryGiB: 16 }))).toEqual([]);
  });
});
