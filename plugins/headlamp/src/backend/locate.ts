import type { KubeRequest } from "../kube/request";

/** Per-cluster backend settings, stored in Headlamp's ConfigStore under the plugin's name. */
export interface ClusterBackendSettings {
  /** `auto`: find the Service by label; `service`: the manual `namespace/service:port`; `url`: plain fetch (development). */
  mode: "auto" | "service" | "url";
  service?: string;
  url?: string;
}
export type PluginSettings = Record<string, ClusterBackendSettings>;

/** Where the backend answers, and how we found out (shown in Settings and in the banner). */
export type BackendTarget =
  | { kind: "service"; namespace: string; service: string; port: string; source: "discovered" | "default" | "manual" }
  | { kind: "url"; url: string };

/** Label the Helm chart puts on the backend's Service. */
export const BACKEND_LABEL = "app.kubernetes.io/name=kubeairunway";
/** Where the chart installs by default; used when discovery finds nothing or may not list Services. */
export const DEFAULT_TARGET = { namespace: "kubeairunway-system", service: "kubeairunway", port: "http" } as const;

const LABEL_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const PORT_RE = /^([0-9]{1,5}|[a-z0-9]([-a-z0-9]*[a-z0-9])?)$/;

/** Parses `namespace/service:port` (port is a number or a port name); returns a reason on bad input. */
export function parseServiceAddress(address: string): { namespace: string; service: string; port: string } | { error: string } {
  const match = /^([^/\s]+)\/([^:\s]+):(\S+)$/.exec(address.trim());
  if (!match) return { error: "expected namespace/service:port, e.g. kubeairunway-system/kubeairunway:http" };
  const [, namespace = "", service = "", port = ""] = match;
  if (!LABEL_RE.test(namespace) || namespace.length > 63) return { error: `"${namespace}" is not a valid namespace name` };
  if (!LABEL_RE.test(service) || service.length > 63) return { error: `"${service}" is not a valid Service name` };
  if (!PORT_RE.test(port)) return { error: `"${port}" is neither a port number nor a port name` };
  return { namespace, service, port };
}

/** Validates a development URL: http(s) only, no credentials in it. */
export function parseDevUrl(url: string): { url: string } | { error: string } {
  try {
    const parsed = new URL(url.trim());
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return { error: "the URL must start with http:// or https://" };
    if (parsed.username || parsed.password) return { error: "do not put credentials in the URL" };
    return { url: parsed.toString().replace(/\/+$/, "") };
  } catch {
    return { error: "not a valid URL, e.g. http://localhost:3001" };
  }
}

/** Path prefix of the Kubernetes service proxy for the target (named port `http` by default). */
export function serviceProxyBase(target: { namespace: string; service: string; port: string }): string {
  return `/api/v1/namespaces/${target.namespace}/services/http:${target.service}:${target.port}/proxy`;
}

export function describeTarget(target: BackendTarget): string {
  return target.kind === "url" ? target.url : `${target.namespace}/${target.service}:${target.port}`;
}

interface ServiceListItem {
  metadata?: { name?: string; namespace?: string };
  spec?: { ports?: { name?: string; port?: number }[] };
}

async function labelledServices(request: KubeRequest, namespace?: string): Promise<ServiceListItem[]> {
  const base = namespace ? `/api/v1/namespaces/${encodeURIComponent(namespace)}/services` : "/api/v1/services";
  const list = await request(`${base}?labelSelector=${encodeURIComponent(BACKEND_LABEL)}`, { autoLogoutOnAuthError: false });
  return Array.isArray(list?.items) ? list.items : [];
}

/**
 * Finds the backend's Service by label in any namespace the user may list: cluster-wide, or, when
 * that is forbidden, in each of `namespaces` (Headlamp's allowed namespaces for the cluster). When
 * nothing carries the label, falls back to the chart's default place.
 */
export async function discoverBackend(request: KubeRequest, namespaces: readonly string[] = []): Promise<BackendTarget> {
  const fallback: BackendTarget = { kind: "service", ...DEFAULT_TARGET, source: "default" };
  let items: ServiceListItem[] = [];
  try {
    items = await labelledServices(request);
  } catch {
    for (const ns of namespaces) {
      items = await labelledServices(request, ns).catch(() => []);
      if (items.length > 0) break;
    }
  }
  const svc = items.find((s) => s.metadata?.name && s.metadata.namespace);
  if (!svc?.metadata?.name || !svc.metadata.namespace) return fallback;
  const ports = svc.spec?.ports ?? [];
  const port = ports.find((p) => p.name === "http") ?? ports[0];
  return {
    kind: "service",
    namespace: svc.metadata.namespace,
    service: svc.metadata.name,
    port: port?.name || String(port?.port ?? "http"),
    source: "discovered",
  };
}

/** Applies the cluster's settings: a manual Service or URL wins; otherwise discovery. */
export async function resolveBackend(
  request: KubeRequest,
  settings: ClusterBackendSettings | undefined,
  namespaces: readonly string[] = [],
): Promise<BackendTarget> {
  if (settings?.mode === "url" && settings.url) {
    const parsed = parseDevUrl(settings.url);
    if ("url" in parsed) return { kind: "url", url: parsed.url };
  }
  if (settings?.mode === "service" && settings.service) {
    const parsed = parseServiceAddress(settings.service);
    if (!("error" in parsed)) return { kind: "service", ...parsed, source: "manual" };
  }
  return discoverBackend(request, namespaces);
}
