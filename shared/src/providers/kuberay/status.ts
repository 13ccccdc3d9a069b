import { parse } from "yaml";
import type { Condition } from "../../schemas/common";
import type { DeploymentStatus } from "../../schemas/deployments";
import { conditionsOf, findCondition, firstLine, isRecord, pick, pickNumber, pickString } from "../kube-read";
import { isPodReady, podResource } from "../pods";
import {
  buildStatus,
  isTerminating,
  notReadyDecision,
  type PhaseDecision,
  type SpecFacts,
  summarizer,
  TERMINATING,
  unschedulablePods,
} from "../status-common";
import type { KubeEvent, KubeObject, KubePod, StatusOptions } from "../types";
import { descriptor } from "./descriptor";

/** Ready=False reasons after which KubeRay itself gives up (runtimes.md §2.2). */
const FAILED_REASONS = new Set(["InitializingTimeout", "ValidationFailed"]);

interface AppStatus {
  name: string;
  status: string;
  message?: string;
}

/** `status.activeServiceStatus.applicationStatuses` as a list. */
export function applicationStatuses(resource: KubeObject): AppStatus[] {
  const apps = pick(resource, "status", "activeServiceStatus", "applicationStatuses");
  if (!isRecord(apps)) return [];
  return Object.entries(apps).map(([name, app]) => {
    const out: AppStatus = { name, status: pickString(app, "status") ?? "" };
    const message = pickString(app, "message");
    if (message) out.message = message;
    return out;
  });
}

function workerGroups(resource: KubeObject): Record<string, unknown>[] {
  const groups = pick(resource, "spec", "rayClusterConfig", "workerGroupSpecs");
  return Array.isArray(groups) ? groups.filter(isRecord) : [];
}

/** Desired worker pods (Serve replicas live on workers) and how many are ready. */
function replicaCounts(resource: KubeObject, pods: KubePod[], ready: boolean): { desired: number; ready: number } {
  const desired = workerGroups(resource).reduce((n, g) => n + (pickNumber(g, "replicas") ?? 0) * (pickNumber(g, "numOfHosts") ?? 1), 0);
  const workers = pods.filter((p) => p.metadata?.labels?.["ray.io/node-type"] === "worker");
  if (workers.length > 0) return { desired, ready: workers.filter(isPodReady).length };
  // No pods passed in: trust the operator's Ready condition.
  return { desired, ready: ready ? desired : 0 };
}

function decide(
  resource: KubeObject,
  pods: KubePod[],
  events: KubeEvent[],
  conditions: Condition[],
  options: StatusOptions,
): PhaseDecision {
  if (isTerminating(resource)) return TERMINATING;
  const readyCondition = findCondition(conditions, "Ready");
  const apps = applicationStatuses(resource);
  const failedApp = apps.find((a) => a.status === "DEPLOY_FAILED");
  if (failedApp)
    return {
      phase: "Failed",
      explanation: `Ray Serve could not deploy ${failedApp.name}: ${firstLine(failedApp.message ?? "DEPLOY_FAILED")}`,
    };
  if (readyCondition?.status === "False" && FAILED_REASONS.has(readyCondition.reason ?? "")) {
    return {
      phase: "Failed",
      explanation: `KubeRay marked the service failed (${readyCondition.reason}): ${firstLine(readyCondition.message ?? "")}`.trimEnd(),
    };
  }
  const unhealthy = apps.find((a) => a.status === "UNHEALTHY");
  if (readyCondition?.status === "True") {
    if (unhealthy)
      return {
        phase: "Degraded",
        explanation: `Serving, but Ray Serve reports ${unhealthy.name} unhealthy: ${firstLine(unhealthy.message ?? "")}`.trimEnd(),
      };
    return { phase: "Running", explanation: "The model is served." };
  }
  const decision = notReadyDecision(
    pods,
    events,
    conditions,
    { Pending: "Waiting for the Ray cluster to start.", Deploying: "Ray Serve is deploying the model." },
    options,
  );
  if (decision.phase === "Failed") return decision;
  if (readyCondition?.reason === "ZeroServeEndpoints" && apps.some((a) => a.status === "RUNNING" || a.status === "UNHEALTHY")) {
    return { phase: "Degraded", explanation: `No Serve replica is reachable right now: ${decision.explanation}` };
  }
  // The operator is past cluster creation once it reports application statuses, unless a pod
  // still waits for a node (Serve cannot place its replicas on a worker that does not exist).
  if (decision.phase === "Pending" && unschedulablePods(pods).length === 0 && apps.some((a) => a.status === "DEPLOYING")) {
    return { ...decision, phase: "Deploying" };
  }
  return decision;
}

/**
 * Phase of a RayService. Readiness is the `Ready` condition (not `RayServiceReady`); failures are
 * DEPLOY_FAILED applications, InitializingTimeout/ValidationFailed, or persistent pod problems.
 * `pods` are those labelled `ray.io/originated-from-cr-name=<name>`.
 */
export function toStatus(resource: KubeObject, pods: KubePod[], events: KubeEvent[], options: StatusOptions = {}): DeploymentStatus {
  const conditions = conditionsOf(resource);
  const decision = decide(resource, pods, events, conditions, options);
  const replicas = replicaCounts(resource, pods, findCondition(conditions, "Ready")?.status === "True");
  return buildStatus(resource, descriptor, `${resource.metadata?.name ?? ""}-serve-svc`, decision, replicas, conditions);
}

function firstLlmConfig(resource: KubeObject): unknown {
  const text = pickString(resource, "spec", "serveConfigV2");
  if (!text) return undefined;
  try {
    const config = parse(text) as unknown;
    const apps = pick(config, "applications");
    if (!Array.isArray(apps)) return undefined;
    for (const app of apps) {
      const llm = pick(app, "args", "llm_configs");
      if (Array.isArray(llm) && llm.length > 0) return llm[0];
    }
  } catch {
    // A serveConfigV2 we cannot parse still lists; the model just shows as unknown.
  }
  return undefined;
}

/** Model (from serveConfigV2), engine and GPUs (worker groups × GPUs per worker). */
export function specFacts(resource: KubeObject): SpecFacts {
  const llm = firstLlmConfig(resource);
  const facts: SpecFacts = { mode: "aggregated" };
  const model = pickString(llm, "model_loading_config", "model_source") ?? pickString(llm, "model_loading_config", "model_id");
  if (model) facts.model = model;
  if (llm !== undefined) facts.engine = "vllm";
  let gpus = 0;
  for (const g of workerGroups(resource)) {
    const containers = pick(g, "template", "spec", "containers");
    const perPod = Array.isArray(containers)
      ? podResource({ spec: { containers: containers.filter(isRecord) as never } }, "nvidia.com/gpu")
      : 0;
    gpus += perPod * (pickNumber(g, "replicas") ?? 0) * (pickNumber(g, "numOfHosts") ?? 1);
  }
  facts.gpus = gpus;
  return facts;
}

/** The list row; pass the events when at hand so its explanation matches the detail view. */
export const summarize = summarizer("kuberay", toStatus, specFacts);
