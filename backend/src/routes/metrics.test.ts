import type { DeploymentConfigInput, DeploymentDetail, DeploymentMetrics, ErrorBody } from "@kubeairunway/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SimBackend, startSimBackend, waitFor } from "../testing/sim-backend";

let env: SimBackend;
/** The backend's clock, moved by hand: the scrape cache and the rate window follow it. */
let now = Date.parse("2026-03-01T12:00:00Z");

beforeAll(async () => {
  env = await startSimBackend({ gpuNodes: 1 });
  env.deps.clock = () => new Date(now);
});
afterAll(async () => {
  await env?.stop();
});

async function create(config: DeploymentConfigInput): Promise<void> {
  const res = await env.call("/api/deployments", { method: "POST", body: config });
  expect(res.status, await res.clone().text()).toBe(201);
}

async function metrics(namespace: string, name: string): Promise<DeploymentMetrics> {
  const res = await env.call(`/api/deployments/${namespace}/${name}/metrics`);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as DeploymentMetrics;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitRunning(namespace: string, name: string): Promise<void> {
  await waitFor(
    async () => {
      const res = await env.call(`/api/deployments/${namespace}/${name}`);
      return res.ok && ((await res.json()) as DeploymentDetail).summary.phase === "Running" ? true : undefined;
    },
    15_000,
    `${name} Running`,
  );
}

/** Two scrapes 10 backend-seconds (and some real sim traffic) apart; returns the second. */
async function twoScrapes(namespace: string, name: string): Promise<DeploymentMetrics> {
  now += 10_000;
  await metrics(namespace, name);
  await sleep(300);
  now += 10_000;
  return metrics(namespace, name);
}

describe("GET /api/deployments/:namespace/:name/metrics against the sim", () => {
  it("shows a running vLLM deployment's tokens/s (a rate, after two scrapes), queue and KV cache", async () => {
    await create({
      runtime: "kaito",
      engine: "vllm",
      model: "phi-4-mini-instruct",
      name: "m-vllm",
      namespace: "team-a",
      nodeSelector: { "node.kubernetes.io/instance-type": "Standard_ND96isr_H100_v5" },
      contextLength: 4096,
    });
    await waitRunning("team-a", "m-vllm");
    const first = await metrics("team-a", "m-vllm");
    expect(first).toMatchObject({ available: true, engine: "vllm" });
    expect(first.current.generationTokensPerSecond).toBeNull();
    expect(first.current.requestsRunning).toEqual(expect.any(Number));
    expect(first.current.kvCacheUsage).toBeGreaterThanOrEqual(0);
    expect(first.current.kvCacheUsage).toBeLessThanOrEqual(1);

    // Within the scrape interval the same answer comes back; the sim's counters are not read again.
    now += 1_000;
    expect((await metrics("team-a", "m-vllm")).scrapedAt).toBe(first.scrapedAt);

    await sleep(300); // the sim serves traffic meanwhile (speed 0.01: 30 simulated seconds)
    now += 9_000;
    const second = await metrics("team-a", "m-vllm");
    expect(second.available).toBe(true);
    expect(second.scrapedAt).toBe(new Date(now).toISOString());
    expect(second.current.generationTokensPerSecond).toBeGreaterThan(0);
    expect(second.current.promptTokensPerSecond).toBeGreaterThan(0);
    // A rate over the 10 backend-seconds between scrapes, not the counter's total: rate × 10 s is
    // the increase, which cannot exceed the pod's raw counter read afterwards.
    const raw = await (
      await env.deps.kube.asBackend().stream({ path: "/api/v1/namespaces/team-a/pods/m-vllm-0:5000/proxy/metrics" })
    ).text();
    const total = Number(/^vllm:generation_tokens_total\{[^}]*\} (\S+)$/m.exec(raw)?.[1]);
    expect(total).toBeGreaterThan(0);
    expect((second.current.generationTokensPerSecond ?? 0) * 10).toBeLessThanOrEqual(total);
    expect(second.current.ttftP95Seconds).toBeGreaterThan(0);
    expect(second.current.ttftP95Seconds).toBeGreaterThanOrEqual(second.current.ttftP50Seconds ?? Number.NaN);
    expect(second.series.generationTokensPerSecond).toEqual([{ t: now, v: second.current.generationTokensPerSecond }]);
    expect(second.series.requestsRunning).toHaveLength(2);
  });

  it("Dynamo (disaggregated vLLM): throughput from the frontend, KV-cache use from the workers", async () => {
    await create({
      runtime: "dynamo",
      engine: "vllm",
      mode: "disaggregated",
      model: "Qwen/Qwen3-0.6B",
      name: "m-dyn",
      namespace: "team-b",
    });
    await waitRunning("team-b", "m-dyn");
    const result = await twoScrapes("team-b", "m-dyn");
    expect(result).toMatchObject({ available: true, engine: "dynamo (vllm)" });
    expect(result.current.generationTokensPerSecond).toBeGreaterThan(0);
    expect(result.current.kvCacheUsage).toEqual(expect.any(Number));
    expect(result.current.e2eP50Seconds).toBeGreaterThan(0);
  });

  it("llama.cpp on KAITO (CPU): tokens/s from llamacpp:tokens_predicted_total", async () => {
    await create({
      runtime: "kaito",
      engine: "llamacpp",
      model: "bartowski/Qwen3-0.6B-GGUF",
      gpusPerReplica: 0,
      kaito: { ggufFile: "Qwen3-0.6B-Q4_K_M.gguf" },
      name: "m-llama",
      namespace: "team-b",
      nodeSelector: { "node.kubernetes.io/instance-type": "Standard_D16s_v5" },
    });
    await waitRunning("team-b", "m-llama");
    const result = await waitFor(
      async () => {
        const m = await twoScrapes("team-b", "m-llama");
        return (m.current.generationTokensPerSecond ?? 0) > 0 ? m : undefined;
      },
      10_000,
      "llama.cpp tokens",
    );
    expect(result).toMatchObject({ available: true, engine: "llamacpp" });
    expect(result.current.ttftP50Seconds).toBeNull();
  });

  it("answers available:false with the reason for a deployment that cannot start", async () => {
    await create({
      runtime: "kuberay",
      engine: "vllm",
      model: "Qwen/Qwen3-0.6B",
      name: "m-pending",
      namespace: "team-a",
      gpusPerReplica: 16,
    });
    // The only GPU node has 8 GPUs: the worker can never be placed (the head alone serves no engine).
    const result = await waitFor(
      async () => {
        now += 10_000;
        const m = await metrics("team-a", "m-pending");
        return m.message?.includes("Unschedulable") ? m : undefined;
      },
      15_000,
      "a pending worker in the answer",
    );
    expect(result.available).toBe(false);
    expect(result.message).toMatch(
      /^no engine pod is ready yet: .*m-pending-[a-z0-9]+-gpu-group-worker-[a-z0-9]+ is Pending \(Unschedulable\)/,
    );
    expect(Object.values(result.current).every((v) => v === null)).toBe(true);
  });

  it("answers available:false for a deployment whose pods do not exist yet", async () => {
    await create({
      runtime: "kaito",
      engine: "vllm",
      model: "phi-4-mini-instruct",
      name: "m-nonode",
      namespace: "team-a",
      nodeSelector: { "node.kubernetes.io/instance-type": "Standard_NC4as_T4_v3" },
      contextLength: 4096,
    });
    await waitFor(() => env.deps.cache.deployment("team-a", "m-nonode"), 5_000, "m-nonode cached");
    now += 10_000;
    const result = await metrics("team-a", "m-nonode");
    expect(result).toMatchObject({ available: false, message: "the deployment has no pods yet" });
    expect(Object.values(result.current).every((v) => v === null)).toBe(true);
  });

  it("answers 404 not_found for a deployment that does not exist", async () => {
    const res = await env.call("/api/deployments/team-a/nope/metrics");
    expect(res.status).toBe(404);
    expect(((await res.json()) as ErrorBody).error.code).toBe("not_found");
  });
});
