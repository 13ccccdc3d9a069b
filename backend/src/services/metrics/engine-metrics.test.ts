import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { snapshotFromText, stripRayPrefix } from "./engine-metrics";

const fixture = (name: string) => readFileSync(`/work/shared/fixtures/metrics/${name}.txt`, "utf8");

describe("engine snapshots from the fixtures", () => {
  it("vLLM: tokens, queue, KV cache and both latency histograms", () => {
    const s = snapshotFromText(fixture("vllm"));
    expect(s).toMatchObject({ engine: "vllm", generationTokens: 96_120, promptTokens: 184_233, running: 3, waiting: 1, kvCache: 0.4213 });
    expect(s?.ttft?.at(-1)?.count).toBe(451);
    expect(s?.e2e?.map((b) => b.le)).toEqual([0.5, 1, 2.5, 5, 10, Number.POSITIVE_INFINITY]);
  });

  it("SGLang: running/queue requests and token_usage as the KV-cache share", () => {
    expect(snapshotFromText(fixture("sglang"))).toMatchObject({
      engine: "sglang",
      generationTokens: 1_104_000,
      promptTokens: 2_318_000,
      running: 12,
      waiting: 2,
      kvCache: 0.31,
    });
  });

  it("llama.cpp: predicted tokens, processing/deferred requests; no KV gauge in this build", () => {
    const s = snapshotFromText(fixture("llamacpp"));
    expect(s).toEqual({ engine: "llamacpp", generationTokens: 3469, promptTokens: 6886, running: 1, waiting: 0 });
  });

  it("Dynamo frontend: output tokens, inflight/queued, TTFT and request duration", () => {
    const s = snapshotFromText(fixture("dynamo-frontend"));
    expect(s).toMatchObject({ engine: "dynamo-frontend", generationTokens: 64_210, running: 4, waiting: 1 });
    expect(s?.promptTokens).toBeUndefined();
    expect(s?.ttft?.map((b) => b.count)).toEqual([150, 271, 316, 318]);
    expect(s?.e2e?.at(-1)?.count).toBe(318);
  });

  it("DCGM exporter: not an engine", () => {
    expect(snapshotFromText(fixture("dcgm"))).toBeUndefined();
  });
});

describe("engine name variants", () => {
  it("reads vLLM under Ray Serve (ray_ prefix) the same as plain vLLM", () => {
    const ray = fixture("vllm").replaceAll("vllm:", "ray_vllm:");
    expect(snapshotFromText(ray)).toEqual(snapshotFromText(fixture("vllm")));
    expect(stripRayPrefix("ray_serve_num_http_requests_total")).toBe("ray_serve_num_http_requests_total");
  });

  it("reads the pre-v1 vllm:gpu_cache_usage_perc when kv_cache_usage_perc is absent", () => {
    const old = fixture("vllm").replaceAll("vllm:kv_cache_usage_perc", "vllm:gpu_cache_usage_perc");
    expect(snapshotFromText(old)?.kvCache).toBe(0.4213);
  });

  it("sums running requests over data-parallel ranks and averages their KV-cache shares", () => {
    const text = [
      'vllm:num_requests_running{engine="0",model_name="m"} 2',
      'vllm:num_requests_running{engine="1",model_name="m"} 3',
      'vllm:kv_cache_usage_perc{engine="0",model_name="m"} 0.2',
      'vllm:kv_cache_usage_perc{engine="1",model_name="m"} 0.6',
    ].join("\n");
    const s = snapshotFromText(text);
    expect(s?.running).toBe(5);
    expect(s?.kvCache).toBeCloseTo(0.4);
  });

  it("ignores a Ray head's ray_serve_* metrics (no engine there)", () => {
    expect(snapshotFromText('ray_serve_num_http_requests_total{route="/"} 10\n')).toBeUndefined();
  });
});
