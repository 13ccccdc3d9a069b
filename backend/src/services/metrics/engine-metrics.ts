/**
 * The real metric names of each inference engine (runtimes.md §7) and how one scrape of one pod
 * becomes an {@link EngineSnapshot}: cumulative counters, gauges and histogram buckets, summed over
 * the series an engine emits (model names, data-parallel ranks). Rates come later, from two
 * snapshots (see rates.ts and deployment-metrics.ts).
 */
import { type ParsedMetrics, type ParseOptions, parsePrometheusText } from "./prom-parser";
import { type Bucket, bucketsOf } from "./rates";

export type EngineId = "vllm" | "sglang" | "llamacpp" | "dynamo-frontend";

/** Where each dashboard figure lives for one engine. Earlier names win; later ones are older aliases. */
export interface EngineMetricNames {
  id: EngineId;
  /** A sample name prefix that identifies the engine in a scrape. */
  prefix: string;
  /** Counters (sample names, `_total` included). */
  generationTokens: string[];
  promptTokens: string[];
  /** Gauges. */
  running: string[];
  waiting: string[];
  /** 0–1 share of the KV cache in use. */
  kvCache: string[];
  /** Histogram base names (without `_bucket`). */
  ttft: string[];
  e2e: string[];
}

/**
 * Checked in this order: a Dynamo worker also exports `vllm:*`/`sglang:*`, but a Dynamo frontend
 * is recognised first by its own prefix.
 */
export const ENGINE_METRICS: readonly EngineMetricNames[] = [
  {
    id: "dynamo-frontend",
    prefix: "dynamo_frontend_",
    generationTokens: ["dynamo_frontend_output_tokens_total", "dynamo_frontend_output_sequence_tokens_sum"],
    // The frontend has no prompt-token counter; the input-length histogram's sum is one.
    promptTokens: ["dynamo_frontend_input_sequence_tokens_sum"],
    running: ["dynamo_frontend_inflight_requests"],
    waiting: ["dynamo_frontend_queued_requests"],
    kvCache: [],
    ttft: ["dynamo_frontend_time_to_first_token_seconds"],
    e2e: ["dynamo_frontend_request_duration_seconds"],
  },
  {
    id: "vllm",
    prefix: "vllm:",
    generationTokens: ["vllm:generation_tokens_total"],
    promptTokens: ["vllm:prompt_tokens_total"],
    running: ["vllm:num_requests_running"],
    waiting: ["vllm:num_requests_waiting"],
    // `gpu_cache_usage_perc` is the pre-v1 name of the same 0–1 gauge.
    kvCache: ["vllm:kv_cache_usage_perc", "vllm:gpu_cache_usage_perc"],
    ttft: ["vllm:time_to_first_token_seconds"],
    e2e: ["vllm:e2e_request_latency_seconds"],
  },
  {
    id: "sglang",
    prefix: "sglang:",
    generationTokens: ["sglang:generation_tokens_total"],
    promptTokens: ["sglang:prompt_tokens_total"],
    running: ["sglang:num_running_reqs"],
    waiting: ["sglang:num_queue_reqs"],
    kvCache: ["sglang:token_usage"],
    ttft: ["sglang:time_to_first_token_seconds"],
    e2e: ["sglang:e2e_request_latency_seconds"],
  },
  {
    id: "llamacpp",
    prefix: "llamacpp:",
    generationTokens: ["llamacpp:tokens_predicted_total"],
    promptTokens: ["llamacpp:prompt_tokens_total"],
    running: ["llamacpp:requests_processing"],
    waiting: ["llamacpp:requests_deferred"],
    // Listed in the server README but missing from newer builds: optional.
    kvCache: ["llamacpp:kv_cache_usage_ratio"],
    ttft: [],
    e2e: [],
  },
];

/** What one pod's scrape says, cumulative where the metric is cumulative. Absent = not exported. */
export interface EngineSnapshot {
  engine: EngineId;
  generationTokens?: number;
  promptTokens?: number;
  running?: number;
  waiting?: number;
  kvCache?: number;
  ttft?: Bucket[];
  e2e?: Bucket[];
}

/**
 * Ray Serve re-exports vLLM's metrics with a `ray_` prefix (`ray_vllm:num_requests_running`);
 * dropping it lets one name map serve both. Ray's own `ray_serve_*` names have no colon and stay.
 */
export function stripRayPrefix(name: string): string {
  return name.startsWith("ray_") && name.includes(":") ? name.slice(4) : name;
}

export const ENGINE_PARSE_OPTIONS: ParseOptions = { normalizeName: stripRayPrefix };

/** The engine a scrape belongs to, or undefined when it carries none of the known names. */
export function detectEngine(metrics: ParsedMetrics): EngineMetricNames | undefined {
  const names = metrics.names();
  return ENGINE_METRICS.find((e) => names.some((n) => n.startsWith(e.prefix)));
}

function sumOf(metrics: ParsedMetrics, candidates: string[]): number | undefined {
  for (const name of candidates) {
    const samples = metrics.series(name).filter((s) => Number.isFinite(s.value));
    if (samples.length > 0) return samples.reduce((total, s) => total + s.value, 0);
  }
  return undefined;
}

function meanOf(metrics: ParsedMetrics, candidates: string[]): number | undefined {
  for (const name of candidates) {
    const samples = metrics.series(name).filter((s) => Number.isFinite(s.value));
    if (samples.length > 0) return samples.reduce((total, s) => total + s.value, 0) / samples.length;
  }
  return undefined;
}

function histogramOf(metrics: ParsedMetrics, candidates: string[]): Bucket[] | undefined {
  for (const base of candidates) {
    const buckets = bucketsOf(metrics.series(`${base}_bucket`));
    if (buckets.length > 0) return buckets;
  }
  return undefined;
}

/** The snapshot of one parsed scrape, or undefined when no known engine is in it. */
export function snapshotOf(metrics: ParsedMetrics): EngineSnapshot | undefined {
  const names = detectEngine(metrics);
  if (!names) return undefined;
  const snapshot: EngineSnapshot = { engine: names.id };
  const set = <K extends keyof EngineSnapshot>(key: K, value: EngineSnapshot[K] | undefined) => {
    if (value !== undefined) snapshot[key] = value;
  };
  set("generationTokens", sumOf(metrics, names.generationTokens));
  set("promptTokens", sumOf(metrics, names.promptTokens));
  set("running", sumOf(metrics, names.running));
  set("waiting", sumOf(metrics, names.waiting));
  // Several engine ranks each report their own share: the deployment's figure is their mean.
  set("kvCache", meanOf(metrics, names.kvCache));
  set("ttft", histogramOf(metrics, names.ttft));
  set("e2e", histogramOf(metrics, names.e2e));
  return snapshot;
}

/** Parses a scrape body and takes its snapshot (throws PromParseError on malformed text). */
export function snapshotFromText(text: string): EngineSnapshot | undefined {
  return snapshotOf(parsePrometheusText(text, ENGINE_PARSE_OPTIONS));
}
