import type { DeploymentMetrics, GpuCapacity } from "@kubeairunway/shared";
import { R, type SimCluster, startSimCluster } from "@kubeairunway/sim";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { podGpuRequests } from "../kube/scheduled-pods";
import type { KubeResource } from "../kube/types";
import { waitFor } from "../testing/sim-backend";
import { kubeFromFile, testApp } from "../testing/test-app";

/** GPU capacity and metrics over the sim's `demo` seed: several GPU pools, deployments in every state. */
let sim: SimCluster;
let t: ReturnType<typeof testApp>;
let now = Date.parse("2026-03-01T12:00:00Z");

beforeAll(async () => {
  sim = await startSimCluster({ seed: "demo", speed: 0.01 });
  t = testApp(
    { clock: () => new Date(now) },
    {},
    { kube: kubeFromFile(sim.kubeconfigPath, "admin"), startCache: true, cache: { watchTimeoutSeconds: 5 } },
  );
  await t.deps.cache.waitForSync(15_000);
});
afterAll(async () => {
  t?.stop();
  await sim?.stop();
});

async function get<T>(path: string): Promise<T> {
  const res = await t.app.request(path);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as T;
}

/** GPUs requested per node by the pods the sim holds (bound, not finished): the ground truth. */
function usedInSim(): Map<string, number> {
  const used = new Map<string, number>();
  for (const pod of sim.store.list(R.pods, {}).items) {
    const spec = pod.spec as { nodeName?: string };
    const phase = (pod.status as { phase?: string } | undefined)?.phase;
    if (!spec.nodeName || phase === "Succeeded" || phase === "Failed") continue;
    const gpus = Object.values(podGpuRequests(pod as unknown as KubeResource)).reduce((a, b) => a + b, 0);
    used.set(spec.nodeName, (used.get(spec.nodeName) ?? 0) + gpus);
  }
  return used;
}

describe("the demo cluster", () => {
  it("has one pool per GPU type with its own memory, and per-node used equal to the bound pods' requests", async () => {
    const capacity = await waitFor(
      async () => {
        const c = await get<GpuCapacity>("/api/gpu/capacity");
        const truth = usedInSim();
        return c.nodes.every((n) => n.used === (truth.get(n.name) ?? 0)) && c.totals.free < c.totals.gpus ? c : undefined;
      },
      15_000,
      "used GPUs to match the sim's pods",
    );
    expect(capacity.pools.map((p) => [p.product, p.memoryMiB, p.nodes, p.total])).toEqual([
      ["NVIDIA-H100-80GB-HBM3", 81_559, 2, 16],
      ["NVIDIA-A100-SXM4-40GB", 40_960, 1, 4],
      ["NVIDIA-L4", 23_034, 2, 2],
    ]);
    for (const pool of capacity.pools) {
      const nodes = capacity.nodes.filter((n) => n.product === pool.product);
      expect(pool.free).toBe(nodes.reduce((sum, n) => sum + Math.max(0, n.allocatable - n.used), 0));
      expect(pool.largestFreeOnOneNode).toBe(Math.max(...nodes.map((n) => Math.max(0, n.allocatable - n.used))));
    }
    expect(capacity.nodes.every((n) => n.taints.some((taint) => taint.key === "nvidia.com/gpu" && taint.effect === "NoSchedule"))).toBe(
      true,
    );
    expect(capacity.nodes.some((n) => n.name.includes("cpu-pool"))).toBe(false);
  });

  it("shows tokens/s for the running KAITO vLLM and KubeRay deployments after two scrapes", async () => {
    for (const [namespace, name] of [
      ["team-a", "phi-4-mini"],
      ["team-b", "llama-3-1-8b"],
    ] as const) {
      const result = await waitFor(
        async () => {
          now += 10_000;
          const first = await get<DeploymentMetrics>(`/api/deployments/${namespace}/${name}/metrics`);
          if (!first.available) return undefined;
          await new Promise((r) => setTimeout(r, 200));
          now += 10_000;
          const second = await get<DeploymentMetrics>(`/api/deployments/${namespace}/${name}/metrics`);
          return (second.current.generationTokensPerSecond ?? 0) > 0 ? second : undefined;
        },
        20_000,
        `${name} tokens/s`,
      );
      expect(result.engine).toBe("vllm");
      expect(result.current.requestsRunning).toEqual(expect.any(Number));
    }
  });

  it("reports available:false for the pending and unschedulable deployments", async () => {
    now += 10_000;
    const pending = await get<DeploymentMetrics>("/api/deployments/team-b/gemma-3-27b/metrics");
    expect(pending).toMatchObject({ available: false, message: "the deployment has no pods yet" });
    const unschedulable = await get<DeploymentMetrics>("/api/deployments/team-b/deepseek-r1/metrics");
    expect(unschedulable.available === false || unschedulable.message?.startsWith("partial:")).toBe(true);
    expect(unschedulable.message).toMatch(/Unschedulable/);
  });
});
