/**
 * Parses the scheduler's FailedScheduling / PodScheduled message, e.g.
 * `0/6 nodes are available: 4 Insufficient nvidia.com/gpu, 2 node(s) had untolerated taint {nvidia.com/gpu: }. preemption: …`
 * into counted, typed findings.
 */
export type SchedulingFinding =
  | { kind: "insufficient"; resource: string; nodes: number }
  | { kind: "taint"; key: string; value: string; nodes: number }
  | { kind: "node-selector"; nodes: number }
  | { kind: "cordoned"; nodes: number }
  | { kind: "other"; text: string; nodes: number };

export interface SchedulingFailure {
  /** Nodes considered (the `6` of `0/6`), when stated. */
  totalNodes?: number;
  findings: SchedulingFinding[];
  /** True for `no nodes available to schedule pods` and `0/0 nodes`. */
  noNodes: boolean;
}

/** Taints every control plane carries; listed in almost every message and never the real cause. */
const NOISE_TAINTS = new Set(["node-role.kubernetes.io/control-plane", "node-role.kubernetes.io/master"]);

function classify(count: number, text: string): SchedulingFinding {
  const insufficient = /^Insufficient (\S+)/.exec(text);
  if (insufficient?.[1]) return { kind: "insufficient", resource: insufficient[1], nodes: count };
  // Current wording `had untolerated taint {k: v}`; pre-1.26 wording `had taint {k: v}, that the pod didn't tolerate`.
  const taint = /taints? \{([^:}]+):\s*([^}]*)\}/.exec(text);
  if (taint?.[1]) return { kind: "taint", key: taint[1].trim(), value: (taint[2] ?? "").trim(), nodes: count };
  if (/node affinity\/selector|didn't match node selector|node\(s\) didn't match Pod's node affinity/.test(text)) {
    return { kind: "node-selector", nodes: count };
  }
  if (/were unschedulable/.test(text)) return { kind: "cordoned", nodes: count };
  return { kind: "other", text, nodes: count };
}

export function parseSchedulingMessage(message: string): SchedulingFailure {
  const head = /(\d+)\/(\d+) nodes are available:?\s*/.exec(message);
  if (!head) {
    return { findings: [], noNodes: /no nodes available/i.test(message) };
  }
  const totalNodes = Number(head[2]);
  const rest = message.slice(head.index + head[0].length);
  const body = rest.split(/\.\s*preemption:/)[0]?.replace(/\.\s*$/, "") ?? "";
  const findings: SchedulingFinding[] = [];
  for (const part of body.split(/,\s+(?=\d+ )/)) {
    const m = /^(\d+)\s+(.+)$/.exec(part.trim());
    if (m?.[1] && m[2]) findings.push(classify(Number(m[1]), m[2].trim()));
  }
  const meaningful = findings.filter((f) => !(f.kind === "taint" && NOISE_TAINTS.has(f.key)));
  return { totalNodes, findings: meaningful.length > 0 ? meaningful : findings, noNodes: totalNodes === 0 };
}

/** Extended resources that are accelerators: NVIDIA (incl. MIG slices), AMD, Intel. */
export function isGpuResource(resource: string): boolean {
  return /^(nvidia\.com\/(gpu|mig-)|amd\.com\/gpu|gpu\.intel\.com\/)/.test(resource);
}
