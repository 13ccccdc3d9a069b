/**
 * Deployment metrics on demand (no background polling of every deployment): a request scrapes the
 * deployment's engine pods through the apiserver pod proxy, at most once per `minIntervalMs` per
 * deployment (concurrent callers share one scrape), and keeps a short ring buffer of the derived
 * figures so a chart has history. A failed scrape is reported in words, never as zeros.
 */
import type { DeploymentMetrics, RuntimeId } from "@kubeairunway/shared";
import { AppError, NotFoundError } from "../../errors";
import type { KubeResource } from "../../kube/types";
import { type CurrentMetrics, currentMetrics, type DeploymentScrape, engineLabel } from "./deployment-metrics";
import { type EngineSnapshot, snapshotFromText } from "./engine-metrics";
import { PromParseError } from "./prom-parser";
import { planTargets, type ScrapeTarget } from "./scrape-targets";

export interface MetricsServiceOptions {
  /** Clock in ms since the epoch (tests drive it). */
  now: () => number;
  /** The deployment's runtime and pods from the informer cache; undefined when there is no such deployment. */
  locate(namespace: string, name: string): { runtime: RuntimeId; pods: KubeResource[] } | undefined;
  /** GETs one target's metrics text; throws an AppError (typed) on failure. */
  fetchText(target: ScrapeTarget, signal: AbortSignal): Promise<string>;
  /** A deployment is scraped at most this often; callers in between get the last answer (default 5 s). */
  minIntervalMs?: number;
  /** Samples kept per series (default 120: ten minutes at one scrape per 5 s). */
  historyLength?: number;
  /** Deployments whose history is kept; the least recently asked for is dropped first (default 1 000). */
  maxDeployments?: number;
  /** Per-pod scrape timeout (default 5 s). */
  timeoutMs?: number;
  /** A previous scrape older than this is too old to take rates against (default 10 min). */
  maxRateWindowMs?: number;
}

export interface MetricsService {
  /** Current figures and recent history of one deployment; NotFoundError when it does not exist. */
  get(namespace: string, name: string): Promise<DeploymentMetrics>;
}

interface DeploymentState {
  last?: DeploymentScrape;
  answer?: DeploymentMetrics;
  answeredAt: number;
  inflight?: Promise<DeploymentMetrics>;
  series: Record<string, { t: number; v: number }[]>;
}

const NO_FIGURES: CurrentMetrics = {
  generationTokensPerSecond: null,
  promptTokensPerSecond: null,
  requestsRunning: null,
  requestsWaiting: null,
  kvCacheUsage: null,
  ttftP50Seconds: null,
  ttftP95Seconds: null,
  e2eP50Seconds: null,
  e2eP95Seconds: null,
};

/** The reason one target could not be read, with its error code: `ws-0:5000: upstream_unavailable: …`. */
function failureText(target: ScrapeTarget, err: unknown): string {
  const where = `${target.pod}:${target.port}`;
  if (err instanceof PromParseError) return `${where}: invalid metrics text (${err.message})`;
  if (err instanceof AppError) return `${where}: ${err.code}: ${err.message}`;
  if (err instanceof Error && err.name === "TimeoutError") return `${where}: upstream_unavailable: no answer within the scrape timeout`;
  return `${where}: internal: ${err instanceof Error ? err.message : String(err)}`;
}

export function createMetricsService(options: MetricsServiceOptions): MetricsService {
  const minInterval = options.minIntervalMs ?? 5_000;
  const historyLength = options.historyLength ?? 120;
  const maxDeployments = options.maxDeployments ?? 1_000;
  const timeoutMs = options.timeoutMs ?? 5_000;
  const maxRateWindow = options.maxRateWindowMs ?? 10 * 60_000;
  const states = new Map<string, DeploymentState>();

  const stateOf = (key: string): DeploymentState => {
    let state = states.get(key);
    if (state) states.delete(key); // re-insert: most recently used last
    state ??= { answeredAt: Number.NEGATIVE_INFINITY, series: {} };
    states.set(key, state);
    while (states.size > maxDeployments) states.delete(states.keys().next().value as string);
    return state;
  };

  const record = (state: DeploymentState, t: number, figures: CurrentMetrics) => {
    for (const [name, v] of Object.entries(figures)) {
      if (v === null || !Number.isFinite(v)) continue;
      const series = state.series[name] ?? [];
      state.series[name] = series;
      series.push({ t, v });
      if (series.length > historyLength) series.splice(0, series.length - historyLength);
    }
  };

  const answer = (state: DeploymentState, at: number, body: Omit<DeploymentMetrics, "series" | "scrapedAt">): DeploymentMetrics => ({
    ...body,
    scrapedAt: new Date(at).toISOString(),
    series: Object.fromEntries(Object.entries(state.series).map(([k, v]) => [k, [...v]])),
  });

  async function scrape(state: DeploymentState, runtime: RuntimeId, name: string, pods: KubeResource[]): Promise<DeploymentMetrics> {
    const at = options.now();
    const plan = planTargets(runtime, name, pods);
    if (plan.targets.length === 0) {
      const message =
        plan.notReady.length > 0
          ? `no engine pod is ready yet: ${plan.notReady.join("; ")}`
          : pods.length > 0
            ? "none of the deployment's pods serves engine metrics"
            : "the deployment has no pods yet";
      return answer(state, at, { available: false, message, current: NO_FIGURES });
    }
    const targets = new Map<string, EngineSnapshot>();
    const problems: string[] = [];
    await Promise.all(
      plan.targets.map(async (target) => {
        try {
          const text = await options.fetchText(target, AbortSignal.timeout(timeoutMs));
          const snapshot = snapshotFromText(text);
          if (snapshot) targets.set(target.key, snapshot);
          else if (runtime !== "kuberay")
            problems.push(`${target.pod}:${target.port}: no vLLM, SGLang, llama.cpp or Dynamo metrics in the answer`);
        } catch (err) {
          problems.push(failureText(target, err));
        }
      }),
    );
    // A Ray head exports only ray_serve_* metrics; that is expected, not a problem worth a message.
    if (targets.size === 0) {
      const message =
        plan.notReady.length > 0
          ? `no engine pod is ready yet: ${[...plan.notReady, ...problems].join("; ")}`
          : `could not read engine metrics: ${(problems.length > 0 ? problems : ["no engine metrics on any Ray pod"]).join("; ")}`;
      return answer(state, at, { available: false, message, current: NO_FIGURES });
    }
    const scrapeNow: DeploymentScrape = { at, targets };
    const previous = state.last && at - state.last.at <= maxRateWindow ? state.last : undefined;
    const current = currentMetrics(previous, scrapeNow);
    state.last = scrapeNow;
    record(state, at, current);
    const notes = [...problems, ...plan.notReady];
    const message = notes.length > 0 ? `partial: ${notes.join("; ")}` : previous ? undefined : "rates appear from the next scrape";
    return answer(state, at, { available: true, ...(message ? { message } : {}), engine: engineLabel(scrapeNow), current });
  }

  return {
    async get(namespace, name) {
      const located = options.locate(namespace, name);
      if (!located) throw new NotFoundError(`deployment ${namespace}/${name} not found`);
      const state = stateOf(`${namespace}/${name}`);
      if (state.inflight) return state.inflight;
      if (state.answer && options.now() - state.answeredAt < minInterval) return state.answer;
      const run = scrape(state, located.runtime, name, located.pods).then((result) => {
        state.answer = result;
        state.answeredAt = options.now();
        return result;
      });
      state.inflight = run.finally(() => {
        state.inflight = undefined;
      });
      return state.inflight;
    },
  };
}
