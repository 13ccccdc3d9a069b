/**
 * `GET …/pods/<name>/log` (kube-api.md §7): container choice and option validation as the
 * apiserver does them, kubelet-style 400s for containers without logs, `text/plain` bodies,
 * and `follow=true` streaming until the container stops or the pod goes away.
 */

import { R } from "../store/builtins";
import { badRequest, cause, invalid, StatusError } from "../store/errors";
import type { KubeObject, TimedLogLine } from "../store/types";
import type { RequestContext } from "./context";
import type { ResourceRoute } from "./router";
import { queryBool } from "./status";

interface ContainerStatus {
  name: string;
  state?: { waiting?: { reason?: string }; running?: object; terminated?: object };
  lastState?: { terminated?: object };
  restartCount?: number;
}

const WAITING_TEXT: Record<string, string> = {
  ErrImagePull: "image can't be pulled",
  ImagePullBackOff: "trying and failing to pull image",
};

/** Kubelet log timestamp: RFC 3339 with exactly nine fractional digits. */
export function kubeletTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, 23)}000000Z`;
}

function validateOptions(q: URLSearchParams, pod: string): void {
  const causes = [];
  const num = (k: string) => (q.get(k) === null || q.get(k) === "" ? undefined : Number(q.get(k)));
  const tail = num("tailLines");
  if (tail !== undefined && tail < 0) causes.push(cause.invalid("tailLines", tail, "must be greater than or equal to 0"));
  const limit = num("limitBytes");
  if (limit !== undefined && limit < 1) causes.push(cause.invalid("limitBytes", limit, "must be greater than 0"));
  const since = num("sinceSeconds");
  if (since !== undefined && since < 1) causes.push(cause.invalid("sinceSeconds", since, "must be greater than 0"));
  if (since !== undefined && q.get("sinceTime"))
    causes.push(cause.forbidden("", "at most one of `sinceTime` or `sinceSeconds` may be specified"));
  if (causes.length > 0) throw invalid("PodLogOptions", "", pod, causes);
}

function chooseContainer(pod: KubeObject, requested: string): string {
  const spec = (pod["spec"] ?? {}) as {
    containers?: { name: string }[];
    initContainers?: { name: string }[];
    ephemeralContainers?: { name: string }[];
  };
  const names = (spec.containers ?? []).map((c) => c.name);
  const all = [...names, ...(spec.initContainers ?? []).map((c) => c.name), ...(spec.ephemeralContainers ?? []).map((c) => c.name)];
  if (!requested) {
    if (names.length === 1) return names[0] as string;
    throw badRequest(`a container name must be specified for pod ${pod.metadata.name}, choose one of: [${names.join(" ")}]`);
  }
  if (!all.includes(requested)) throw badRequest(`container ${requested} is not valid for pod ${pod.metadata.name}`);
  return requested;
}

function statusOf(pod: KubeObject, container: string): ContainerStatus | undefined {
  const status = (pod["status"] ?? {}) as { containerStatuses?: ContainerStatus[]; initContainerStatuses?: ContainerStatus[] };
  return [...(status.containerStatuses ?? []), ...(status.initContainerStatuses ?? [])].find((c) => c.name === container);
}

/** The kubelet's answer when it has no log for the container (always 400 through the apiserver). */
function noLogError(pod: KubeObject, container: string, previous: boolean): StatusError {
  const p = pod.metadata.name;
  const waiting = statusOf(pod, container)?.state?.waiting;
  if (previous) return badRequest(`previous terminated container "${container}" in pod "${p}" not found`);
  if (waiting) {
    const reason = waiting.reason ?? "ContainerCreating";
    return badRequest(`container "${container}" in pod "${p}" is waiting to start: ${WAITING_TEXT[reason] ?? reason}`);
  }
  return badRequest(`container "${container}" in pod "${p}" is not available`);
}

function render(lines: TimedLogLine[], q: URLSearchParams, now: Date): string {
  let selected = lines;
  const since = q.get("sinceSeconds")
    ? new Date(now.getTime() - Number(q.get("sinceSeconds")) * 1000)
    : q.get("sinceTime")
      ? new Date(q.get("sinceTime") as string)
      : undefined;
  if (since && !Number.isNaN(since.getTime())) selected = selected.filter((l) => l.time >= since);
  const tail = q.get("tailLines");
  if (tail !== null && tail !== "") selected = Number(tail) === 0 ? [] : selected.slice(-Number(tail));
  const stamps = queryBool(q.get("timestamps"));
  let text = selected.map((l) => `${stamps ? `${kubeletTimestamp(l.time)} ` : ""}${l.text}\n`).join("");
  const limit = q.get("limitBytes");
  if (limit) text = Buffer.from(text).subarray(0, Number(limit)).toString();
  return text;
}

export function handleLogs(ctx: RequestContext, route: ResourceRoute): Response {
  const { store, podBackends } = ctx.api;
  const q = ctx.url.searchParams;
  const name = route.name as string;
  const pod = store.getOrThrow(R.pods, route.namespace, name);
  validateOptions(q, name);
  const container = chooseContainer(pod, q.get("container") ?? "");
  const previous = queryBool(q.get("previous"));
  const spec = (pod["spec"] ?? {}) as { nodeName?: string };
  if (!spec.nodeName) return new Response(null, { status: 204 });
  const backend = podBackends.get();
  if (!backend) {
    throw new StatusError({
      message: `Get "https://${spec.nodeName}:10250/containerLogs/${route.namespace}/${name}/${container}": dial tcp: connect: connection refused`,
      reason: "InternalError",
      code: 500,
    });
  }
  const now = new Date();
  const ns = route.namespace as string;
  const lines =
    backend.readTimedLog?.(ns, name, container, previous) ??
    backend.readLog(ns, name, container, previous)?.map((text) => ({ time: now, text }));
  if (!lines) throw noLogError(pod, container, previous);
  const body = render(lines, q, now);
  const headers = { "Content-Type": "text/plain" };
  if (!queryBool(q.get("follow")) || previous) return new Response(body, { status: 200, headers });

  const stamps = queryBool(q.get("timestamps"));
  const encoder = new TextEncoder();
  let open = true;
  let unfollow = () => {};
  let unsubscribe = () => {};
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  // Ends the chunked response (EOF): the container instance ended, the pod went away, or the client left.
  const stop = () => {
    if (!open) return;
    open = false;
    unfollow();
    unsubscribe();
    try {
      controller?.close();
    } catch {
      // Client already went away.
    }
  };
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      if (body) c.enqueue(encoder.encode(body));
      // Backends without an end signal: end on a restart, a terminated state or the pod's deletion.
      const startedRestarts = statusOf(pod, container)?.restartCount ?? 0;
      unsubscribe = store.subscribe((event) => {
        const o = event.object;
        if (event.resource.resource !== "pods" || event.resource.group !== "" || o.metadata.namespace !== ns || o.metadata.name !== name)
          return;
        const st = statusOf(o, container);
        if (event.type === "DELETED" || st?.state?.terminated || (st?.restartCount ?? 0) !== startedRestarts) stop();
      });
      const follow = backend.followLog(
        ns,
        name,
        container,
        (line) => {
          if (open) c.enqueue(encoder.encode(`${stamps ? `${kubeletTimestamp(new Date())} ` : ""}${line}\n`));
        },
        stop,
      );
      // onEnd may already have run inside followLog (the instance had ended): drop the follower then.
      if (open) unfollow = follow;
      else follow();
      ctx.req.signal?.addEventListener("abort", stop);
    },
    cancel() {
      stop();
    },
  });
  return new Response(stream, { status: 200, headers });
}
