/**
 * Turns two scrapes of a deployment's pods into the dashboard figures of DeploymentMetrics:
 * per-second token rates from counter increases, p50/p95 from histogram bucket increases, and
 * the current request queue and KV-cache use. Each pod is compared with its own previous scrape,
 * so a pod that restarts (counters back to zero) or joins later cannot produce a bogus spike.
 */
import type { DeploymentMetrics } from "@kubeairunway/shared";
import type { EngineSnapshot } from "./engine-metrics";
import { addBuckets, type Bucket, bucketDelta, counterIncrease, histogramQuantile } from "./rates";

export type CurrentMetrics = DeploymentMetrics["current"];

/** One scrape of every target of a deployment; targets are keyed by pod uid + port. */
export interface DeploymentScrape {
  /** Milliseconds since the epoch. */
  at: number;
  targets: Map<string, EngineSnapshot>;
}

/** Figures that come from the request path: a Dynamo frontend when there is one, else the engines. */
function requestPath(scrape: DeploymentScrape): [string, EngineSnapshot][] {
  const all = [...scrape.targets.entries()];
  const frontends = all.filter(([, s]) => s.engine === "dynamo-frontend");
  return frontends.length > 0 ? frontends : all;
}

function engines(scrape: DeploymentScrape): EngineSnapshot[] {
  return [...scrape.targets.values()].filter((s) => s.engine !== "dynamo-frontend");
}

type CounterKey = "generationTokens" | "promptTokens";
type HistogramKey = "ttft" | "e2e";

/** Sum of per-pod increases over pods present in both scrapes, per second; null if none can say. */
function rate(previous: DeploymentScrape, current: DeploymentScrape, key: CounterKey): number | null {
  const seconds = (current.at - previous.at) / 1000;
  if (!(seconds > 0)) return null;
  let increase = 0;
  let seen = false;
  for (const [target, now] of requestPath(current)) {
    const before = previous.targets.get(target)?.[key];
    const after = now[key];
    if (before === undefined || after === undefined) continue;
    increase += counterIncrease(before, after);
    seen = true;
  }
  return seen ? increase / seconds : null;
}

/** Buckets of the observations made between the scrapes, summed over pods. */
function recentBuckets(previous: DeploymentScrape, current: DeploymentScrape, key: HistogramKey): Bucket[] | undefined {
  let sum: Bucket[] | undefined;
  for (const [target, now] of requestPath(current)) {
    const before = previous.targets.get(target)?.[key];
    const after = now[key];
    if (!before || !after) continue;
    const delta = bucketDelta(before, after);
    sum = sum ? addBuckets(sum, delta) : delta;
  }
  return sum;
}

function gaugeSum(snapshots: EngineSnapshot[], key: "running" | "waiting"): number | null {
  const values = snapshots.map((s) => s[key]).filter((v): v is number => v !== undefined);
  return values.length > 0 ? values.reduce((a, b) => a + b, 0) : null;
}

function kvCache(scrape: DeploymentScrape): number | null {
  // A Dynamo frontend holds no KV cache: the workers behind it do.
  const own = engines(scrape).map((s) => s.kvCache);
  const values = own.filter((v): v is number => v !== undefined);
  return values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : null;
}

/**
 * Dashboard figures for `current`, given the scrape before it (if any, and if recent enough to
 * mean anything: the caller decides). Rates and quantiles are null on the first scrape.
 */
export function currentMetrics(previous: DeploymentScrape | undefined, current: DeploymentScrape): CurrentMetrics {
  const path = requestPath(current).map(([, s]) => s);
  const ttft = previous ? recentBuckets(previous, current, "ttft") : undefined;
  const e2e = previous ? recentBuckets(previous, current, "e2e") : undefined;
  const quantile = (q: number, buckets: Bucket[] | undefined) => (buckets ? histogramQuantile(q, buckets) : null);
  return {
    generationTokensPerSecond: previous ? rate(previous, current, "generationTokens") : null,
    promptTokensPerSecond: previous ? rate(previous, current, "promptTokens") : null,
    requestsRunning: gaugeSum(path, "running"),
    requestsWaiting: gaugeSum(path, "waiting"),
    kvCacheUsage: kvCache(current),
    ttftP50Seconds: quantile(0.5, ttft),
    ttftP95Seconds: quantile(0.95, ttft),
    e2eP50Seconds: quantile(0.5, e2e),
    e2eP95Seconds: quantile(0.95, e2e),
  };
}

/** `vllm`, `sglang`, `llamacpp`, or `dynamo (vllm)` for a frontend in front of vLLM workers. */
export function engineLabel(scrape: DeploymentScrape): string | undefined {
  const kinds = new Set([...scrape.targets.values()].map((s) => s.engine));
  const behind = [...kinds].filter((k) => k !== "dynamo-frontend").sort();
  if (kinds.has("dynamo-frontend")) return behind.length > 0 ? `dynamo (${behind.join(", ")})` : "dynamo";
  return behind.length > 0 ? behind.join(", ") : undefined;
}
