import type { PodSummary } from "../schemas/deployments";
import { toIso, toMillis } from "./kube-read";
import type { KubeContainerStatus, KubePod } from "./types";

/** How long an image-pull or container-config error may last before we call the deployment Failed. */
export const PERSISTENT_FAILURE_MS = 5 * 60_000;
/** Restarts after which a crash loop is a failure, not a slow start. */
export const CRASH_LOOP_RESTARTS = 3;

const IMAGE_PULL = new Set(["ErrImagePull", "ImagePullBackOff", "InvalidImageName", "ErrImageNeverPull", "RegistryUnavailable"]);
const CONFIG = new Set(["CreateContainerConfigError", "CreateContainerError", "RunContainerError"]);

export type PodProblemKind = "unschedulable" | "image-pull" | "crash-loop" | "oom" | "config";

/** Something wrong with one container (or, for `unschedulable`, the whole pod). */
export interface PodProblem {
  kind: PodProblemKind;
  pod: string;
  container?: string;
  reason: string;
  message?: string;
  restarts: number;
  /** Pod creation time (ms), to judge how long the problem has lasted. */
  since?: number;
}

export function podName(pod: KubePod): string {
  return pod.metadata?.name ?? "";
}

export function isPodReady(pod: KubePod): boolean {
  return pod.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
}

export function isPodScheduled(pod: KubePod): boolean {
  if (pod.spec?.nodeName) return true;
  return pod.status?.conditions?.some((c) => c.type === "PodScheduled" && c.status === "True") ?? false;
}

/** The scheduler's message for a pod it could not place, if any. */
export function unschedulableMessage(pod: KubePod): string | undefined {
  if (isPodScheduled(pod)) return undefined;
  const c = pod.status?.conditions?.find((x) => x.type === "PodScheduled" && x.status === "False");
  return c?.message ?? (c?.reason === "Unschedulable" ? "" : undefined);
}

function containerProblem(pod: KubePod, cs: KubeContainerStatus): PodProblem | undefined {
  const base = { pod: podName(pod), container: cs.name, restarts: cs.restartCount ?? 0, since: toMillis(pod.metadata?.creationTimestamp) };
  const waiting = cs.state?.waiting;
  const lastTerminated = cs.lastState?.terminated ?? cs.state?.terminated;
  if (lastTerminated?.reason === "OOMKilled") return { ...base, kind: "oom", reason: "OOMKilled", message: lastTerminated.message };
  if (!waiting?.reason) return undefined;
  if (IMAGE_PULL.has(waiting.reason)) return { ...base, kind: "image-pull", reason: waiting.reason, message: waiting.message };
  if (CONFIG.has(waiting.reason)) return { ...base, kind: "config", reason: waiting.reason, message: waiting.message };
  if (waiting.reason === "CrashLoopBackOff") {
    const detail =
      lastTerminated?.message ?? (lastTerminated?.exitCode !== undefined ? `exit code ${lastTerminated.exitCode}` : waiting.message);
    return { ...base, kind: "crash-loop", reason: "CrashLoopBackOff", message: detail };
  }
  return undefined;
}

/** Every problem visible on the pods: unschedulable pods, image pulls, crash loops, OOM kills, config errors. */
export function podProblems(pods: readonly KubePod[]): PodProblem[] {
  const out: PodProblem[] = [];
  for (const pod of pods) {
    if (pod.metadata?.deletionTimestamp) continue;
    const unschedulable = unschedulableMessage(pod);
    if (unschedulable !== undefined) {
      out.push({ kind: "unschedulable", pod: podName(pod), reason: "Unschedulable", message: unschedulable, restarts: 0 });
      continue;
    }
    for (const cs of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) {
      const problem = containerProblem(pod, cs);
      if (problem) out.push(problem);
    }
  }
  return out;
}

/**
 * Whether a problem has lasted long enough to call the deployment Failed rather than "still starting".
 * Unschedulable never is: a cluster autoscaler or a freed GPU can still place the pod.
 */
export function isPersistent(problem: PodProblem, now: number): boolean {
  switch (problem.kind) {
    case "unschedulable":
      return false;
    case "crash-loop":
    case "oom":
      return problem.restarts >= CRASH_LOOP_RESTARTS;
    case "image-pull":
    case "config":
      if (problem.reason === "InvalidImageName") return true;
      return problem.since !== undefined && now - problem.since >= PERSISTENT_FAILURE_MS;
  }
}

/** One sentence about a problem, naming pod and container. */
export function describeProblem(p: PodProblem): string {
  const where = p.container ? `container ${p.container} of pod ${p.pod}` : `pod ${p.pod}`;
  switch (p.kind) {
    case "unschedulable":
      return `Pod ${p.pod} cannot be scheduled${p.message ? `: ${p.message}` : ""}`;
    case "image-pull":
      return `The image for ${where} cannot be pulled (${p.reason})${p.message ? `: ${p.message}` : ""}`;
    case "crash-loop":
      return `The ${where} keeps crashing (${p.restarts} restarts)${p.message ? `: ${p.message}` : ""}`;
    case "oom":
      return `The ${where} was killed for running out of memory (OOMKilled, ${p.restarts} restarts)`;
    case "config":
      return `The ${where} cannot start (${p.reason})${p.message ? `: ${p.message}` : ""}`;
  }
}

function containerSummary(cs: KubeContainerStatus): PodSummary["containers"][number] {
  const s = cs.state ?? {};
  const state = s.waiting ? "waiting" : s.running ? "running" : s.terminated ? "terminated" : "unknown";
  const out: PodSummary["containers"][number] = { name: cs.name, ready: cs.ready ?? false, restartCount: cs.restartCount ?? 0, state };
  const reason = s.waiting?.reason ?? s.terminated?.reason ?? cs.lastState?.terminated?.reason;
  const message = s.waiting?.message ?? s.terminated?.message;
  if (reason) out.reason = reason;
  if (message) out.message = message;
  return out;
}

/** The API's pod view: node, readiness, restarts, the most telling reason, and a role inside the deployment. */
export function summarizePod(pod: KubePod, role?: string): PodSummary {
  const containers = (pod.status?.containerStatuses ?? []).map(containerSummary);
  const problem = podProblems([pod])[0];
  const summary: PodSummary = {
    name: podName(pod),
    namespace: pod.metadata?.namespace ?? "",
    phase: pod.metadata?.deletionTimestamp ? "Terminating" : (pod.status?.phase ?? "Unknown"),
    ready: isPodReady(pod),
    restarts: containers.reduce((n, c) => n + c.restartCount, 0),
    containers,
  };
  if (pod.spec?.nodeName) summary.node = pod.spec.nodeName;
  const reason = problem?.reason ?? containers.find((c) => c.state === "waiting")?.reason ?? pod.status?.reason;
  if (reason) summary.reason = reason;
  if (role) summary.role = role;
  const created = toIso(pod.metadata?.creationTimestamp);
  if (created) summary.createdAt = created;
  return summary;
}

/** Sum of a resource over a pod's containers (limits, else requests), e.g. GPUs asked for. */
export function podResource(pod: KubePod, resource: string): number {
  let total = 0;
  for (const c of pod.spec?.containers ?? []) {
    const v = c.resources?.limits?.[resource] ?? c.resources?.requests?.[resource];
    const n = typeof v === "number" ? v : Number(v);
    if (Number.isFinite(n)) total += n;
  }
  return total;
}
