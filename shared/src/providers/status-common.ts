import type { Condition, Engine, Phase, RuntimeId, ServingMode } from "../schemas/common";
import type { DeploymentStatus, DeploymentSummary } from "../schemas/deployments";
import type { ProviderDescriptor } from "../schemas/providers";
import { explainPending } from "./explain";
import { annotation, toIso, toMillis } from "./kube-read";
import { ANNOTATIONS } from "./labels";
import {
  describeProblem,
  isPersistent,
  isPodReady,
  isPodScheduled,
  type PodProblem,
  podName,
  podProblems,
  unschedulableMessage,
} from "./pods";
import type { KubeEvent, KubeObject, KubePod, StatusOptions } from "./types";

export interface PhaseDecision {
  phase: Phase;
  explanation: string;
}

export const isTerminating = (resource: KubeObject) => Boolean(resource.metadata?.deletionTimestamp);

export const TERMINATING: PhaseDecision = {
  phase: "Terminating",
  explanation: "Being deleted: the operator is removing its pods and Services.",
};

/** The first pod problem that has lasted long enough to be a failure (crash loop, bad image…). */
export function persistentPodFailure(pods: readonly KubePod[], options: StatusOptions = {}): PodProblem | undefined {
  const now = options.now ?? Date.now();
  return podProblems(pods).find((p) => isPersistent(p, now));
}

/** Pods the scheduler could not place (and that are not on their way out). */
export function unschedulablePods(pods: readonly KubePod[]): KubePod[] {
  return pods.filter((p) => !p.metadata?.deletionTimestamp && unschedulableMessage(p) !== undefined);
}

/**
 * Pending while any pod of the deployment waits for a node (the deployment cannot become ready
 * until it is placed, even if others already run, e.g. a scheduled head or frontend beside GPU
 * workers that do not fit); Deploying once every pod is placed and at least one is starting.
 */
export function pendingOrDeploying(pods: readonly KubePod[]): "Pending" | "Deploying" {
  if (unschedulablePods(pods).length > 0) return "Pending";
  return pods.some((p) => isPodScheduled(p) && !p.metadata?.deletionTimestamp) ? "Deploying" : "Pending";
}

/** The most useful sentence for a deployment that is not running yet, or `fallback`. */
export function pendingExplanation(
  pods: readonly KubePod[],
  events: readonly KubeEvent[],
  conditions: readonly Condition[],
  fallback: string,
): string {
  return explainPending(pods, events, conditions)[0]?.summary ?? fallback;
}

const MAX_NAMED_PODS = 3;

/** "Pod a cannot be scheduled." / "Pods a, b and 2 more cannot be scheduled." */
function unschedulableSentence(pods: readonly KubePod[]): string {
  const names = pods.map(podName);
  const shown = names.slice(0, MAX_NAMED_PODS);
  const rest = names.length - shown.length;
  const list = rest > 0 ? `${shown.join(", ")} and ${rest} more` : shown.join(shown.length === 2 ? " and " : ", ");
  return `${names.length === 1 ? "Pod" : "Pods"} ${list} cannot be scheduled.`;
}

/**
 * Persistent pod failure → Failed. Otherwise Pending while any pod is unschedulable (the
 * explanation names those pods, then gives the scheduler's reason), else Pending/Deploying with
 * the best explanation available. Callers reach this only when the runtime does not report the
 * deployment ready, and a deleted resource is Terminating before this is asked.
 */
export function notReadyDecision(
  pods: readonly KubePod[],
  events: readonly KubeEvent[],
  conditions: readonly Condition[],
  fallback: { Pending: string; Deploying: string },
  options: StatusOptions = {},
): PhaseDecision {
  const failure = persistentPodFailure(pods, options);
  if (failure) return { phase: "Failed", explanation: `${describeProblem(failure)}.` };
  const phase = pendingOrDeploying(pods);
  const explanation = pendingExplanation(pods, events, conditions, fallback[phase]);
  const unschedulable = unschedulablePods(pods);
  if (unschedulable.length === 0) return { phase, explanation };
  return { phase, explanation: `${unschedulableSentence(unschedulable)} ${explanation}` };
}

/** Whether a timestamp is older than `ms` (unknown times count as old: nothing suggests it is recent). */
export function olderThan(at: string | undefined, ms: number, options: StatusOptions = {}): boolean {
  const t = toMillis(at);
  return t === undefined || (options.now ?? Date.now()) - t >= ms;
}

export function countReady(pods: readonly KubePod[]): number {
  return pods.filter(isPodReady).length;
}

/** Assembles the status: Running with fewer ready than desired becomes Degraded. */
export function buildStatus(
  resource: KubeObject,
  descriptor: ProviderDescriptor,
  serviceName: string,
  decision: PhaseDecision,
  replicas: { desired: number; ready: number },
  conditions: Condition[],
): DeploymentStatus {
  let { phase, explanation } = decision;
  if (phase === "Running" && replicas.ready < replicas.desired) {
    phase = "Degraded";
    explanation = `Serving, but only ${replicas.ready} of ${replicas.desired} replicas are ready.`;
  }
  const serving = phase === "Running" || phase === "Degraded";
  return {
    phase,
    replicas,
    conditions,
    endpoints: [
      {
        service: serviceName,
        namespace: resource.metadata?.namespace ?? "",
        port: descriptor.servicePort,
        basePath: descriptor.openaiBasePath,
        ready: serving && replicas.ready > 0,
      },
    ],
    explanation,
  };
}

/** What a runtime reads from its spec for the list view; annotations written by us take precedence. */
export interface SpecFacts {
  model?: string;
  engine?: Engine;
  mode?: ServingMode;
  gpus?: number;
}

const ENGINES = new Set<string>(["vllm", "sglang", "trtllm", "llamacpp"]);
const MODES = new Set<string>(["aggregated", "disaggregated"]);

/** The list row for a deployment, from its status and the facts its spec (or our annotations) carry. */
export function buildSummary(
  resource: KubeObject,
  runtime: RuntimeId,
  status: DeploymentStatus,
  pods: readonly KubePod[],
  facts: SpecFacts,
): DeploymentSummary {
  const engine = annotation(resource, ANNOTATIONS.engine) ?? facts.engine;
  const mode = annotation(resource, ANNOTATIONS.mode) ?? facts.mode;
  const gpusAnnotation = Number(annotation(resource, ANNOTATIONS.gpus));
  const summary: DeploymentSummary = {
    name: resource.metadata?.name ?? "",
    namespace: resource.metadata?.namespace ?? "",
    runtime,
    model: annotation(resource, ANNOTATIONS.model) ?? facts.model ?? "",
    phase: status.phase,
    replicas: status.replicas,
    gpus:
      Number.isInteger(gpusAnnotation) && gpusAnnotation >= 0 && annotation(resource, ANNOTATIONS.gpus)
        ? gpusAnnotation
        : (facts.gpus ?? 0),
    pods: {
      total: pods.length,
      ready: countReady(pods),
      restarts: pods.reduce((n, p) => n + (p.status?.containerStatuses ?? []).reduce((m, c) => m + (c.restartCount ?? 0), 0), 0),
    },
    explanation: status.explanation,
    createdAt: toIso(resource.metadata?.creationTimestamp) ?? "",
    resourceVersion: resource.metadata?.resourceVersion ?? "",
  };
  if (engine && ENGINES.has(engine)) summary.engine = engine as Engine;
  if (mode && MODES.has(mode)) summary.mode = mode as ServingMode;
  return summary;
}

/** `summarize` with or without events: the old `(resource, pods, options?)` call shape still works. */
export interface Summarize {
  (resource: KubeObject, pods: KubePod[], options?: StatusOptions): DeploymentSummary;
  (resource: KubeObject, pods: KubePod[], events: KubeEvent[], options?: StatusOptions): DeploymentSummary;
}

/** A runtime's `summarize`: its `toStatus` (given the events, if any) plus the facts its spec carries. */
export function summarizer(
  runtime: RuntimeId,
  toStatus: (resource: KubeObject, pods: KubePod[], events: KubeEvent[], options?: StatusOptions) => DeploymentStatus,
  specFacts: (resource: KubeObject) => SpecFacts,
): Summarize {
  return (resource: KubeObject, pods: KubePod[], eventsOrOptions?: KubeEvent[] | StatusOptions, maybeOptions?: StatusOptions) => {
    const events = Array.isArray(eventsOrOptions) ? eventsOrOptions : [];
    const options = (Array.isArray(eventsOrOptions) ? maybeOptions : eventsOrOptions) ?? {};
    return buildSummary(resource, runtime, toStatus(resource, pods, events, options), pods, specFacts(resource));
  };
}
