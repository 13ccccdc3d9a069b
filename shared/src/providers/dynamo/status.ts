import type { Condition, Engine } from "../../schemas/common";
import type { DeploymentStatus } from "../../schemas/deployments";
import { conditionsOf, findCondition, firstLine, isRecord, pick, pickNumber, pickString } from "../kube-read";
import {
  buildStatus,
  isTerminating,
  notReadyDecision,
  olderThan,
  type PhaseDecision,
  type SpecFacts,
  summarizer,
  TERMINATING,
} from "../status-common";
import type { KubeEvent, KubeObject, KubePod, StatusOptions } from "../types";
import { descriptor, FRONTEND_SERVICE } from "./descriptor";
import { componentResourceName } from "./manifests";

/** `failed` can be a transient reconcile error (runtimes.md §3.2): only believe it after this long. */
const TRANSIENT_FAILURE_MS = 2 * 60_000;

interface ServiceView {
  name: string;
  componentType: string;
  subComponentType?: string;
  replicas: number;
  readyReplicas?: number;
  gpus: number;
  nodes: number;
  args: string[];
}

/** `spec.services` joined with `status.services`. */
export function services(resource: KubeObject): ServiceView[] {
  const spec = pick(resource, "spec", "services");
  if (!isRecord(spec)) return [];
  return Object.entries(spec).map(([name, s]) => {
    const args = pick(s, "extraPodSpec", "mainContainer", "args");
    const command = pick(s, "extraPodSpec", "mainContainer", "command");
    const view: ServiceView = {
      name,
      componentType: pickString(s, "componentType") ?? "",
      replicas: pickNumber(s, "replicas") ?? 1,
      gpus: pickNumber(s, "resources", "limits", "gpu") ?? pickNumber(s, "resources", "requests", "gpu") ?? 0,
      nodes: pickNumber(s, "multinode", "nodeCount") ?? 1,
      args: [...(Array.isArray(command) ? command : []), ...(Array.isArray(args) ? args : [])].map(String),
    };
    const sub = pickString(s, "subComponentType");
    if (sub) view.subComponentType = sub;
    const ready = pickNumber(resource, "status", "services", name, "readyReplicas");
    if (ready !== undefined) view.readyReplicas = ready;
    return view;
  });
}

const isWorker = (s: ServiceView) => s.componentType === "worker" || (s.componentType === "" && s.gpus > 0);

function replicaCounts(views: ServiceView[], state: string | undefined): { desired: number; ready: number } {
  const workers = views.filter(isWorker);
  const desired = workers.reduce((n, s) => n + s.replicas, 0);
  const reported = workers.some((s) => s.readyReplicas !== undefined);
  if (reported) return { desired, ready: workers.reduce((n, s) => n + (s.readyReplicas ?? 0), 0) };
  return { desired, ready: state === "successful" ? desired : 0 };
}

function decide(
  resource: KubeObject,
  pods: KubePod[],
  events: KubeEvent[],
  conditions: Condition[],
  options: StatusOptions,
): PhaseDecision {
  if (isTerminating(resource)) return TERMINATING;
  const state = pickString(resource, "status", "state");
  if (state === "successful") return { phase: "Running", explanation: "The model is served." };
  const ready = findCondition(conditions, "Ready");
  if (state === "failed") {
    const text = firstLine(ready?.message ?? ready?.reason ?? "reconcile failed");
    if (ready?.reason === "RollingUpdateFailed" || olderThan(ready?.lastTransitionTime, TRANSIENT_FAILURE_MS, options)) {
      return { phase: "Failed", explanation: `Dynamo reports the deployment failed: ${text}` };
    }
    return { phase: "Deploying", explanation: `Dynamo hit a reconcile error and is retrying: ${text}` };
  }
  // `pending` covers crash loops too: the pods tell deploying from failing.
  const decision = notReadyDecision(
    pods,
    events,
    conditions,
    { Pending: "Waiting for the workers to be scheduled.", Deploying: "Loading the model." },
    options,
  );
  if (decision.phase === "Failed") return decision;
  const views = services(resource);
  const frontendReady = views.some((s) => s.componentType === "frontend" && (s.readyReplicas ?? 0) > 0);
  const workersReady = views.filter(isWorker).some((s) => (s.readyReplicas ?? 0) > 0);
  if (frontendReady && workersReady)
    return { phase: "Degraded", explanation: `Serving, but not every component is ready: ${decision.explanation}` };
  return decision;
}

/**
 * Phase of a DynamoGraphDeployment from `status.state` (successful/pending/failed), with pods to tell
 * a crash loop from a slow start. `pods` are those labelled `nvidia.com/dynamo-graph-deployment-name=<name>`.
 */
export function toStatus(resource: KubeObject, pods: KubePod[], events: KubeEvent[], options: StatusOptions = {}): DeploymentStatus {
  const conditions = conditionsOf(resource);
  const decision = decide(resource, pods, events, conditions, options);
  const replicas = replicaCounts(services(resource), pickString(resource, "status", "state"));
  const frontend = services(resource).find((s) => s.componentType === "frontend")?.name ?? FRONTEND_SERVICE;
  return buildStatus(resource, descriptor, componentResourceName(resource.metadata?.name ?? "", frontend), decision, replicas, conditions);
}

const MODULE_ENGINES: Record<string, Engine> = { "dynamo.vllm": "vllm", "dynamo.sglang": "sglang", "dynamo.trtllm": "trtllm" };

/** Model (`--model`/`--model-path`), engine, mode (prefill workers ⇒ disaggregated) and GPUs. */
export function specFacts(resource: KubeObject): SpecFacts {
  const views = services(resource);
  const facts: SpecFacts = { mode: views.some((s) => s.subComponentType === "prefill") ? "disaggregated" : "aggregated" };
  const framework = pickString(resource, "spec", "backendFramework");
  if (framework === "vllm" || framework === "sglang" || framework === "trtllm") facts.engine = framework;
  for (const s of views.filter(isWorker)) {
    const at = (flag: string) => {
      const i = s.args.indexOf(flag);
      return i >= 0 ? s.args[i + 1] : undefined;
    };
    facts.model ??= at("--model") ?? at("--model-path") ?? at("--served-model-name");
    const module = s.args.find((a) => a in MODULE_ENGINES);
    if (!facts.engine && module) facts.engine = MODULE_ENGINES[module];
  }
  facts.gpus = views.reduce((n, s) => n + s.gpus * s.replicas * s.nodes, 0);
  return facts;
}

/** The list row; pass the events when at hand so its explanation matches the detail view. */
export const summarize = summarizer("dynamo", toStatus, specFacts);
