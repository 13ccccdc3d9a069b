/**
 * `pods/<id>/proxy/...` and `services/<id>/proxy/...` (kube-api.md §8): id parsing, port
 * resolution, a ready backing pod chosen by the Service selector, the apiserver's 301/400/404/503
 * answers, header hygiene (Authorization/Impersonate-* removed, X-Forwarded-* added, CORS
 * stripped), and the request handed to the simulated pod through the PodBackend.
 */

import { parseLabelSelector } from "../selectors/label-selector";
import { R } from "../store/builtins";
import { badRequest, notFound, serviceUnavailable } from "../store/errors";
import type { KubeObject, PodBackend } from "../store/types";
import type { RequestContext } from "./context";
import type { ResourceRoute } from "./router";

interface ProxyId {
  scheme: string;
  name: string;
  port: string;
}

function parseId(id: string, kind: "pod" | "service"): ProxyId {
  const parts = id.split(":");
  if (parts.length === 1) return { scheme: "", name: id, port: "" };
  if (parts.length === 2) return { scheme: "", name: parts[0] as string, port: parts[1] as string };
  if (parts.length === 3 && ["", "http", "https"].includes(parts[0] as string))
    return { scheme: parts[0] as string, name: parts[1] as string, port: parts[2] as string };
  throw badRequest(`invalid ${kind} request "${id}"`);
}

interface ContainerPortSpec {
  name?: string;
  containerPort: number;
}

function containerPorts(pod: KubeObject): ContainerPortSpec[] {
  const containers = ((pod["spec"] as { containers?: { ports?: ContainerPortSpec[] }[] } | undefined)?.containers ?? []) as {
    ports?: ContainerPortSpec[];
  }[];
  return containers.flatMap((c) => c.ports ?? []);
}

function podIp(pod: KubeObject): string | undefined {
  const status = (pod["status"] ?? {}) as { podIP?: string; podIPs?: { ip: string }[] };
  return status.podIPs?.[0]?.ip ?? status.podIP;
}

function isReady(pod: KubeObject): boolean {
  if (pod.metadata.deletionTimestamp) return false;
  const conditions = ((pod["status"] as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []) as {
    type: string;
    status: string;
  }[];
  return conditions.some((c) => c.type === "Ready" && c.status === "True");
}

async function forward(
  ctx: RequestContext,
  backend: PodBackend,
  pod: KubeObject,
  port: number,
  prefix: string,
  rest: string,
): Promise<Response> {
  const ip = podIp(pod) as string;
  const headers = new Headers(ctx.req.headers);
  headers.delete("authorization");
  for (const key of [...headers.keys()]) if (key.toLowerCase().startsWith("impersonate-")) headers.delete(key);
  headers.set("X-Forwarded-Uri", `${prefix}${rest}${ctx.url.search}`);
  headers.set("X-Forwarded-Host", ctx.url.host);
  headers.set("X-Forwarded-Proto", ctx.url.protocol.replace(":", ""));
  const hasBody = !["GET", "HEAD"].includes(ctx.req.method);
  const body = hasBody ? await ctx.req.arrayBuffer() : undefined;
  const path = `${rest || "/"}${ctx.url.search}`;
  const request = new Request(`http://${ip}:${port}${path}`, { method: ctx.req.method, headers, ...(body ? { body } : {}) });
  const answer = backend.serve(pod.metadata.namespace as string, pod.metadata.name, port, path, request);
  if (!answer) throw serviceUnavailable(`error trying to reach service: dial tcp ${ip}:${port}: connect: connection refused`);
  const upstream = await answer;
  const outHeaders = new Headers(upstream.headers);
  for (const key of [...outHeaders.keys()]) if (key.toLowerCase().startsWith("access-control-allow-")) outHeaders.delete(key);
  const location = outHeaders.get("location");
  if (location?.startsWith("/")) outHeaders.set("location", `${prefix}${location}`);
  return new Response(upstream.body, { status: upstream.status, statusText: upstream.statusText, headers: outHeaders });
}

function splitPath(ctx: RequestContext, resource: string): { prefix: string; rest: string } {
  const path = ctx.url.pathname;
  const segments = path.split("/");
  const at = segments.findIndex((seg, i) => seg === resource && segments[i + 2] === "proxy");
  const prefix = segments.slice(0, at + 3).join("/");
  return { prefix, rest: path.slice(prefix.length) };
}

/** Serves a pod or service proxy request. */
export async function handleProxy(ctx: RequestContext, route: ResourceRoute): Promise<Response> {
  const { prefix, rest } = splitPath(ctx, route.resource);
  const id = parseId(route.name as string, route.resource === "pods" ? "pod" : "service");
  const { store } = ctx.api;
  const ns = route.namespace as string;
  if (route.resource === "pods") {
    const pod = store.get(R.pods, ns, id.name);
    if (!pod) throw notFound({ group: "", resource: "pods" }, id.name);
    if (rest === "" && (ctx.req.method === "GET" || ctx.req.method === "HEAD")) return redirect(ctx);
    const ports = containerPorts(pod);
    const port =
      id.port === ""
        ? (ports[0]?.containerPort ?? 80)
        : /^\d+$/.test(id.port)
          ? Number(id.port)
          : ports.find((p) => p.name === id.port)?.containerPort;
    if (!podIp(pod)) throw badRequest("address not allowed");
    const backend = ctx.api.podBackends.get();
    if (port === undefined || !backend)
      throw serviceUnavailable(`error trying to reach service: dial tcp ${podIp(pod)}:${id.port}: connect: connection refused`);
    return forward(ctx, backend, pod, port, prefix, rest);
  }
  const service = store.get(R.services, ns, id.name);
  if (!service) throw notFound({ group: "", resource: "services" }, id.name);
  if (rest === "" && (ctx.req.method === "GET" || ctx.req.method === "HEAD")) return redirect(ctx);
  const spec = (service["spec"] ?? {}) as {
    ports?: { name?: string; port: number; targetPort?: number | string }[];
    selector?: Record<string, string>;
  };
  const ports = spec.ports ?? [];
  let servicePort: (typeof ports)[number] | undefined;
  if (id.port === "") servicePort = ports.find((p) => !p.name) ?? (ports.length === 1 ? ports[0] : undefined);
  else if (/^\d+$/.test(id.port)) {
    servicePort = ports.find((p) => p.port === Number(id.port));
    if (!servicePort) throw serviceUnavailable(`no service port ${id.port} found for service "${id.name}"`);
  } else servicePort = ports.find((p) => p.name === id.port);
  const selector = spec.selector && Object.keys(spec.selector).length > 0 ? parseLabelSelector(spec.selector) : undefined;
  const candidates = selector
    ? store.list(R.pods, { namespace: ns }).items.filter((p) => selector.matches(p.metadata.labels) && isReady(p) && podIp(p))
    : [];
  if (!servicePort || candidates.length === 0) throw serviceUnavailable(`no endpoints available for service "${id.name}"`);
  const pod = candidates[Math.floor(Math.random() * candidates.length)] as KubeObject;
  const target = servicePort.targetPort ?? servicePort.port;
  const port =
    typeof target === "number"
      ? target
      : /^\d+$/.test(target)
        ? Number(target)
        : containerPorts(pod).find((p) => p.name === target)?.containerPort;
  const backend = ctx.api.podBackends.get();
  if (port === undefined || !backend)
    throw serviceUnavailable(`error trying to reach service: dial tcp ${podIp(pod)}:${String(target)}: connect: connection refused`);
  return forward(ctx, backend, pod, port, prefix, rest);
}

function redirect(ctx: RequestContext): Response {
  return new Response(null, { status: 301, headers: { Location: `${ctx.url.pathname}/${ctx.url.search}` } });
}
