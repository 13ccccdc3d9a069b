import type { GpuCapacity } from "@kubeairunway/shared";
import { R } from "@kubeairunway/sim";
import { registerNode } from "@kubeairunway/sim/controllers/gpu-nodes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SimBackend, startSimBackend, waitFor } from "../testing/sim-backend";

const ADMIN = { username: "system:admin", groups: ["system:masters", "system:authenticated"] };
let env: SimBackend;

beforeAll(async () => {
  // Two H100×8 nodes from the fixture, plus nodes of other GPU types joining later.
  env = await startSimBackend({ gpuNodes: 2 });
  const { store } = env.sim;
  registerNode(
    store,
    { name: "gpu-l4-0", instanceType: "g2-standard-8", cpu: 8, memoryGiB: 32, gpu: { model: "l4-24gb", count: 1 } },
    10,
    ADMIN,
  );
  registerNode(
    store,
    { name: "gpu-l4-1", instanceType: "g2-standard-8", cpu: 8, memoryGiB: 32, gpu: { model: "l4-24gb", count: 1 } },
    11,
    ADMIN,
  );
  registerNode(
    store,
    {
      name: "gpu-mi300x-0",
      instanceType: "Standard_ND96isr_MI300X_v5",
      cpu: 96,
      memoryGiB: 1850,
      gpu: { model: "mi300x-192gb", count: 8 },
      taints: [{ key: "sku", value: "gpu", effect: "NoSchedule" }],
    },
    12,
    ADMIN,
  );
});
afterAll(async () => {
  await env?.stop();
});

async function capacity(): Promise<GpuCapacity> {
  const res = await env.call("/api/gpu/capacity");
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as GpuCapacity;
}

/** A plain pod (not a runtime's) asking for GPUs: its GPUs are just as used. */
async function gpuPod(name: string, gpus: number, nodeSelector: Record<string, string>) {
  // Created through the apiserver as the admin: the backend has no route for plain pods.
  await env.deps.kube.asBackend().request({
    method: "POST",
    path: "/api/v1/namespaces/team-b/pods",
    body: {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name, namespace: "team-b", labels: { app: "training" } },
      spec: {
        nodeSelector,
        containers: [{ name: "train", image: "pytorch/pytorch:2.5.1", resources: { limits: { "nvidia.com/gpu": String(gpus) } } }],
      },
    },
  });
}

describe("GET /api/gpu/capacity against the sim", () => {
  it("reports each GPU type as its own pool with its own memory per GPU", async () => {
    const result = await waitFor(
      async () => {
        const c = await capacity();
        return c.nodes.length === 5 ? c : undefined;
      },
      10_000,
      "five GPU nodes",
    );
    expect(result.pools).toEqual([
      { product: "AMD_Instinct_MI300X_OAM", memoryMiB: 196_608, nodes: 1, total: 8, free: 8, largestFreeOnOneNode: 8 },
      { product: "NVIDIA-H100-80GB-HBM3", memoryMiB: 81_559, nodes: 2, total: 16, free: 16, largestFreeOnOneNode: 8 },
      { product: "NVIDIA-L4", memoryMiB: 23_034, nodes: 2, total: 2, free: 2, largestFreeOnOneNode: 1 },
    ]);
    expect(result.totals).toEqual({ gpus: 26, free: 26 });
    const mi300 = result.nodes.find((n) => n.name === "gpu-mi300x-0");
    expect(mi300).toMatchObject({ resource: "amd.com/gpu", capacity: 8, allocatable: 8, used: 0, ready: true });
    expect(mi300?.taints).toEqual([{ key: "sku", value: "gpu", effect: "NoSchedule" }]);
    expect(result.nodes.find((n) => n.name === "gpu-h100-0")?.labels["nvidia.com/gpu.family"]).toBe("hopper");
    expect(result.nodes.some((n) => n.name.startsWith("cpu-"))).toBe(false);
  });

  it("counts GPUs requested by any bound pod as used, and none for a pod that cannot be placed", async () => {
    await gpuPod("train-l4", 1, { "kubernetes.io/hostname": "gpu-l4-0" });
    await gpuPod("train-h100", 6, { "node.kubernetes.io/instance-type": "Standard_ND96isr_H100_v5" });
    await gpuPod("train-huge", 16, {});
    const result = await waitFor(
      async () => {
        const c = await capacity();
        return c.totals.free === 19 ? c : undefined;
      },
      10_000,
      "7 GPUs used",
    );
    expect(result.nodes.find((n) => n.name === "gpu-l4-0")?.used).toBe(1);
    expect(
      result.nodes
        .filter((n) => n.name.startsWith("gpu-h100"))
        .map((n) => n.used)
        .sort(),
    ).toEqual([0, 6]);
    expect(result.pools.find((p) => p.product === "NVIDIA-H100-80GB-HBM3")).toMatchObject({ total: 16, free: 10, largestFreeOnOneNode: 8 });
    expect(result.pools.find((p) => p.product === "NVIDIA-L4")).toMatchObject({ total: 2, free: 1, largestFreeOnOneNode: 1 });

    // The pod goes away: its GPU is free again.
    await env.deps.kube
      .asBackend()
      .request({ method: "DELETE", path: "/api/v1/namespaces/team-b/pods/train-l4", query: { gracePeriodSeconds: 0 } });
    await waitFor(
      async () => ((await capacity()).pools.find((p) => p.product === "NVIDIA-L4")?.free === 2 ? true : undefined),
      10_000,
      "L4 freed",
    );
  });

  it("reports a node that goes NotReady as offering no free GPUs", async () => {
    env.sim.store.mutate(
      R.nodes,
      undefined,
      "gpu-l4-1",
      ADMIN,
      (node) => {
        const conditions = (node.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? [];
        for (const c of conditions) if (c.type === "Ready") c.status = "Unknown";
      },
      true,
    );
    const result = await waitFor(
      async () => {
        const c = await capacity();
        return c.nodes.find((n) => n.name === "gpu-l4-1")?.ready === false ? c : undefined;
      },
      10_000,
      "gpu-l4-1 NotReady",
    );
    expect(result.pools.find((p) => p.product === "NVIDIA-L4")).toMatchObject({ nodes: 2, total: 2, free: 1 });
  });
});
