/**
 * `/metrics` of a simulated engine container: the real metric names and labels of each engine
 * (runtimes.md §7, ../shared/fixtures/metrics), advanced by a synthetic request load whenever
 * simulated time passes, so rates and histogram quantiles look alive on a dashboard.
 */
import type { ContainerProfile } from "./pod-profile";
import { Family, HistogramFamily, renderFamilies } from "./prom-text";

/** One synthetic request, drawn from the load generator. */
interface Request {
  promptTokens: number;
  outputTokens: number;
  ttft: number;
  itl: number;
  queue: number;
  finished: "stop" | "length" | "abort";
}

function drawRequest(random: () => number): Request {
  const promptTokens = Math.floor(64 + random() * random() * 2000);
  const outputTokens = Math.floor(16 + random() * 400);
  const r = random();
  return {
    promptTokens,
    outputTokens,
    ttft: 0.015 + random() * random() * 0.4,
    itl: 0.006 + random() * 0.02,
    queue: random() * random() * 0.2,
    finished: r < 0.9 ? "stop" : r < 0.99 ? "length" : "abort",
  };
}

const LATENCY = [0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 20, 40, 80];
const ITL = [0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1, 2.5];
const TOKENS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000];

/** Metrics of one container; `advance` feeds it `seconds` of simulated traffic. */
export interface EngineMetrics {
  advance(seconds: number, random: () => number): void;
  render(): string;
}

function vllmMetrics(model: string, prefix: string): EngineMetrics {
  const labels = { engine: "0", model_name: model };
  const n = (s: string) => `${prefix}vllm:${s}`;
  const running = new Family(n("num_requests_running"), "gauge", "Number of requests in model execution batches.");
  const waiting = new Family(n("num_requests_waiting"), "gauge", "Number of requests waiting to be processed.");
  const kv = new Family(n("kv_cache_usage_perc"), "gauge", "KV-cache usage. 1 means 100 percent usage.");
  const preemptions = new Family(n("num_preemptions_total"), "counter", "Cumulative number of preemption from the engine.");
  const prompt = new Family(n("prompt_tokens_total"), "counter", "Number of prefill tokens processed.");
  const generation = new Family(n("generation_tokens_total"), "counter", "Number of generation tokens processed.");
  const queries = new Family(n("prefix_cache_queries_total"), "counter", "Prefix cache queries, in terms of number of queried tokens.");
  const hits = new Family(n("prefix_cache_hits_total"), "counter", "Prefix cache hits, in terms of number of cached tokens.");
  const success = new Family(n("request_success_total"), "counter", "Count of successfully processed requests.");
  const ttft = new HistogramFamily(n("time_to_first_token_seconds"), "Histogram of time to first token in seconds.", LATENCY);
  const itl = new HistogramFamily(n("inter_token_latency_seconds"), "Histogram of inter-token latency in seconds.", ITL);
  const e2e = new HistogramFamily(n("e2e_request_latency_seconds"), "Histogram of e2e request latency in seconds.", LATENCY);
  const queue = new HistogramFamily(n("request_queue_time_seconds"), "Histogram of time spent in WAITING phase for request.", LATENCY);
  const promptHist = new HistogramFamily(n("request_prompt_tokens"), "Number of prefill tokens processed.", TOKENS);
  const genHist = new HistogramFamily(n("request_generation_tokens"), "Number of generation tokens processed.", TOKENS);
  const cacheInfo = new Family(n("cache_config_info"), "gauge", "Information of the LLMEngine CacheConfig");
  cacheInfo.set({ block_size: "16", cache_dtype: "auto", enable_prefix_caching: "True", engine: "0", gpu_memory_utilization: "0.9" }, 1);
  for (const f of [running, waiting, kv, preemptions, prompt, generation, queries, hits]) f.inc(labels, 0);
  for (const reason of ["stop", "length", "abort"]) success.inc({ ...labels, finished_reason: reason }, 0);
  return {
    advance(seconds, random) {
      const count = Math.round(seconds * (1 + random() * 4));
      for (let i = 0; i < count; i++) {
        const r = drawRequest(random);
        prompt.inc(labels, r.promptTokens);
        generation.inc(labels, r.outputTokens);
        queries.inc(labels, r.promptTokens);
        hits.inc(labels, Math.floor(r.promptTokens * random() * 0.5));
        success.inc({ ...labels, finished_reason: r.finished });
        ttft.observe(labels, r.ttft);
        itl.observe(labels, r.itl, r.outputTokens - 1);
        e2e.observe(labels, r.queue + r.ttft + r.itl * r.outputTokens);
        queue.observe(labels, r.queue);
        promptHist.observe(labels, r.promptTokens);
        genHist.observe(labels, r.outputTokens);
      }
      running.set(labels, Math.floor(random() * 6));
      waiting.set(labels, random() < 0.8 ? 0 : Math.floor(random() * 3));
      kv.set(labels, Math.round(random() * 0.5 * 1e4) / 1e4);
    },
    render: () =>
      renderFamilies([
        running,
        waiting,
        kv,
        preemptions,
        prompt,
        generation,
        queries,
        hits,
        success,
        ttft,
        itl,
        e2e,
        queue,
        promptHist,
        genHist,
        cacheInfo,
      ]),
  };
}

function sglangMetrics(model: string): EngineMetrics {
  const labels = { model_name: model };
  const running = new Family("sglang:num_running_reqs", "gauge", "The number of running requests.");
  const queued = new Family("sglang:num_queue_reqs", "gauge", "The number of requests in the waiting queue.");
  const used = new Family("sglang:num_used_tokens", "gauge", "The number of used tokens.");
  const usage = new Family("sglang:token_usage", "gauge", "The token usage.");
  const hitRate = new Family("sglang:cache_hit_rate", "gauge", "The prefix cache hit rate.");
  const throughput = new Family("sglang:gen_throughput", "gauge", "The generation throughput (token/s).");
  const prompt = new Family("sglang:prompt_tokens_total", "counter", "Number of prefill tokens processed.");
  const generation = new Family("sglang:generation_tokens_total", "counter", "Number of generation tokens processed.");
  const requests = new Family("sglang:num_requests_total", "counter", "Number of requests processed.");
  const ttft = new HistogramFamily("sglang:time_to_first_token_seconds", "Histogram of time to first token in seconds.", LATENCY);
  const e2e = new HistogramFamily("sglang:e2e_request_latency_seconds", "Histogram of End-to-end request latency in seconds", LATENCY);
  const itl = new HistogramFamily("sglang:inter_token_latency_seconds", "Histogram of inter-token latency in seconds.", ITL);
  for (const f of [running, queued, used, usage, hitRate, throughput, prompt, generation, requests]) f.inc(labels, 0);
  return {
    advance(seconds, random) {
      const count = Math.round(seconds * (1 + random() * 4));
      let tokens = 0;
      for (let i = 0; i < count; i++) {
        const r = drawRequest(random);
        prompt.inc(labels, r.promptTokens);
        generation.inc(labels, r.outputTokens);
        requests.inc(labels);
        ttft.observe(labels, r.ttft);
        e2e.observe(labels, r.ttft + r.itl * r.outputTokens);
        itl.observe(labels, r.itl, r.outputTokens - 1);
        tokens += r.outputTokens;
      }
      running.set(labels, Math.floor(random() * 8));
      queued.set(labels, random() < 0.8 ? 0 : 1);
      used.set(labels, Math.floor(random() * 60000));
      usage.set(labels, Math.round(random() * 0.5 * 100) / 100);
      hitRate.set(labels, Math.round(random() * 0.4 * 100) / 100);
      throughput.set(labels, seconds > 0 ? Math.round((tokens / seconds) * 10) / 10 : 0);
    },
    render: () => renderFamilies([running, queued, used, usage, hitRate, throughput, prompt, generation, requests, ttft, e2e, itl]),
  };
}

function llamacppMetrics(): EngineMetrics {
  const none = {};
  const c = (name: string, help: string) => new Family(`llamacpp:${name}`, "counter", help);
  const g = (name: string, help: string) => new Family(`llamacpp:${name}`, "gauge", help);
  const promptTokens = c("prompt_tokens_total", "Number of prompt tokens processed.");
  const promptSeconds = c("prompt_seconds_total", "Prompt process time");
  const predicted = c("tokens_predicted_total", "Number of generation tokens processed.");
  const predictedSeconds = c("tokens_predicted_seconds_total", "Predict process time");
  const decodes = c("n_decode_total", "Total number of llama_decode() calls");
  const promptRate = g("prompt_tokens_seconds", "Average prompt throughput in tokens/s.");
  const genRate = g("predicted_tokens_seconds", "Average generation throughput in tokens/s.");
  const processing = g("requests_processing", "Number of requests processing.");
  const deferred = g("requests_deferred", "Number of requests deferred.");
  const all = [promptTokens, promptSeconds, predicted, predictedSeconds, decodes, promptRate, genRate, processing, deferred];
  for (const f of all) f.inc(none, 0);
  return {
    advance(seconds, random) {
      const count = Math.round(seconds * random() * 0.5);
      for (let i = 0; i < count; i++) {
        const r = drawRequest(random);
        promptTokens.inc(none, r.promptTokens);
        promptSeconds.inc(none, r.promptTokens / 240);
        predicted.inc(none, r.outputTokens);
        predictedSeconds.inc(none, r.outputTokens / 98);
        decodes.inc(none, r.outputTokens + 1);
      }
      promptRate.set(none, 230 + random() * 20);
      genRate.set(none, 90 + random() * 15);
      processing.set(none, random() < 0.5 ? 1 : 0);
    },
    render: () => renderFamilies(all),
  };
}

function dynamoFrontendMetrics(model: string): EngineMetrics {
  const labels = { model: model.toLowerCase() };
  const inflight = new Family("dynamo_frontend_inflight_requests", "gauge", "Number of inflight requests");
  const queued = new Family("dynamo_frontend_queued_requests", "gauge", "Number of requests in HTTP processing queue");
  const requests = new Family("dynamo_frontend_requests_total", "counter", "Total number of LLM requests processed");
  const output = new Family("dynamo_frontend_output_tokens_total", "counter", "Total number of output tokens generated");
  const ttft = new HistogramFamily("dynamo_frontend_time_to_first_token_seconds", "Time to first token in seconds", LATENCY);
  const itl = new HistogramFamily("dynamo_frontend_inter_token_latency_seconds", "Inter-token latency in seconds", ITL);
  const duration = new HistogramFamily("dynamo_frontend_request_duration_seconds", "LLM request duration in seconds", LATENCY);
  const input = new HistogramFamily("dynamo_frontend_input_sequence_tokens", "Input sequence length in tokens", TOKENS);
  const outputSeq = new HistogramFamily("dynamo_frontend_output_sequence_tokens", "Output sequence length in tokens", TOKENS);
  const ok = { endpoint: "chat_completions", error_type: "", ...labels, request_type: "stream", status: "success" };
  inflight.set(labels, 0);
  queued.set(labels, 0);
  requests.inc(ok, 0);
  output.inc(labels, 0);
  return {
    advance(seconds, random) {
      const count = Math.round(seconds * (1 + random() * 4));
      for (let i = 0; i < count; i++) {
        const r = drawRequest(random);
        requests.inc(r.finished === "abort" ? { ...ok, error_type: "cancelled", status: "error" } : ok);
        output.inc(labels, r.outputTokens);
        ttft.observe(labels, r.ttft);
        itl.observe(labels, r.itl, r.outputTokens - 1);
        duration.observe(labels, r.ttft + r.itl * r.outputTokens);
        input.observe(labels, r.promptTokens);
        outputSeq.observe(labels, r.outputTokens);
      }
      inflight.set(labels, Math.floor(random() * 6));
      queued.set(labels, random() < 0.85 ? 0 : 1);
    },
    render: () => renderFamilies([inflight, queued, requests, output, ttft, itl, duration, input, outputSeq]),
  };
}

function dynamoWorkerMetrics(p: ContainerProfile, dynamoNamespace: string): EngineMetrics {
  const labels = {
    dynamo_component: p.subComponent === "prefill" ? "prefill" : "backend",
    dynamo_endpoint: "generate",
    dynamo_namespace: dynamoNamespace,
  };
  const requests = new Family("dynamo_component_requests_total", "counter", "Total number of requests processed by work handler");
  const inflight = new Family(
    "dynamo_component_inflight_requests",
    "gauge",
    "Number of requests currently being processed by work handler",
  );
  const uptime = new Family("dynamo_component_uptime_seconds", "gauge", "Total uptime of the DistributedRuntime in seconds");
  const duration = new HistogramFamily(
    "dynamo_component_request_duration_seconds",
    "Time spent processing requests by work handler",
    LATENCY,
  );
  const engine = p.engine === "sglang" ? sglangMetrics(p.model) : vllmMetrics(p.model, "");
  let up = 0;
  requests.inc(labels, 0);
  return {
    advance(seconds, random) {
      up += seconds;
      uptime.set({ dynamo_namespace: dynamoNamespace }, Math.round(up * 1000) / 1000);
      const count = Math.round(seconds * (1 + random() * 3));
      requests.inc(labels, count);
      for (let i = 0; i < count; i++) duration.observe(labels, 0.2 + random() * 2);
      inflight.set(labels, Math.floor(random() * 4));
      engine.advance(seconds, random);
    },
    render: () => renderFamilies([requests, inflight, uptime, duration]) + engine.render(),
  };
}

function rayHeadMetrics(): EngineMetrics {
  const labels = { application: "llms", method: "POST", route: "/", status_code: "200" };
  const requests = new Family("ray_serve_num_http_requests_total", "counter", "The number of HTTP requests processed.");
  const latency = new HistogramFamily(
    "ray_serve_http_request_latency_ms",
    "The end-to-end latency of HTTP requests (measured from the Serve HTTP proxy).",
    [10, 50, 100, 250, 500, 1000, 2500, 5000, 10000],
  );
  const replicas = new Family(
    "ray_serve_deployment_replica_healthy",
    "gauge",
    "Tracks whether this deployment replica is healthy. 1 means healthy, 0 means unhealthy.",
  );
  requests.inc(labels, 0);
  replicas.set({ application: "llms", deployment: "LLMServer" }, 1);
  return {
    advance(seconds, random) {
      const count = Math.round(seconds * (1 + random() * 4));
      requests.inc(labels, count);
      for (let i = 0; i < count; i++) latency.observe({ application: "llms", route: "/" }, 200 + random() * 3000);
    },
    render: () => renderFamilies([requests, latency, replicas]),
  };
}

/** The metrics a container of this profile exports; `undefined` for containers that export none. */
export function createEngineMetrics(p: ContainerProfile, dynamoNamespace = ""): EngineMetrics | undefined {
  switch (p.role) {
    case "vllm":
    case "trtllm":
    case "transformers":
      return vllmMetrics(p.servedModel || p.model, "");
    case "ray-worker":
      return vllmMetrics(p.servedModel || p.model, p.metricPrefix ?? "ray_");
    case "sglang":
      return sglangMetrics(p.servedModel || p.model);
    case "llamacpp":
      return llamacppMetrics();
    case "dynamo-frontend":
      return dynamoFrontendMetrics(p.servedModel || p.model);
    case "dynamo-worker":
      return dynamoWorkerMetrics(p, dynamoNamespace);
    case "ray-head":
      return rayHeadMetrics();
    default:
      return undefined;
  }
}
