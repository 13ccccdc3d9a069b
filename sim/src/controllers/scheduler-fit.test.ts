import { describe, expect, it } from "vitest";
import type { KubeObject } from "../store/types";
import { buildNode } from "./gpu-nodes";
import { checkNode, failedSchedulingMessage, type NodeFailure, podRequests, scoreNode } from "./scheduler-fit";

const gpuTaint = [{ key: "nvidia.com/gpu", value: "present", effect: "NoSchedule" }];
const h100 = buildNode(
  {
    name: "gpu-h100-0",
    instanceType: "Standard_ND96isr_H100_v5",
    cpu: 96,
    memoryGiB: 1900,
    gpu: { model: "h100-80gb", count: 8 },
    taints: gpuTaint,
  },
  0,
);
const l4 = buildNode(
  { name: "gpu-l4-0", instanceType: "g2-standard-8", cpu: 8, memoryGiB: 32, gpu: { model: "l4-24gb", count: 1 }, taints: gpuTaint },
  1,
);
const cpuNode = buildNode({ name: "cpu-0", instanceType: "Standard_D8s_v5", cpu: 8, memoryGiB: 32 }, 2);

function pod(requests: Record<string, string>, extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "p", namespace: "default" },
    spec: { containers: [{ name: "main", image: "x", resources: { requests } }], ...extra },
  };
}
const tolerateGpu = { tolerations: [{ key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" }] };

describe("podRequests", () => {
  it("sums containers in scheduler units and falls back to limits", () => {
    const p: KubeObject = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p" },
      spec: {
        containers: [
          { name: "a", resources: { requests: { cpu: "500m", memory: "1Gi" } } },
          { name: "b", resources: { limits: { "nvidia.com/gpu": "2", cpu: "2" } } },
        ],
      },
    };
    expect(podRequests(p)).toEqual({ cpu: 2500, memory: 2 ** 30, "nvidia.com/gpu": 2 });
  });
});

describe("checkNode", () => {
  it("fits a tolerating GPU pod on a node with free GPUs", () => {
    const p = pod({ "nvidia.com/gpu": "4", cpu: "8" }, tolerateGpu);
    expect(checkNode(p, podRequests(p), h100, {})).toBeUndefined();
  });

  it("rejects a pod without the toleration because of the taint, before looking at resources", () => {
    const p = pod({ "nvidia.com/gpu": "1" });
    expect(checkNode(p, podRequests(p), h100, {})).toEqual({
      reasons: ["node(s) had untolerated taint {nvidia.com/gpu: present}"],
      kind: "unresolvable",
    });
  });

  it("reports every insufficient resource given what is already placed", () => {
    const p = pod({ "nvidia.com/gpu": "2", cpu: "8" }, tolerateGpu);
    const failure = checkNode(p, podRequests(p), l4, { cpu: 1000 });
    expect(failure?.reasons).toEqual(["Insufficient nvidia.com/gpu", "Insufficient cpu"]);
    expect(failure?.kind).toBe("resources");
    const onePlaced = checkNode(pod({ "nvidia.com/gpu": "7" }, tolerateGpu), { "nvidia.com/gpu": 7 }, h100, { "nvidia.com/gpu": 2 });
    expect(onePlaced?.reasons).toEqual(["Insufficient nvidia.com/gpu"]);
  });

  it("honours nodeSelector and required node affinity expressions", () => {
    const bySelector = pod({}, { ...tolerateGpu, nodeSelector: { "nvidia.com/gpu.product": "NVIDIA-L4" } });
    expect(checkNode(bySelector, {}, l4, {})).toBeUndefined();
    expect(checkNode(bySelector, {}, h100, {})?.reasons).toEqual(["node(s) didn't match Pod's node affinity/selector"]);
    const byAffinity = pod(
      {},
      {
        ...tolerateGpu,
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{ matchExpressions: [{ key: "nvidia.com/gpu.memory", operator: "Gt", values: ["40000"] }] }],
            },
          },
        },
      },
    );
    expect(checkNode(byAffinity, {}, h100, {})).toBeUndefined();
    expect(checkNode(byAffinity, {}, l4, {})).toBeDefined();
    expect(checkNode(byAffinity, {}, cpuNode, {})).toBeDefined();
  });

  it("treats a GPU request on a CPU node as insufficient GPUs", () => {
    const p = pod({ "nvidia.com/gpu": "1" }, tolerateGpu);
    expect(checkNode(p, podRequests(p), cpuNode, {})?.reasons).toEqual(["Insufficient nvidia.com/gpu"]);
  });
});

describe("failedSchedulingMessage", () => {
  it("words the event like kube-scheduler, with a sorted histogram and the preemption part", () => {
    const failures: NodeFailure[] = [
      ...Array.from({ length: 4 }, () => ({ reasons: ["Insufficient nvidia.com/gpu"], kind: "resources" as const })),
      ...Array.from({ length: 2 }, () => ({
        reasons: ["node(s) had untolerated taint {nvidia.com/gpu: present}"],
        kind: "unresolvable" as const,
      })),
    ];
    expect(failedSchedulingMessage(6, failures)).toBe(
      "0/6 nodes are available: 2 node(s) had untolerated taint {nvidia.com/gpu: present}, 4 Insufficient nvidia.com/gpu. " +
        "preemption: 0/6 nodes are available: 2 Preemption is not helpful for scheduling, 4 No preemption victims found for incoming pod.",
    );
  });
});

describe("scoreNode", () => {
  it("spreads like LeastAllocated: a 1-GPU pod prefers the roomy 8-GPU node, a CPU pod prefers the CPU node", () => {
    const gpuPod = { "nvidia.com/gpu": 1, cpu: 1000 };
    expect(scoreNode(gpuPod, h100, {})).toBeGreaterThan(scoreNode(gpuPod, l4, {}));
    expect(scoreNode(gpuPod, h100, { "nvidia.com/gpu": 8 })).toBeLessThan(scoreNode(gpuPod, h100, {}));
    const cpuPod = { cpu: 500 };
    expect(scoreNode(cpuPod, cpuNode, {})).toBeGreaterThan(scoreNode(cpuPod, h100, {}));
  });
});
