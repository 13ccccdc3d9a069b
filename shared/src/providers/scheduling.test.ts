import { describe, expect, it } from "vitest";
import { isGpuResource, parseSchedulingMessage } from "./scheduling";

describe("parseSchedulingMessage", () => {
  it("splits GPU shortage and untolerated taints out of the scheduler's wording", () => {
    const parsed = parseSchedulingMessage(
      "0/6 nodes are available: 4 Insufficient nvidia.com/gpu, 2 node(s) had untolerated taint {nvidia.com/gpu: }. preemption: 0/6 nodes are available: 2 Preemption is not helpful for scheduling, 4 No preemption victims found for incoming pod.",
    );
    expect(parsed.totalNodes).toBe(6);
    expect(parsed.findings).toEqual([
      { kind: "insufficient", resource: "nvidia.com/gpu", nodes: 4 },
      { kind: "taint", key: "nvidia.com/gpu", value: "", nodes: 2 },
    ]);
  });

  it("drops the control-plane taint that appears in nearly every message", () => {
    const parsed = parseSchedulingMessage(
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );
    expect(parsed.findings).toEqual([{ kind: "node-selector", nodes: 2 }]);
  });

  it("reads the pre-1.26 taint wording and cpu/memory shortages", () => {
    expect(
      parseSchedulingMessage("0/3 nodes are available: 3 node(s) had taint {sku: gpu}, that the pod didn't tolerate.").findings,
    ).toEqual([{ kind: "taint", key: "sku", value: "gpu", nodes: 3 }]);
    expect(parseSchedulingMessage("0/1 nodes are available: 1 Insufficient cpu, 1 Insufficient memory.").findings).toEqual([
      { kind: "insufficient", resource: "cpu", nodes: 1 },
      { kind: "insufficient", resource: "memory", nodes: 1 },
    ]);
  });

  it("recognises cordoned nodes and an empty cluster", () => {
    expect(
      parseSchedulingMessage("0/4 nodes are available: 1 node(s) were unschedulable, 3 Insufficient nvidia.com/gpu.").findings[0],
    ).toEqual({
      kind: "cordoned",
      nodes: 1,
    });
    expect(parseSchedulingMessage("no nodes available to schedule pods").noNodes).toBe(true);
  });

  it("knows which extended resources are GPUs", () => {
    expect(["nvidia.com/gpu", "nvidia.com/mig-1g.10gb", "amd.com/gpu", "gpu.intel.com/xe"].every(isGpuResource)).toBe(true);
    expect(["cpu", "memory", "ephemeral-storage"].some(isGpuResource)).toBe(false);
  });
});
