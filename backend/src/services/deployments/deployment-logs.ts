import type { KubePod } from "@kubeairunway/shared/providers/types";
import { InvalidInputError, NotFoundError } from "../../errors";
import type { KubeClients, KubeRequest } from "../../kube/types";
import type { Located } from "./deployment-details";
import type { DeploymentViews } from "./deployment-views";

export interface LogOptions {
  pod?: string;
  container?: string;
  tailLines?: number;
  previous?: boolean;
  timestamps?: boolean;
}

export interface LogTarget {
  namespace: string;
  pod: string;
  container: string;
}

/** Lines returned when the caller names no tail: enough to see a crash, small enough to render. */
const DEFAULT_TAIL_LINES = 500;

/**
 * Which pod and container to read: the named ones (which must belong to the deployment, so this
 * route cannot read arbitrary pods), else the first pod by name and kubectl's default container
 * (the `kubectl.kubernetes.io/default-container` annotation, else the first container).
 */
export function logTarget(views: DeploymentViews, { runtime, resource }: Located, options: LogOptions): LogTarget {
  const namespace = resource.metadata?.namespace ?? "";
  const name = resource.metadata?.name ?? "";
  const pods = (views.cache.podsOf(runtime, namespace, name) as KubePod[]).slice().sort((a, b) => podName(a).localeCompare(podName(b)));
  const pod = options.pod ? pods.find((p) => podName(p) === options.pod) : pods[0];
  if (!pod) {
    throw new NotFoundError(
      options.pod ? `pod "${options.pod}" is not part of deployment "${name}"` : `deployment "${name}" has no pods yet; nothing has logged`,
    );
  }
  const containers = (pod.spec?.containers ?? []).map((c) => c.name);
  const preferred = pod.metadata?.annotations?.["kubectl.kubernetes.io/default-container"];
  const container = options.container ?? (preferred && containers.includes(preferred) ? preferred : containers[0]);
  if (!container || !containers.includes(container)) {
    throw new InvalidInputError(
      `invalid query: container: pod "${podName(pod)}" has no container "${options.container}"; choose one of ${containers.join(", ")}`,
      [{ path: "container", message: `must be one of: ${containers.join(", ")}`, location: "query" }],
    );
  }
  return { namespace, pod: podName(pod), container };
}

function podName(pod: KubePod): string {
  return pod.metadata?.name ?? "";
}

export function logRequest(target: LogTarget, options: LogOptions & { follow?: boolean }, signal?: AbortSignal): KubeRequest {
  return {
    path: `/api/v1/namespaces/${encodeURIComponent(target.namespace)}/pods/${encodeURIComponent(target.pod)}/log`,
    query: {
      container: target.container,
      tailLines: options.tailLines ?? DEFAULT_TAIL_LINES,
      previous: options.previous || undefined,
      timestamps: options.timestamps || undefined,
      follow: options.follow || undefined,
    },
    signal,
  };
}

/** Reads the log once, as the caller. An unscheduled pod (204, no body) has no lines. */
export async function readLog(clients: KubeClients, target: LogTarget, options: LogOptions): Promise<string[]> {
  const res = await clients.stream(logRequest(target, options));
  const text = res.status === 204 ? "" : await res.text();
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines;
}

/** Opens the followed log as the caller; throws the typed error (403, 404, 400) before any byte is sent. */
export function openLogFollow(clients: KubeClients, target: LogTarget, options: LogOptions, signal: AbortSignal): Promise<Response> {
  return clients.stream(logRequest(target, { ...options, follow: true }, signal));
}

/**
 * Calls `onLine` per complete line of a followed log until the container stops, the apiserver
 * ends the stream, or `signal` aborts (the client went away).
 */
export async function pumpLines(res: Response, signal: AbortSignal, onLine: (line: string) => Promise<void> | void): Promise<void> {
  if (!res.body) return;
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let pending = "";
  try {
    while (!signal.aborted) {
      const { done, value } = await reader.read();
      if (done) break;
      pending += value;
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) await onLine(line);
    }
    if (pending && !signal.aborted) await onLine(pending);
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}
