import type { DeploymentDetail, DeploymentMetrics, GpuCapacity } from "@kubeairunway/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SimBackend, startSimBackend, waitFor } from "../testing/sim-backend";

/**
 * GPU capacity and metrics are `cluster` routes: served with the backend's own ServiceAccount
 * (its Helm RBAC: list/watch pods and nodes, get pods/proxy), whoever the authenticated caller is.
 */
let env: SimBackend;
beforeAll(async () => {
  env = await startSimBackend({ authMode: "kubernetes", gpuNodes: 1 });
});
afterAll(async () => {
  await env?.stop();
});

describe("cluster routes in kubernetes auth mode", () => {
  it("serve a viewer capacity and a deployment's metrics through the backend's ServiceAccount", async () => {
    const { alice, bob } = env.sim.tokens;
    const created = await env.call("/api/deployments", {
      method: "POST",
      token: alice,
      body: {
        runtime: "kaito",
        engine: "vllm",
        model: "phi-4-mini-instruct",
        name: "cr-vllm",
        namespace: "team-a",
        nodeSelector: { "node.kubernetes.io/instance-type": "Standard_ND96isr_H100_v5" },
        contextLength: 4096,
      },
    });
    expect(created.status, await created.clone().text()).toBe(201);
    await waitFor(
      async () => {
        const res = await env.call("/api/deployments/team-a/cr-vllm", { token: alice });
        return res.ok && ((await res.json()) as DeploymentDetail).summary.phase === "Running" ? true : undefined;
      },
      15_000,
      "cr-vllm Running",
    );

    const capacity = (await (await env.call("/api/gpu/capacity", { token: bob })).json()) as GpuCapacity;
    expect(capacity.pools).toEqual([
      expect.objectContaining({ product: "NVIDIA-H100-80GB-HBM3", total: 8, free: 7, largestFreeOnOneNode: 7 }),
    ]);

    const res = await env.call("/api/deployments/team-a/cr-vllm/metrics", { token: bob });
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await res.json()) as DeploymentMetrics).toMatchObject({ available: true, engine: "vllm" });
  });

  it("refuse callers without a token (anonymous cluster reads are off by default) and with a bad one", async () => {
    expect((await env.call("/api/gpu/capacity")).status).toBe(401);
    expect((await env.call("/api/deployments/team-a/cr-vllm/metrics")).status).toBe(401);
    expect((await env.call("/api/gpu/capacity", { token: "not-a-token" })).status).toBe(401);
  });
});
