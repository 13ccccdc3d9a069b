import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PromParseError, parsePrometheusText, parsePromNumber } from "./prom-parser";

const FIXTURES = "/work/shared/fixtures/metrics";
const fixture = (name: string) => readFileSync(`${FIXTURES}/${name}.txt`, "utf8");

describe("parsePrometheusText on the engine fixtures", () => {
  it("reads vLLM gauges, counters with labels, and histograms grouped under their family", () => {
    const m = parsePrometheusText(fixture("vllm"));
    expect(m.families.get("vllm:num_requests_running")).toMatchObject({
      type: "gauge",
      help: "Number of requests in model execution batches.",
      samples: [{ name: "vllm:num_requests_running", labels: { engine: "0", model_name: "Qwen/Qwen3-0.6B" }, value: 3 }],
    });
    expect(m.series("vllm:generation_tokens_total")[0]?.value).toBe(96120);
    const success = m.series("vllm:request_success_total");
    expect(success.map((s) => [s.labels.finished_reason, s.value])).toEqual([
      ["stop", 412],
      ["length", 37],
      ["abort", 2],
    ]);
    const ttft = m.families.get("vllm:time_to_first_token_seconds");
    expect(ttft?.type).toBe("histogram");
    // 9 buckets + _count + _sum, all in one family.
    expect(ttft?.samples).toHaveLength(11);
    const buckets = m.series("vllm:time_to_first_token_seconds_bucket");
    expect(buckets.at(-1)?.labels.le).toBe("+Inf");
    expect(m.series("vllm:time_to_first_token_seconds_sum")[0]?.value).toBe(38.72);
  });

  it("reads SGLang values in exponent notation", () => {
    const m = parsePrometheusText(fixture("sglang"));
    expect(m.series("sglang:prompt_tokens_total")[0]?.value).toBe(2_318_000);
    expect(m.series("sglang:generation_tokens_total")[0]?.value).toBe(1_104_000);
    expect(m.families.get("sglang:e2e_request_latency_seconds")?.type).toBe("histogram");
  });

  it("reads llama.cpp samples that carry no labels at all", () => {
    const m = parsePrometheusText(fixture("llamacpp"));
    expect(m.series("llamacpp:tokens_predicted_total")).toEqual([{ name: "llamacpp:tokens_predicted_total", labels: {}, value: 3469 }]);
    expect(m.families.get("llamacpp:n_busy_slots_per_decode")?.type).toBe("counter");
    expect(m.families.size).toBe(11);
  });

  it("reads the Dynamo frontend, where le is not the last label and _sum precedes _count", () => {
    const m = parsePrometheusText(fixture("dynamo-frontend"));
    const requests = m.series("dynamo_frontend_requests_total");
    expect(requests.map((s) => s.labels.status)).toEqual(["success", "error"]);
    expect(requests[0]?.labels.error_type).toBe("");
    expect(m.series("dynamo_frontend_time_to_first_token_seconds_bucket").map((s) => s.labels.le)).toEqual(["0.05", "0.1", "0.5", "+Inf"]);
    expect(m.families.get("dynamo_frontend_request_duration_seconds")?.samples).toHaveLength(6);
  });

  it("reads DCGM's mixed-case labels, values with spaces inside quotes, and fractional values", () => {
    const m = parsePrometheusText(fixture("dcgm"));
    const used = m.series("DCGM_FI_DEV_FB_USED")[0];
    expect(used?.labels).toMatchObject({ UUID: "GPU-5f1c8e2a-9d41-4b8e-a3c2-0f6e7d1b2c34", modelName: "NVIDIA A100 80GB PCIe" });
    expect(used?.value).toBe(72411);
    expect(m.series("DCGM_FI_PROF_GR_ENGINE_ACTIVE")[0]?.value).toBe(0.812345);
    expect(m.families.size).toBe(7);
  });
});

describe("parsePrometheusText edge cases", () => {
  it("unescapes label values, reads timestamps, special floats, and OpenMetrics trailers", () => {
    const text = [
      "# TYPE x counter",
      'x_total{path="C:\\\\dir",msg="say \\"hi\\"\\nbye"} 5 1700000000000',
      "# UNIT y seconds",
      "y NaN",
      "z +Inf",
      "w -Inf 1700000000.5",
      "x_created 1.7e9",
      "# EOF",
    ].join("\r\n");
    const m = parsePrometheusText(text);
    expect(m.series("x_total")[0]).toEqual({
      name: "x_total",
      labels: { path: "C:\\dir", msg: 'say "hi"\nbye' },
      value: 5,
      timestampMs: 1.7e12,
    });
    expect(m.families.get("x")?.samples.map((s) => s.name)).toEqual(["x_total", "x_created"]);
    expect(Number.isNaN(m.series("y")[0]?.value)).toBe(true);
    expect(m.series("z")[0]?.value).toBe(Number.POSITIVE_INFINITY);
    expect(m.series("w")[0]).toMatchObject({ value: Number.NEGATIVE_INFINITY, timestampMs: 1_700_000_000_500 });
    expect(m.families.get("y")?.type).toBe("untyped");
  });

  it("applies a name normalizer to samples and to HELP/TYPE lines alike", () => {
    const text = '# TYPE ray_vllm:num_requests_running gauge\nray_vllm:num_requests_running{model_name="m"} 2\n';
    const m = parsePrometheusText(text, { normalizeName: (n) => n.replace(/^ray_/, "") });
    expect(m.families.get("vllm:num_requests_running")?.type).toBe("gauge");
    expect(m.series("vllm:num_requests_running")[0]?.value).toBe(2);
  });

  it.each([
    ["a missing value", 'metric_name{a="b"}', /line 2: expected "value/],
    ["an unquoted label value", "metric_name{a=b} 1", /line 2: expected a quoted value for label a/],
    ["an unterminated label value", 'metric_name{a="b} 1', /line 2: unterminated value of label a/],
    ["a value that is not a number", "metric_name 0x1f", /line 2: "0x1f" is not a number/],
    ["a bad metric name", "9metric 1", /line 2: expected a metric name/],
    ["an unknown TYPE", "# TYPE m sometype", /line 2: unknown metric type/],
  ])("rejects %s with the line number", (_what, line, message) => {
    expect(() => parsePrometheusText(`ok 1\n${line}\n`)).toThrow(PromParseError);
    expect(() => parsePrometheusText(`ok 1\n${line}\n`)).toThrow(message);
  });

  it("parses Prometheus floats and refuses what Number() would wrongly accept", () => {
    expect(parsePromNumber("1e-3")).toBe(0.001);
    expect(parsePromNumber("-2.5")).toBe(-2.5);
    expect(parsePromNumber(".5")).toBe(0.5);
    expect(parsePromNumber("Inf")).toBe(Number.POSITIVE_INFINITY);
    expect(Number.isNaN(parsePromNumber(""))).toBe(true);
    expect(Number.isNaN(parsePromNumber("0x10"))).toBe(true);
  });
});
