/**
 * Which pods of a deployment serve engine metrics, on which port (runtimes.md §1.4, §2.4, §3.4):
 * KAITO's vLLM on 5000 of rank 0, every Ray pod on 8080 (Serve replicas run on workers), Dynamo's
 * frontend on 8000 and its workers on 9090 (`system`). `prometheus.io/port` and
 * `prometheus.io/path` annotations, where a pod has them, win over these defaults.
 */
import type { RuntimeId } from "@kubeairunway/shared";
import type { KubeResource } from "../../kube/types";

export interface ScrapeTarget {
  /** Stable per pod instance and port (a recreated pod with the same name is a new target). */
  key: string;
  namespace: string;
  pod: string;
  port: number;
  path: string;
}

export interface TargetPlan {
  targets: ScrapeTarget[];
  /** Pods that would be scraped but are not ready, in words: `ws-0 is Pending (Unschedulable)`. */
  notReady: string[];
}

interface PodView {
  spec?: { containers?: { name?: string; ports?: { name?: string; containerPort?: number }[] }[] };
  status?: {
    phase?: string;
    podIP?: string;
    conditions?: { type: string; status: string; reason?: string }[];
    containerStatuses?: { state?: { waiting?: { reason?: string }; terminated?: { reason?: string } } }[];
  };
}

const METRICS_PORT = { kaito: 5000, kuberay: 8080, dynamoFrontend: 8000, dynamoWorker: 9090 } as const;

function isReady(pod: KubeResource): boolean {
  const status = (pod as PodView).status;
  if (pod.metadata?.deletionTimestamp || !status?.podIP) return false;
  return status.phase === "Running" && (status.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True");
}

/** Why a pod is not serving, in a few words. */
export function describeNotReady(pod: KubeResource): string {
  const status = (pod as PodView).status;
  const name = pod.metadata?.name ?? "?";
  if (pod.metadata?.deletionTimestamp) return `${name} is terminating`;
  const unscheduled = status?.conditions?.find((c) => c.type === "PodScheduled" && c.status === "False");
  const container = status?.containerStatuses?.map((c) => c.state?.waiting?.reason ?? c.state?.terminated?.reason).find(Boolean);
  const reason = unscheduled?.reason ?? container;
  const phase = status?.phase ?? "Pending";
  if (phase === "Running" && !reason) return `${name} is Running but not Ready`;
  return reason ? `${name} is ${phase} (${reason})` : `${name} is ${phase}`;
}

function namedPort(pod: KubeResource, name: string): number | undefined {
  for (const c of (pod as PodView).spec?.containers ?? []) {
    const port = c.ports?.find((p) => p.name === name)?.containerPort;
    if (port) return port;
  }
  return undefined;
}

/** The default metrics port of one pod of `runtime`, or undefined when it exports none we read. */
function defaultPort(runtime: RuntimeId, pod: KubeResource): number | undefined {
  const labels = pod.metadata?.labels ?? {};
  switch (runtime) {
    case "kaito":
      return METRICS_PORT.kaito;
    case "kuberay":
      return METRICS_PORT.kuberay;
    case "dynamo": {
      const type = labels["nvidia.com/dynamo-component-type"];
      if (type === "frontend") return METRICS_PORT.dynamoFrontend;
      if (type === "worker") return namedPort(pod, "system") ?? METRICS_PORT.dynamoWorker;
      return undefined; // planner and others: no engine metrics
    }
  }
}

/** Pods that carry the engine: KAITO multi-node serves from rank 0 only; other runtimes from all. */
function servingPods(runtime: RuntimeId, name: string, pods: KubeResource[]): KubeResource[] {
  if (runtime !== "kaito") return pods;
  const rankZero = pods.filter((p) => p.metadata?.name === `${name}-0`);
  return rankZero.length > 0 ? rankZero : pods;
}

/** The scrape targets of deployment `name` given its pods (from the informer cache). */
export function planTargets(runtime: RuntimeId, name: string, pods: KubeResource[]): TargetPlan {
  const targets: ScrapeTarget[] = [];
  const notReady: string[] = [];
  for (const pod of servingPods(runtime, name, pods)) {
    const annotations = pod.metadata?.annotations ?? {};
    if (annotations["prometheus.io/scrape"] === "false") continue;
    const annotated = Number(annotations["prometheus.io/port"]);
    const port = Number.isInteger(annotated) && annotated > 0 ? annotated : defaultPort(runtime, pod);
    if (port === undefined) continue;
    if (!isReady(pod)) {
      notReady.push(describeNotReady(pod));
      continue;
    }
    const podName = pod.metadata?.name ?? "";
    targets.push({
      key: `${pod.metadata?.uid ?? podName}:${port}`,
      namespace: pod.metadata?.namespace ?? "",
      pod: podName,
      port,
      path: annotations["prometheus.io/path"] ?? "/metrics",
    });
  }
  return { targets, notReady };
}

/** The apiserver pod-proxy path that reaches `target` (needs `pods/proxy` for the backend). */
export function proxyPath(target: ScrapeTarget): string {
  const path = target.path.startsWith("/") ? target.path : `/${target.path}`;
  return `/api/v1/namespaces/${encodeURIComponent(target.namespace)}/pods/${encodeURIComponent(target.pod)}:${target.port}/proxy${path}`;
}
