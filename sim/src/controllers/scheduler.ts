/**
 * The simulated kube-scheduler: binds Pending pods to nodes by requests against allocatable minus
 * what is already placed, node selectors/affinity and taints; leaves the rest Pending with
 * `PodScheduled=False/Unschedulable` and a `FailedScheduling` event, and retries them whenever nodes
 * or pods change (as the real scheduler's unschedulable queue does on cluster events).
 */
import { R } from "../store/builtins";
import type { KubeObject, StoreEvent } from "../store/types";
import { addResources, type ResourceAmounts } from "./quantity";
import { type ControllerRuntime, getOrCreate, key, systemActor } from "./runtime";
import { checkNode, failedSchedulingMessage, type NodeFailure, podRequests, scoreNode } from "./scheduler-fit";

const ACTOR = systemActor("system:kube-scheduler");
const SOURCE = { component: "default-scheduler" };

interface PodStatus {
  phase?: string;
  conditions?: { type: string; status: string; reason?: string; message?: string; [k: string]: unknown }[];
}

function isTerminal(pod: KubeObject): boolean {
  const phase = (pod.status as PodStatus | undefined)?.phase;
  return phase === "Succeeded" || phase === "Failed";
}

function nodeNameOf(pod: KubeObject): string | undefined {
  return (pod.spec as { nodeName?: string } | undefined)?.nodeName;
}

/** Starts the scheduler; it stops with the runtime. */
export function startScheduler(rt: ControllerRuntime): void {
  /** Resources used per node, kept from pod events: node → pod key → requests. */
  const placed = new Map<string, Map<string, ResourceAmounts>>();
  const podNode = new Map<string, string>();
  const unschedulable = new Set<string>();

  const used = (node: string): ResourceAmounts => {
    const total: ResourceAmounts = { pods: 0 };
    for (const r of placed.get(node)?.values() ?? []) {
      addResources(total, r);
      total.pods = (total.pods ?? 0) + 1;
    }
    return total;
  };

  const track = (pod: KubeObject, type: StoreEvent["type"]) => {
    const k = key(pod);
    const previous = podNode.get(k);
    if (previous) placed.get(previous)?.delete(k);
    podNode.delete(k);
    const node = nodeNameOf(pod);
    if (type === "DELETED" || !node || isTerminal(pod)) return;
    podNode.set(k, node);
    getOrCreate(placed, node, () => new Map<string, ResourceAmounts>()).set(k, podRequests(pod));
  };

  const schedule = (podKey: string) => {
    const [ns, name] = podKey.split("/") as [string, string];
    const pod = rt.store.get(R.pods, ns, name);
    if (!pod || nodeNameOf(pod) || pod.metadata.deletionTimestamp || isTerminal(pod)) {
      unschedulable.delete(podKey);
      return;
    }
    const schedulerName = (pod.spec as { schedulerName?: string } | undefined)?.schedulerName;
    if (schedulerName && schedulerName !== "default-scheduler") return;
    const requests = podRequests(pod);
    const nodes = rt.store.list(R.nodes).items;
    const failures: NodeFailure[] = [];
    let best: { node: KubeObject; score: number } | undefined;
    for (const node of nodes) {
      const nodeUsed = used(node.metadata.name);
      const failure = checkNode(pod, requests, node, nodeUsed);
      if (failure) {
        failures.push(failure);
        continue;
      }
      const score = scoreNode(requests, node, nodeUsed);
      if (!best || score > best.score || (score === best.score && node.metadata.name < best.node.metadata.name)) best = { node, score };
    }
    if (!best) {
      markUnschedulable(pod, failedSchedulingMessage(nodes.length, failures));
      unschedulable.add(podKey);
      return;
    }
    unschedulable.delete(podKey);
    bind(pod, best.node.metadata.name);
  };

  const markUnschedulable = (pod: KubeObject, message: string) => {
    const current = (pod.status as PodStatus | undefined)?.conditions?.find((c) => c.type === "PodScheduled");
    if (current?.status !== "False" || current.message !== message) {
      rt.store.mutate(
        R.pods,
        pod.metadata.namespace,
        pod.metadata.name,
        ACTOR,
        (p) => {
          const status = (p.status ?? {}) as PodStatus;
          status.phase = "Pending";
          status.conditions = [
            ...(status.conditions ?? []).filter((c) => c.type !== "PodScheduled"),
            {
              type: "PodScheduled",
              status: "False",
              reason: "Unschedulable",
              message,
              lastProbeTime: null,
              lastTransitionTime: rt.now().toISOString(),
            },
          ];
          p.status = status;
        },
        true,
      );
    }
    rt.recordEvent(pod, "Warning", "FailedScheduling", message, SOURCE, ACTOR);
  };

  const bind = (pod: KubeObject, nodeName: string) => {
    const bound = rt.store.mutate(R.pods, pod.metadata.namespace, pod.metadata.name, ACTOR, (p) => {
      (p.spec as Record<string, unknown>).nodeName = nodeName;
    });
    track(bound, "MODIFIED");
    rt.store.mutate(
      R.pods,
      pod.metadata.namespace,
      pod.metadata.name,
      ACTOR,
      (p) => {
        const status = (p.status ?? {}) as PodStatus;
        status.conditions = [
          ...(status.conditions ?? []).filter((c) => c.type !== "PodScheduled"),
          { type: "PodScheduled", status: "True", lastProbeTime: null, lastTransitionTime: rt.now().toISOString() },
        ];
        p.status = status;
      },
      true,
    );
    rt.recordEvent(
      bound,
      "Normal",
      "Scheduled",
      `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${nodeName}`,
      SOURCE,
      ACTOR,
    );
  };

  const enqueue = rt.queue(schedule);
  // Cluster changes that can make an unschedulable pod fit are batched: one retry pass per change burst.
  const retryAll = rt.queue(() => {
    for (const k of [...unschedulable]) enqueue(k);
  }, 0.5);

  for (const pod of rt.store.list(R.pods).items) {
    track(pod, "ADDED");
    if (!nodeNameOf(pod)) enqueue(key(pod));
  }

  rt.onEvent((event) => {
    if (event.resource.resource === "nodes" && event.resource.group === "") {
      if (event.type === "DELETED") placed.delete(event.object.metadata.name);
      retryAll("all");
      return;
    }
    if (event.resource.resource !== "pods" || event.resource.group !== "") return;
    const pod = event.object;
    const hadNode = podNode.has(key(pod));
    track(pod, event.type);
    if (event.type === "DELETED" || isTerminal(pod)) {
      unschedulable.delete(key(pod));
      if (hadNode) retryAll("all");
      return;
    }
    if (!nodeNameOf(pod) && !unschedulable.has(key(pod))) enqueue(key(pod));
  });
}
