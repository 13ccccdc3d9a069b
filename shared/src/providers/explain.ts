import type { Condition } from "../schemas/common";
import type { PendingReason } from "../schemas/events";
import { hintFromLogs } from "./explain-logs";
import { explainSchedulingMessage } from "./explain-scheduling";
import { eventMessage, eventObject, eventTime, firstLine } from "./kube-read";
import { isPodReady, isPodScheduled, type PodProblem, podName, podProblems, unschedulableMessage } from "./pods";
import type { KubeEvent, KubePod } from "./types";

export interface ExplainOptions {
  /** Last log lines per `pod/container` (or per pod), e.g. of the previous run of a crashing container. */
  logs?: Record<string, readonly string[]>;
  /** How many log lines to keep as evidence (default 10). */
  maxLogLines?: number;
}

/**
 * Condition reasons that mean "still progressing", not "something is wrong" (runtimes.md §1.3, §2.2,
 * §3.2): KAITO's WorkspaceSucceeded=False/workspacePending is normal during every rollout.
 */
const PROGRESS_REASONS = new Set([
  "workspacePending",
  "WorkspaceInferenceStatusPending",
  "workspaceResourceStatusNotReady",
  "NodeNotReady",
  "Initializing",
  "ZeroServeEndpoints",
  "NoPendingCluster",
  "some_resources_are_not_ready",
  "rolling_update_in_progress",
  "pods_not_ready",
  "updating",
  "RayClusterPodsProvisioning",
]);

const OPERATOR_FIXES: Record<string, string> = {
  ValidationFailed: "The operator rejected the spec; fix the field it names and re-create the deployment.",
  InitializingTimeout:
    "The service did not become ready within its initializing timeout: check GPU capacity and the worker logs, then re-create it.",
  BenchmarkFailed: "KAITO's benchmark failed; read the message, and check the GPU model and count against the model's needs.",
  failed_to_reconcile_the_resources:
    "Dynamo could not create or update the deployment's children. This is often transient (it retries); if it persists, read the message.",
  RollingUpdateFailed: "The rolling update failed; read the message, fix the spec and apply again.",
  insufficient_capacity: "The cluster lacks capacity for the workers: free or add GPUs.",
};

function dedupe(reasons: PendingReason[]): PendingReason[] {
  const seen = new Set<string>();
  return reasons.filter((r) => {
    if (seen.has(r.summary)) return false;
    seen.add(r.summary);
    return true;
  });
}

function schedulingReasons(pods: readonly KubePod[], events: readonly KubeEvent[]): PendingReason[] {
  const messages = new Map<string, KubePod | undefined>();
  for (const pod of pods) {
    const message = unschedulableMessage(pod);
    if (message !== undefined && !messages.has(message)) messages.set(message, pod);
  }
  if (messages.size === 0) {
    const scheduled = new Set(pods.filter(isPodScheduled).map(podName));
    const latest = events
      .filter((e) => e.reason === "FailedScheduling" && !scheduled.has(eventObject(e).name ?? ""))
      .sort((a, b) => eventTime(b) - eventTime(a))[0];
    if (latest)
      messages.set(
        eventMessage(latest),
        pods.find((p) => podName(p) === eventObject(latest).name),
      );
  }
  return [...messages].flatMap(([message, pod]) => explainSchedulingMessage(message, pod));
}

function pullDetail(problem: PodProblem, events: readonly KubeEvent[]): { text: string; fix: string } {
  const event = events.find((e) => eventObject(e).name === problem.pod && /Failed to pull image|pull access denied/i.test(eventMessage(e)));
  const text = event ? eventMessage(event) : (problem.message ?? "");
  if (/not found|manifest unknown|does not exist/i.test(text))
    return { text, fix: "The image or tag does not exist: check the image name and tag." };
  if (/unauthorized|denied|401|403|authentication required/i.test(text)) {
    return { text, fix: "The registry refused access: add an imagePullSecret for it, or use a public image." };
  }
  return { text, fix: "Check the image name, the registry's reachability from the nodes, and any imagePullSecret." };
}

function problemReason(p: PodProblem, events: readonly KubeEvent[], options: ExplainOptions): PendingReason {
  const where = `container ${p.container ?? "?"} of pod ${p.pod}`;
  switch (p.kind) {
    case "image-pull": {
      const detail = pullDetail(p, events);
      return {
        kind: "image-pull",
        summary: `The image of ${where} cannot be pulled (${p.reason}).`,
        fix: detail.fix,
        evidence: detail.text ? [detail.text] : [],
      };
    }
    case "crash-loop": {
      const lines = (options.logs?.[`${p.pod}/${p.container}`] ?? options.logs?.[p.pod] ?? []).slice(-(options.maxLogLines ?? 10));
      const hint = hintFromLogs([...lines, p.message ?? ""]);
      const summary = `The ${where} keeps crashing (${p.restarts} restarts)${hint ? `: ${hint.summary}` : "."}`;
      const fix = hint?.fix ?? "Read the logs of the previous run (Logs → previous) to see why the server exits.";
      return { kind: "crash-loop", summary, fix, evidence: [...(p.message ? [p.message] : []), ...lines] };
    }
    case "oom":
      return {
        kind: "oom",
        summary: `The ${where} ran out of memory and was killed (OOMKilled, ${p.restarts} restarts).`,
        fix: "Raise the memory limit: loading a model needs host RAM of roughly the size of its weights.",
        evidence: p.message ? [p.message] : [],
      };
    default: {
      const secret = /secret "([^"]+)" not found/.exec(p.message ?? "");
      return {
        kind: "unknown",
        summary: `The ${where} cannot start (${p.reason})${p.message ? `: ${p.message}` : "."}`,
        fix: secret
          ? `Create the Secret "${secret[1]}" in the deployment's namespace, or fix the reference.`
          : "Read the message and fix the pod's configuration.",
        evidence: p.message ? [p.message] : [],
      };
    }
  }
}

function conditionReasons(conditions: readonly Condition[]): PendingReason[] {
  const out: PendingReason[] = [];
  for (const c of conditions) {
    const message = c.message ?? "";
    const reconcileError = /\(last reconcile error: ([^)]*)\)/.exec(message);
    if (c.type === "NodeClaimReady" && c.status === "False" && c.reason === "NodeClaimNotReady" && !reconcileError) {
      out.push({
        kind: "operator",
        summary: "KAITO is provisioning GPU nodes for this workspace.",
        fix: "Wait: new GPU nodes usually take 5–10 minutes.",
        evidence: message ? [message] : [],
      });
      continue;
    }
    const problem = c.status === "False" && c.reason !== undefined && !PROGRESS_REASONS.has(c.reason);
    if (!problem && !reconcileError) continue;
    const text = reconcileError?.[1] ?? (message || c.reason || c.type);
    out.push({
      kind: "operator",
      summary: `The operator reports ${c.type}=${c.status}${c.reason ? ` (${c.reason})` : ""}: ${firstLine(text)}`,
      fix: OPERATOR_FIXES[c.reason ?? ""] ?? "Read the operator's message; it retries once the cause is fixed.",
      evidence: message ? [message] : [],
    });
  }
  return out;
}

const HANDLED_EVENTS = new Set([
  "FailedScheduling",
  "BackOff",
  "Failed",
  "Pulling",
  "Pulled",
  "Created",
  "Started",
  "Scheduled",
  "Killing",
]);

function warningEventReasons(events: readonly KubeEvent[]): PendingReason[] {
  return events
    .filter((e) => e.type === "Warning" && !HANDLED_EVENTS.has(e.reason ?? ""))
    .slice(-3)
    .map((e) => ({
      kind: "unknown" as const,
      summary: `${eventObject(e).kind ?? "Object"} ${eventObject(e).name ?? ""}: ${e.reason}: ${firstLine(eventMessage(e))}`,
      fix: /exceeded quota/i.test(eventMessage(e))
        ? "A ResourceQuota blocks it: raise the quota or lower the requests."
        : "Read the event message.",
      evidence: [eventMessage(e)],
    }));
}

function progressReasons(pods: readonly KubePod[]): PendingReason[] {
  const starting = pods.filter((p) => isPodScheduled(p) && !isPodReady(p) && !p.metadata?.deletionTimestamp);
  if (starting.length === 0) return [];
  const pulling = starting.some((p) => p.status?.containerStatuses?.some((c) => c.state?.waiting?.reason === "ContainerCreating"));
  return [
    {
      kind: "model-loading",
      summary: pulling
        ? `${starting.length} pod(s) are starting: pulling the runtime image (often 10+ GB) before loading the model.`
        : `${starting.length} pod(s) are starting: the server is downloading and loading the model weights.`,
      fix: "Wait; large models take several minutes. Follow the logs to see progress.",
      evidence: starting.map(podName),
    },
  ];
}

/**
 * Why a deployment is not running, as plain sentences with a fix each. Joins scheduling failures,
 * image pulls, crash loops (with the last log lines), OOM kills, operator conditions and warning
 * events. The backend's events route and the Headlamp plugin both call this, so they agree.
 */
export function explainPending(
  pods: readonly KubePod[],
  events: readonly KubeEvent[],
  resourceConditions: readonly Condition[],
  options: ExplainOptions = {},
): PendingReason[] {
  const problems = podProblems(pods).filter((p) => p.kind !== "unschedulable");
  const reasons = [
    ...schedulingReasons(pods, events),
    ...problems.map((p) => problemReason(p, events, options)),
    ...conditionReasons(resourceConditions),
    ...warningEventReasons(events),
  ];
  const blocking = reasons.filter((r) => r.kind !== "operator" || !r.summary.startsWith("KAITO is provisioning"));
  if (blocking.length === 0) reasons.push(...progressReasons(pods));
  return dedupe(reasons);
}
