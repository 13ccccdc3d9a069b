import { describe, expect, it } from "vitest";
import { createEngineMetrics } from "./metrics-exporter";
import type { ContainerProfile } from "./pod-profile";
import { parsePromText } from "./prom-text";

function seeded(seed = 1): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

const sum = (text: string, name: string) =>
  parsePromText(text)
    .samples.filter((s) => s.name === name)
    .reduce((a, s) => a + s.value, 0);

const profiles: [string, ContainerProfile, string, string][] = [
  [
    "vLLM",
    { role: "vllm", model: "Qwen/Qwen3-0.6B", servedModel: "Qwen/Qwen3-0.6B" },
    "vllm:generation_tokens_total",
    "vllm:time_to_first_token_seconds",
  ],
  [
    "vLLM under Ray Serve",
    { role: "ray-worker", engine: "vllm", model: "Qwen/Qwen2.5-7B-Instruct", servedModel: "qwen2.5-7b-instruct", metricPrefix: "ray_" },
    "ray_vllm:generation_tokens_total",
    "ray_vllm:e2e_request_latency_seconds",
  ],
  ["SGLang", { role: "sglang", model: "m", servedModel: "m" }, "sglang:generation_tokens_total", "sglang:time_to_first_token_seconds"],
  [
    "Dynamo frontend",
    { role: "dynamo-frontend", model: "", servedModel: "Qwen/Qwen3-0.6B" },
    "dynamo_frontend_output_tokens_total",
    "dynamo_frontend_time_to_first_token_seconds",
  ],
  [
    "Dynamo vLLM worker",
    { role: "dynamo-worker", engine: "vllm", model: "Qwen/Qwen3-0.6B", servedModel: "Qwen/Qwen3-0.6B" },
    "dynamo_component_requests_total",
    "vllm:time_to_first_token_seconds",
  ],
];

describe("engine metrics", () => {
  it.each(profiles)(
    "%s: parses as Prometheus text with the engine's names, and counters advance under load",
    (_, profile, counter, histogram) => {
      const metrics = createEngineMetrics(profile, "default-vllm-agg")!;
      const random = seeded();
      const before = metrics.render();
      const { types } = parsePromText(before);
      expect(types.get(counter)).toBe("counter");
      expect(types.get(histogram)).toBe("histogram");
      metrics.advance(30, random);
      const after = metrics.render();
      expect(sum(after, counter)).toBeGreaterThan(sum(before, counter));
      const count = sum(after, `${histogram}_count`);
      expect(count).toBeGreaterThan(0);
      // Cumulative buckets: the +Inf bucket equals _count and buckets never decrease.
      const buckets = parsePromText(after).samples.filter((s) => s.name === `${histogram}_bucket`);
      expect(buckets.at(-1)?.labels.le).toBe("+Inf");
      const values = buckets.map((b) => b.value);
      expect(values).toEqual([...values].sort((a, b) => a - b));
      metrics.advance(30, random);
      expect(sum(metrics.render(), counter)).toBeGreaterThan(sum(after, counter));
    },
  );

  it("labels vLLM series with model_name as vLLM does", () => {
    const metrics = createEngineMetrics({ role: "vllm", model: "microsoft/phi-4", servedModel: "phi-4" })!;
    const running = parsePromText(metrics.render()).samples.find((s) => s.name === "vllm:num_requests_running");
    expect(running?.labels).toEqual({ engine: "0", model_name: "phi-4" });
  });

  it("llama.cpp exports unlabelled llamacpp:* series", () => {
    const metrics = createEngineMetrics({ role: "llamacpp", model: "Qwen/Qwen3-0.6B-GGUF", servedModel: "q" })!;
    metrics.advance(120, seeded(3));
    const samples = parsePromText(metrics.render()).samples;
    expect(samples.find((s) => s.name === "llamacpp:tokens_predicted_total")?.value).toBeGreaterThan(0);
    expect(samples.every((s) => Object.keys(s.labels).length === 0)).toBe(true);
  });

  it("exports nothing for a generic container", () => {
    expect(createEngineMetrics({ role: "generic", model: "", servedModel: "" })).toBeUndefined();
  });
});
