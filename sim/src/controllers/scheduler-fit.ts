/**
 * The scheduler's filter logic as pure functions: whether a pod fits a node, and if no node fits,
 * the `FailedScheduling` message kube-scheduler would write. Filter order and wording follow
 * kube-scheduler's default plugins (NodeUnschedulable, TaintToleration, NodeAffinity,
 * NodeResourcesFit) and `FitError.Error()` (k8s.io/kubernetes pkg/scheduler/framework/types.go).
 */
import type { KubeObject } from "../store/types";
import { parseResourceList, type ResourceAmounts } from "./quantity";

interface Taint {
  key: string;
  value?: string;
  effect: string;
}
interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
}
interface NodeSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}
interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[];
  matchFields?: NodeSelectorRequirement[];
}
interface Container {
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
}
interface PodSpecLike {
  containers?: Container[];
  initContainers?: Container[];
  nodeSelector?: Record<string, string>;
  tolerations?: Toleration[];
  affinity?: { nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: NodeSelectorTerm[] } } };
  nodeName?: string;
}

/** Whether a failing filter could be fixed by evicting lower-priority pods (it cannot for taints/affinity). */
export type FailureKind = "resources" | "unresolvable";

export interface NodeFailure {
  reasons: string[];
  kind: FailureKind;
}

/** The resources a pod asks for: per container requests (limits when a request is missing), max with init containers. */
export function podRequests(pod: KubeObject): ResourceAmounts {
  const spec = (pod.spec ?? {}) as PodSpecLike;
  const containerRequests = (c: Container): ResourceAmounts => ({
    ...parseResourceList(c.resources?.limits),
    ...parseResourceList(c.resources?.requests),
  });
  const total: ResourceAmounts = {};
  for (const c of spec.containers ?? []) {
    for (const [k, v] of Object.entries(containerRequests(c))) total[k] = (total[k] ?? 0) + v;
  }
  for (const c of spec.initContainers ?? []) {
    for (const [k, v] of Object.entries(containerRequests(c))) total[k] = Math.max(total[k] ?? 0, v);
  }
  return total;
}

function tolerates(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (!toleration.key) return toleration.operator === "Exists";
  if (toleration.key !== taint.key) return false;
  if (toleration.operator === "Exists") return true;
  return (toleration.value ?? "") === (taint.value ?? "");
}

/** The first NoSchedule/NoExecute taint no toleration covers. */
export function untoleratedTaint(node: KubeObject, tolerations: Toleration[]): Taint | undefined {
  const taints = ((node.spec as { taints?: Taint[] } | undefined)?.taints ?? []).filter(
    (t) => t.effect === "NoSchedule" || t.effect === "NoExecute",
  );
  return taints.find((taint) => !tolerations.some((t) => tolerates(t, taint)));
}

function matchRequirement(req: NodeSelectorRequirement, value: string | undefined): boolean {
  const values = req.values ?? [];
  switch (req.operator) {
    case "In":
      return value !== undefined && values.includes(value);
    case "NotIn":
      return value === undefined || !values.includes(value);
    case "Exists":
      return value !== undefined;
    case "DoesNotExist":
      return value === undefined;
    case "Gt":
      return value !== undefined && Number(value) > Number(values[0]);
    case "Lt":
      return value !== undefined && Number(value) < Number(values[0]);
    default:
      return false;
  }
}

/** nodeSelector AND required node affinity (terms ORed, expressions ANDed). */
export function matchesNodeAffinity(node: KubeObject, spec: PodSpecLike): boolean {
  const labels = node.metadata.labels ?? {};
  for (const [key, value] of Object.entries(spec.nodeSelector ?? {})) if (labels[key] !== value) return false;
  const terms = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!terms || terms.length === 0) return true;
  return terms.some(
    (term) =>
      (term.matchExpressions ?? []).every((r) => matchRequirement(r, labels[r.key])) &&
      (term.matchFields ?? []).every((r) => matchRequirement(r, r.key === "metadata.name" ? node.metadata.name : undefined)),
  );
}

function isNodeReady(node: KubeObject): boolean {
  const conditions = ((node.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []).filter(
    (c) => c.type === "Ready",
  );
  return conditions.length === 0 || conditions[0]?.status === "True";
}

/**
 * Why `pod` cannot run on `node` given what is already placed there (`used`), or `undefined` when it fits.
 * Like kube-scheduler, the first failing filter wins; resource shortfalls are all listed.
 */
export function checkNode(pod: KubeObject, requests: ResourceAmounts, node: KubeObject, used: ResourceAmounts): NodeFailure | undefined {
  const spec = (pod.spec ?? {}) as PodSpecLike;
  if ((node.spec as { unschedulable?: boolean } | undefined)?.unschedulable) {
    return { reasons: ["node(s) were unschedulable"], kind: "unresolvable" };
  }
  if (!isNodeReady(node)) return { reasons: ["node(s) had untolerated taint {node.kubernetes.io/not-ready: }"], kind: "unresolvable" };
  const taint = untoleratedTaint(node, spec.tolerations ?? []);
  if (taint) return { reasons: [`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ""}}`], kind: "unresolvable" };
  if (!matchesNodeAffinity(node, spec)) return { reasons: ["node(s) didn't match Pod's node affinity/selector"], kind: "unresolvable" };
  const allocatable = parseResourceList((node.status as { allocatable?: unknown } | undefined)?.allocatable);
  const reasons: string[] = [];
  if ((used.pods ?? 0) + 1 > (allocatable.pods ?? 110)) reasons.push("Too many pods");
  for (const [resource, amount] of Object.entries(requests)) {
    if (amount <= 0 || resource === "pods") continue;
    if ((used[resource] ?? 0) + amount > (allocatable[resource] ?? 0)) reasons.push(`Insufficient ${resource}`);
  }
  return reasons.length > 0 ? { reasons, kind: "resources" } : undefined;
}

function histogram(entries: string[]): string {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e, (counts.get(e) ?? 0) + 1);
  // kube-scheduler formats "<count> <reason>" and sorts those strings.
  return [...counts.entries()]
    .map(([reason, count]) => `${count} ${reason}`)
    .sort()
    .join(", ");
}

/**
 * The `FailedScheduling` message for a pod no node fits, e.g.
 * `0/6 nodes are available: 2 node(s) had untolerated taint {nvidia.com/gpu: present}, 4 Insufficient nvidia.com/gpu. preemption: 0/6 nodes are available: 2 Preemption is not helpful for scheduling, 4 No preemption victims found for incoming pod.`
 */
export function failedSchedulingMessage(nodeCount: number, failures: NodeFailure[]): string {
  if (nodeCount === 0) return "no nodes available to schedule pods";
  const head = `0/${nodeCount} nodes are available: ${histogram(failures.flatMap((f) => f.reasons))}.`;
  const preemption = histogram(
    failures.map((f) =>
      f.kind === "resources" ? "No preemption victims found for incoming pod" : "Preemption is not helpful for scheduling",
    ),
  );
  return `${head} preemption: 0/${nodeCount} nodes are available: ${preemption}.`;
}

/**
 * Scores a node that fits, higher is better: kube-scheduler's default LeastAllocated (the share of
 * cpu, memory and requested GPUs left free after placing the pod), so load spreads and a 1-GPU
 * node is not filled while an 8-GPU node idles. Pods without GPUs avoid GPU nodes.
 */
export function scoreNode(requests: ResourceAmounts, node: KubeObject, used: ResourceAmounts): number {
  const allocatable = parseResourceList((node.status as { allocatable?: unknown } | undefined)?.allocatable);
  const free = (r: string) => ((allocatable[r] ?? 0) - (used[r] ?? 0) - (requests[r] ?? 0)) / Math.max(1, allocatable[r] ?? 1);
  const gpuResources = ["nvidia.com/gpu", "amd.com/gpu"].filter((r) => (requests[r] ?? 0) > 0);
  const shares = [free("cpu"), free("memory"), ...gpuResources.map(free)];
  const score = shares.reduce((a, b) => a + b, 0) / shares.length;
  const hasGpus = (allocatable["nvidia.com/gpu"] ?? 0) + (allocatable["amd.com/gpu"] ?? 0) > 0;
  return gpuResources.length === 0 && hasGpus ? score - 1 : score;
}
