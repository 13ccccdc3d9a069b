import type { RuntimeId } from "@kubeairunway/shared";
import { beforeEach, describe, expect, it } from "vitest";
import { UpstreamError } from "../../errors";
import type { KubeResource } from "../../kube/types";
import { createMetricsService, type MetricsServiceOptions } from "./metrics-service";
import type { ScrapeTarget } from "./scrape-targets";

function pod(name: string, opts: { ready?: boolean; labels?: Record<string, string>; reason?: string } = {}): KubeResource {
  const ready = opts.ready ?? true;
  return {
    metadata: { name, namespace: "ml", uid: `uid-${name}`, labels: opts.labels ?? {} },
    status: ready
      ? { phase: "Running", podIP: "10.0.0.1", conditions: [{ type: "Ready", status: "True" }] }
      : { phase: "Pending", conditions: [{ type: "PodScheduled", status: "False", reason: opts.reason ?? "Unschedulable" }] },
  };
}

interface VllmState {
  gen: number;
  prompt: number;
  running?: number;
  kv?: number;
  fast?: number;
  slow?: number;
}
const vllmText = (s: VllmState) =>
  [
    `vllm:generation_tokens_total{model_name="m"} ${s.gen}`,
    `vllm:prompt_tokens_total{model_name="m"} ${s.prompt}`,
    `vllm:num_requests_running{model_name="m"} ${s.running ?? 2}`,
    `vllm:num_requests_waiting{model_name="m"} 0`,
    `vllm:kv_cache_usage_perc{model_name="m"} ${s.kv ?? 0.5}`,
    `vllm:time_to_first_token_seconds_bucket{le="0.1",model_name="m"} ${s.fast ?? 0}`,
    `vllm:time_to_first_token_seconds_bucket{le="1",model_name="m"} ${(s.fast ?? 0) + (s.slow ?? 0)}`,
    `vllm:time_to_first_token_seconds_bucket{le="+Inf",model_name="m"} ${(s.fast ?? 0) + (s.slow ?? 0)}`,
  ].join("\n");

let now: number;
let bodies: Map<string, () => string>;
let fetched: ScrapeTarget[];
let pods: KubeResource[];
let runtime: RuntimeId;

function service(overrides: Partial<MetricsServiceOptions> = {}) {
  return createMetricsService({
    now: () => now,
    locate: (ns, name) => (ns === "ml" && name === "ws" ? { runtime, pods } : undefined),
    fetchText: async (target) => {
      fetched.push(target);
      const body = bodies.get(`${target.pod}:${target.port}`);
      if (!body) throw new UpstreamError("error trying to reach service: dial tcp 10.0.0.1:5000: connect: connection refused");
      return body();
    },
    ...overrides,
  });
}

beforeEach(() => {
  now = Date.parse("2026-01-01T00:00:00Z");
  bodies = new Map();
  fetched = [];
  pods = [pod("ws-0")];
  runtime = "kaito";
});

describe("metrics service", () => {
  it("reports tokens per second from the counter increase between two scrapes, not the total", async () => {
    const s = service();
    let state: VllmState = { gen: 96_000, prompt: 180_000 };
    bodies.set("ws-0:5000", () => vllmText(state));
    const first = await s.get("ml", "ws");
    expect(first).toMatchObject({ available: true, engine: "vllm", message: "rates appear from the next scrape" });
    expect(first.current).toMatchObject({ generationTokensPerSecond: null, requestsRunning: 2, kvCacheUsage: 0.5 });

    now += 10_000;
    state = { gen: 97_000, prompt: 182_000, fast: 8, slow: 2 };
    const second = await s.get("ml", "ws");
    expect(second.available).toBe(true);
    expect(second.message).toBeUndefined();
    expect(second.current.generationTokensPerSecond).toBe(100);
    expect(second.current.promptTokensPerSecond).toBe(200);
    expect(second.current.ttftP50Seconds).toBeCloseTo(0.0625);
    expect(second.current.ttftP95Seconds).toBeCloseTo(0.775);
    expect(second.scrapedAt).toBe("2026-01-01T00:00:10.000Z");
    expect(second.series.generationTokensPerSecond).toEqual([{ t: now, v: 100 }]);
    expect(second.series.requestsRunning).toHaveLength(2);
  });

  it("scrapes a deployment at most once per interval and shares one scrape among concurrent callers", async () => {
    const s = service({ minIntervalMs: 5_000 });
    bodies.set("ws-0:5000", () => vllmText({ gen: 1, prompt: 1 }));
    await Promise.all([s.get("ml", "ws"), s.get("ml", "ws"), s.get("ml", "ws")]);
    expect(fetched).toHaveLength(1);
    now += 4_999;
    await s.get("ml", "ws");
    expect(fetched).toHaveLength(1);
    now += 1;
    await s.get("ml", "ws");
    expect(fetched).toHaveLength(2);
    expect(fetched[0]).toMatchObject({ pod: "ws-0", port: 5000, path: "/metrics" });
  });

  it("answers available:false naming the pod and its reason when no engine pod is ready, without scraping", async () => {
    pods = [pod("ws-0", { ready: false, reason: "Unschedulable" })];
    const result = await service().get("ml", "ws");
    expect(result).toMatchObject({ available: false, message: "no engine pod is ready yet: ws-0 is Pending (Unschedulable)" });
    expect(result.current.generationTokensPerSecond).toBeNull();
    expect(fetched).toHaveLength(0);
    pods = [];
    expect((await service().get("ml", "ws")).message).toBe("the deployment has no pods yet");
  });

  it("reports a failed scrape as a typed error in the message, with no figures (not zeros)", async () => {
    const result = await service().get("ml", "ws");
    expect(result.available).toBe(false);
    expect(result.message).toMatch(/^could not read engine metrics: ws-0:5000: upstream_unavailable: error trying to reach service/);
    expect(Object.values(result.current).every((v) => v === null)).toBe(true);
  });

  it("reports malformed metrics text with its line number", async () => {
    bodies.set("ws-0:5000", () => "vllm:generation_tokens_total{ 12\n");
    expect((await service().get("ml", "ws")).message).toMatch(/ws-0:5000: invalid metrics text \(line 1: expected a label name/);
  });

  it("survives a pod restart (counter back near zero) without a negative or huge rate", async () => {
    const s = service({ minIntervalMs: 0 });
    let gen = 50_000;
    bodies.set("ws-0:5000", () => vllmText({ gen, prompt: 0 }));
    await s.get("ml", "ws");
    now += 5_000;
    gen = 500;
    expect((await s.get("ml", "ws")).current.generationTokensPerSecond).toBe(100);
  });

  it("takes no rate against a scrape older than the rate window", async () => {
    const s = service({ minIntervalMs: 0, maxRateWindowMs: 60_000 });
    bodies.set("ws-0:5000", () => vllmText({ gen: now / 1000, prompt: 0 }));
    await s.get("ml", "ws");
    now += 61_000;
    expect((await s.get("ml", "ws")).current.generationTokensPerSecond).toBeNull();
    now += 1_000;
    expect((await s.get("ml", "ws")).current.generationTokensPerSecond).toBe(1);
  });

  it("keeps at most historyLength samples per series, oldest dropped", async () => {
    const s = service({ minIntervalMs: 0, historyLength: 3 });
    bodies.set("ws-0:5000", () => vllmText({ gen: 0, prompt: 0, running: now / 1000 }));
    const t0 = now;
    for (let i = 0; i < 5; i++) {
      await s.get("ml", "ws");
      now += 1_000;
    }
    const series = (await s.get("ml", "ws")).series.requestsRunning;
    expect(series?.map((p) => p.t - t0)).toEqual([3_000, 4_000, 5_000]);
  });

  it("throws not_found for a deployment the cache does not hold", async () => {
    await expect(service().get("ml", "nope")).rejects.toMatchObject({ code: "not_found" });
  });

  it("Dynamo: throughput and latency from the frontend, KV-cache use from the workers", async () => {
    runtime = "dynamo";
    pods = [
      pod("g-frontend-1", { labels: { "nvidia.com/dynamo-component-type": "frontend" } }),
      pod("g-decode-1", { labels: { "nvidia.com/dynamo-component-type": "worker" } }),
      pod("g-planner-1", { labels: { "nvidia.com/dynamo-component-type": "planner" } }),
    ];
    let out = 1_000;
    bodies.set(
      "g-frontend-1:8000",
      () => `dynamo_frontend_output_tokens_total{model="m"} ${out}\ndynamo_frontend_inflight_requests{model="m"} 7\n`,
    );
    bodies.set("g-decode-1:9090", () => `dynamo_component_requests_total 4\n${vllmText({ gen: 999_999, prompt: 0, kv: 0.25 })}`);
    const s = service({ minIntervalMs: 0 });
    await s.get("ml", "ws");
    now += 2_000;
    out = 1_300;
    const result = await s.get("ml", "ws");
    expect(result).toMatchObject({ available: true, engine: "dynamo (vllm)" });
    expect(result.current).toMatchObject({ generationTokensPerSecond: 150, requestsRunning: 7, kvCacheUsage: 0.25 });
    expect(fetched.map((t) => `${t.pod}:${t.port}`).sort()).toEqual([
      "g-decode-1:9090",
      "g-decode-1:9090",
      "g-frontend-1:8000",
      "g-frontend-1:8000",
    ]);
  });

  it("KubeRay: scrapes every Ray pod on 8080, ignores the head's Serve-only metrics, sums the workers", async () => {
    runtime = "kuberay";
    pods = [pod("rc-head"), pod("rc-worker-a"), pod("rc-worker-b")];
    let gen = 0;
    bodies.set("rc-head:8080", () => "ray_serve_num_http_requests_total 4\n");
    bodies.set("rc-worker-a:8080", () => vllmText({ gen, prompt: 0 }).replaceAll("vllm:", "ray_vllm:"));
    bodies.set("rc-worker-b:8080", () => vllmText({ gen: gen * 3, prompt: 0 }).replaceAll("vllm:", "ray_vllm:"));
    const s = service({ minIntervalMs: 0 });
    await s.get("ml", "ws");
    now += 1_000;
    gen = 10;
    const result = await s.get("ml", "ws");
    expect(result).toMatchObject({ available: true, engine: "vllm" });
    expect(result.message).toBeUndefined();
    expect(result.current).toMatchObject({ generationTokensPerSecond: 40, requestsRunning: 4 });
  });

  it("reports a partial scrape but still answers from the pods that did reply", async () => {
    runtime = "kuberay";
    pods = [pod("rc-worker-a"), pod("rc-worker-b"), pod("rc-worker-c", { ready: false, reason: "ContainerCreating" })];
    bodies.set("rc-worker-a:8080", () => vllmText({ gen: 1, prompt: 1 }));
    const result = await service().get("ml", "ws");
    expect(result.available).toBe(true);
    expect(result.message).toMatch(/^partial: rc-worker-b:8080: upstream_unavailable: .*; rc-worker-c is Pending \(ContainerCreating\)$/);
  });
});

describe("metrics service while a Ray cluster is still coming up", () => {
  it("says the engine pods are not ready when only the head (Serve metrics, no engine) answers", async () => {
    runtime = "kuberay";
    pods = [pod("rc-head"), pod("rc-worker", { ready: false, reason: "Unschedulable" })];
    bodies.set("rc-head:8080", () => "ray_serve_num_http_requests_total 0\n");
    const result = await service().get("ml", "ws");
    expect(result).toMatchObject({ available: false, message: "no engine pod is ready yet: rc-worker is Pending (Unschedulable)" });
  });
});
