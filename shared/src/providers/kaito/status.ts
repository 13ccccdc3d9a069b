import type { Condition } from "../../schemas/common";
import type { DeploymentStatus } from "../../schemas/deployments";
import { conditionsOf, findCondition, firstLine, isRecord, pick, pickString } from "../kube-read";
import { podResource } from "../pods";
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
import { descriptor, LLAMACPP_IMAGES } from "./descriptor";

/** False reasons that are part of a normal rollout (runtimes.md §1.3): never failures on their own. */
const PROGRESS = new Set([
  "workspacePending",
  "WorkspaceInferenceStatusPending",
  "workspaceResourceStatusNotReady",
  "NodeClaimNotReady",
  "NodeNotReady",
]);
/** How long an operator-reported problem must last before we call the Workspace Failed. */
const OPERATOR_FAILURE_MS = 10 * 60_000;

/** A False condition with a non-progress reason (launch errors, BenchmarkFailed…), if any. */
function operatorProblem(conditions: readonly Condition[]): Condition | undefined {
  return conditions.find(
    (c) => c.status === "False" && c.reason !== undefined && !PROGRESS.has(c.reason) && c.type !== "WorkspaceDeleting",
  );
}

function isReady(resource: KubeObject, conditions: readonly Condition[]): boolean {
  const state = pickString(resource, "status", "state");
  if (state !== undefined) return state === "Ready";
  // v1alpha1 objects have no state: fall back to the conditions.
  return (
    findCondition(conditions, "WorkspaceSucceeded")?.status === "True" || findCondition(conditions, "InferenceReady")?.status === "True"
  );
}

function decide(
  resource: KubeObject,
  pods: KubePod[],
  events: KubeEvent[],
  conditions: Condition[],
  options: StatusOptions,
): PhaseDecision {
  if (isTerminating(resource)) return TERMINATING;
  if (isReady(resource, conditions)) return { phase: "Running", explanation: "The model is served." };
  const problem = operatorProblem(conditions);
  if (problem && olderThan(problem.lastTransitionTime, OPERATOR_FAILURE_MS, options)) {
    return {
      phase: "Failed",
      explanation: `KAITO reports ${problem.type} ${problem.reason}: ${firstLine(problem.message ?? "")}`.trimEnd(),
    };
  }
  const decision = notReadyDecision(
    pods,
    events,
    conditions,
    {
      Pending:
        findCondition(conditions, "ResourceReady")?.status === "True"
          ? "Waiting for the inference pod to be created."
          : "Waiting for GPU nodes.",
      Deploying: "Loading the model.",
    },
    options,
  );
  if (decision.phase === "Failed") return decision;
  if (pickString(resource, "status", "state") === "NotReady") {
    return { phase: "Degraded", explanation: `Was serving, now not ready: ${decision.explanation}` };
  }
  // Nodes ready and no pod yet: KAITO is creating the workload. An unschedulable pod stays Pending.
  if (decision.phase === "Pending" && pods.length === 0 && findCondition(conditions, "ResourceReady")?.status === "True") {
    return { ...decision, phase: "Deploying" };
  }
  return decision;
}

/**
 * Phase of a Workspace. KAITO has no terminal failure for inference (WorkspaceSucceeded=False with
 * `workspacePending` is normal), so Failed comes from persistent pod problems or a lasting
 * non-progress condition. `pods` are those labelled `kaito.sh/workspace=<name>`.
 */
export function toStatus(resource: KubeObject, pods: KubePod[], events: KubeEvent[], options: StatusOptions = {}): DeploymentStatus {
  const conditions = conditionsOf(resource);
  const decision = decide(resource, pods, events, conditions, options);
  const ready = decision.phase === "Running" ? 1 : 0;
  return buildStatus(resource, descriptor, resource.metadata?.name ?? "", decision, { desired: 1, ready }, conditions);
}

/** Model, engine and GPUs of a Workspace, also for ones we did not create (preset or template). */
export function specFacts(resource: KubeObject): SpecFacts {
  const facts: SpecFacts = { mode: "aggregated" };
  const preset = pickString(resource, "inference", "preset", "name");
  if (preset) return { ...facts, model: preset, engine: "vllm" };
  const containers = pick(resource, "inference", "template", "spec", "containers");
  if (!Array.isArray(containers)) return facts;
  const pod: KubePod = { spec: { containers: containers.filter(isRecord) as never } };
  facts.gpus = podResource(pod, "nvidia.com/gpu");
  for (const c of containers) {
    const args = [
      ...(Array.isArray(pick(c, "command")) ? (pick(c, "command") as unknown[]) : []),
      ...(Array.isArray(pick(c, "args")) ? (pick(c, "args") as unknown[]) : []),
    ].map(String);
    const image = pickString(c, "image") ?? "";
    const at = (flag: string) => {
      const i = args.indexOf(flag);
      return i >= 0 ? args[i + 1] : undefined;
    };
    if (image.startsWith(LLAMACPP_IMAGES.cpu.split(":")[0] ?? "") || args.includes("--hf-file") || args.includes("--hf-repo"))
      facts.engine = "llamacpp";
    else if (args.some((a) => a.includes("vllm"))) facts.engine = "vllm";
    facts.model = at("--hf-repo") ?? at("--model") ?? at("--pretrained_model_name_or_path") ?? facts.model;
  }
  return facts;
}

/** The list row; pass the events when at hand so its explanation matches the detail view. */
export const summarize = summarizer("kaito", toStatus, specFacts);
