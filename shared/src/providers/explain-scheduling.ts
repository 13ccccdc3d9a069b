import type { PendingReason } from "../schemas/events";
import { podResource } from "./pods";
import { isGpuResource, parseSchedulingMessage, type SchedulingFinding } from "./scheduling";
import type { KubePod } from "./types";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
const selectorText = (selector: Record<string, string>) =>
  Object.entries(selector)
    .map(([k, v]) => `${k}=${v}`)
    .join(",");

function sumBy<T extends SchedulingFinding["kind"]>(findings: SchedulingFinding[], kind: T) {
  return findings.filter((f): f is Extract<SchedulingFinding, { kind: T }> => f.kind === kind);
}

function gpuReason(
  findings: Extract<SchedulingFinding, { kind: "insufficient" }>[],
  pod: KubePod | undefined,
  total?: number,
): PendingReason {
  const resource = findings[0]?.resource ?? "nvidia.com/gpu";
  const nodes = Math.max(...findings.map((f) => f.nodes));
  const asked = pod ? podResource(pod, resource) : 0;
  const product = pod?.spec?.nodeSelector?.["nvidia.com/gpu.product"];
  const what = product ? `${resource} (${product})` : resource;
  const ask = asked > 0 ? `the pod asks for ${asked}` : "the pod asks for more";
  const of = total !== undefined ? ` of ${total}` : "";
  return {
    kind: "insufficient-gpu",
    summary: `Not enough free GPUs: ${ask} ${what} and ${plural(nodes, "node")}${of} do not have that many free.`,
    fix: "Free GPUs by scaling down or deleting other deployments, lower the GPUs per replica (or use a smaller model), or add GPU nodes / let the cluster autoscaler grow the GPU pool.",
    evidence: [],
  };
}

function taintReasons(findings: Extract<SchedulingFinding, { kind: "taint" }>[]): PendingReason[] {
  return findings.map((f) => {
    const taint = f.value ? `${f.key}=${f.value}` : f.key;
    const toleration = f.value ? `{key: ${f.key}, operator: Equal, value: ${f.value}}` : `{key: ${f.key}, operator: Exists}`;
    return {
      kind: "taint" as const,
      summary: `${plural(f.nodes, "node")} carry the taint ${taint}, which the pod does not tolerate.`,
      fix: `If those are the nodes it should run on, add the toleration ${toleration} to the deployment; otherwise this is expected.`,
      evidence: [],
    };
  });
}

/** Turns one scheduler message (for `pod`) into plain findings with a fix each. */
export function explainSchedulingMessage(message: string, pod: KubePod | undefined): PendingReason[] {
  const parsed = parseSchedulingMessage(message);
  const evidence = message ? [message] : [];
  if (parsed.noNodes) {
    return [
      { kind: "unknown", summary: "The cluster has no schedulable nodes.", fix: "Add nodes, or uncordon the existing ones.", evidence },
    ];
  }
  const out: PendingReason[] = [];
  const insufficient = sumBy(parsed.findings, "insufficient");
  const gpus = insufficient.filter((f) => isGpuResource(f.resource));
  if (gpus.length > 0) out.push(gpuReason(gpus, pod, parsed.totalNodes));
  out.push(...taintReasons(sumBy(parsed.findings, "taint")));
  const selector = sumBy(parsed.findings, "node-selector")[0];
  if (selector) {
    const labels = pod?.spec?.nodeSelector ? selectorText(pod.spec.nodeSelector) : "";
    out.push({
      kind: "node-selector",
      summary: `${plural(selector.nodes, "node")} do not match the pod's node selector/affinity${labels ? ` (${labels})` : ""}.`,
      fix: labels
        ? `Check that \`kubectl get nodes -l ${labels}\` lists the nodes you expect; label them, or change the node selector.`
        : "Check the deployment's node selector and the nodes' labels.",
      evidence: [],
    });
  }
  const cpuMem = insufficient.filter((f) => !isGpuResource(f.resource));
  if (cpuMem.length > 0) {
    out.push({
      kind: "insufficient-cpu-memory",
      summary: `Not enough free ${cpuMem.map((f) => `${f.resource} (on ${plural(f.nodes, "node")})`).join(" and ")} for the pod's requests.`,
      fix: "Lower the CPU/memory requests, free capacity on the nodes, or add nodes.",
      evidence: [],
    });
  }
  const cordoned = sumBy(parsed.findings, "cordoned")[0];
  if (cordoned && out.length === 0) {
    out.push({
      kind: "unknown",
      summary: `${plural(cordoned.nodes, "node")} are cordoned.`,
      fix: "Uncordon them (`kubectl uncordon`).",
      evidence: [],
    });
  }
  const other = sumBy(parsed.findings, "other");
  if (out.length === 0 && other.length > 0) {
    out.push({
      kind: "unknown",
      summary: `The scheduler cannot place the pod: ${other.map((o) => o.text).join("; ")}.`,
      fix: "Read the scheduler's message.",
      evidence: [],
    });
  }
  if (out.length === 0)
    out.push({ kind: "unknown", summary: "The pod cannot be scheduled yet.", fix: "Read the scheduler's message.", evidence: [] });
  const first = out[0];
  if (first) first.evidence = evidence;
  return out;
}
