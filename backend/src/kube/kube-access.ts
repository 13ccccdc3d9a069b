import { AppsV1Api, CoreV1Api, CustomObjectsApi, KubeConfig } from "@kubernetes/client-node";
import type { Identity } from "../auth/identity";
import { AppError, UnauthenticatedError } from "../errors";
import { statusToAppError, toAppError } from "./errors";
import type { KubeAccess, KubeClients, KubeRequest } from "./types";

/** Where the backend's own identity comes from (a subset of Config). */
export interface KubeAccessOptions {
  inCluster: boolean;
  /** Kubeconfig path; default: KUBECONFIG / ~/.kube/config (client-node's loadFromDefault). */
  kubeconfig?: string;
  kubeContext?: string;
  /** Prefix of /var/run/secrets/kubernetes.io/serviceaccount (tests point it at a temp dir). */
  inClusterRoot?: string;
}

/** Loads the backend's KubeConfig: in-cluster ServiceAccount, or a kubeconfig (exec plugins included). */
export function loadKubeConfig(options: KubeAccessOptions): KubeConfig {
  const kc = new KubeConfig();
  if (options.kubeconfig) kc.loadFromFile(options.kubeconfig);
  // In a pod: KUBERNETES_SERVICE_HOST/PORT, the mounted CA, and the projected token file (re-read
  // by client-node as the kubelet rotates it).
  else if (options.inCluster) kc.loadFromCluster(options.inClusterRoot);
  else kc.loadFromDefault();
  if (options.kubeContext) kc.setCurrentContext(options.kubeContext);
  if (!kc.getCurrentCluster()) throw new Error("the kubeconfig names no current cluster");
  return kc;
}

/**
 * A KubeConfig for the same cluster entry (server, CA, TLS server name, skip-verify, proxy) with a
 * user that holds only `token`: no client certificate, no exec plugin, no impersonation — the
 * apiserver sees exactly the caller.
 */
export function userKubeConfig(base: KubeConfig, token: string): KubeConfig {
  const cluster = base.getCurrentCluster();
  if (!cluster) throw new Error("the kubeconfig names no current cluster");
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ ...cluster }],
    users: [{ name: "caller", token }],
    contexts: [{ name: "caller", cluster: cluster.name, user: "caller" }],
    currentContext: "caller",
  });
  return kc;
}

interface TlsOptions {
  headers?: Record<string, string>;
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  rejectUnauthorized?: boolean;
  servername?: string;
}

function buildUrl(server: string, req: KubeRequest): URL {
  const url = new URL(server.replace(/\/+$/, "") + req.path);
  for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
  return url;
}

/** Sends one request with the config's credentials and TLS settings; network failures → AppError. */
async function send(kc: KubeConfig, req: KubeRequest): Promise<Response> {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new AppError("internal", "no current cluster");
  const opts: TlsOptions = {};
  // Runs exec credential plugins / reads token files; client-node caches exec tokens until expiry.
  await kc.applyToHTTPSOptions(opts as never);
  const headers: Record<string, string> = { Accept: "application/json", ...(opts.headers ?? {}) };
  let body: string | undefined;
  if (req.body !== undefined) {
    headers["Content-Type"] = req.contentType ?? "application/json";
    body = typeof req.body === "string" ? req.body : JSON.stringify(req.body);
  }
  const tls: Record<string, unknown> = {};
  if (opts.ca) tls.ca = opts.ca.toString();
  if (opts.cert) tls.cert = opts.cert.toString();
  if (opts.key) tls.key = opts.key.toString();
  if (opts.rejectUnauthorized === false || cluster.skipTLSVerify) tls.rejectUnauthorized = false;
  if (opts.servername) tls.serverName = opts.servername;
  try {
    return await fetch(buildUrl(cluster.server, req), {
      method: req.method ?? "GET",
      headers,
      body,
      signal: req.signal,
      ...(Object.keys(tls).length > 0 ? { tls } : {}),
      ...(cluster.proxyUrl?.startsWith("http") ? { proxy: cluster.proxyUrl } : {}),
    } as RequestInit);
  } catch (err) {
    throw toAppError(err);
  }
}

/** Clients for one KubeConfig; `identity` only labels them. */
export function clientsFor(kc: KubeConfig, identity: "backend" | "user"): KubeClients {
  const cluster = kc.getCurrentCluster();
  let core: CoreV1Api | undefined;
  let apps: AppsV1Api | undefined;
  let custom: CustomObjectsApi | undefined;
  const stream = async (req: KubeRequest): Promise<Response> => {
    const res = await send(kc, req);
    if (res.ok) return res;
    const text = await res.text().catch(() => "");
    throw statusToAppError(res.status, text, res.headers);
  };
  return {
    identity,
    server: cluster?.server ?? "",
    kubeConfig: kc,
    get core() {
      core ??= kc.makeApiClient(CoreV1Api);
      return core;
    },
    get apps() {
      apps ??= kc.makeApiClient(AppsV1Api);
      return apps;
    },
    get custom() {
      custom ??= kc.makeApiClient(CustomObjectsApi);
      return custom;
    },
    stream,
    async request<T>(req: KubeRequest): Promise<T> {
      const res = await stream(req);
      const text = await res.text().catch((err: unknown) => {
        throw toAppError(err);
      });
      if (!text) return undefined as T;
      try {
        return JSON.parse(text) as T;
      } catch {
        throw new AppError("internal", `the Kubernetes API answered ${req.path} with a body that is not JSON`);
      }
    },
  };
}

/** KubeAccess over one loaded KubeConfig (tests pass the sim's). */
export function kubeAccessFrom(kc: KubeConfig): KubeAccess {
  const backend = clientsFor(kc, "backend");
  return {
    asBackend: () => backend,
    forUser: (token) => clientsFor(userKubeConfig(kc, token), "user"),
  };
}

/** Builds the process's KubeAccess from the configuration (design.md §5). */
export function createKubeAccess(options: KubeAccessOptions): KubeAccess {
  return kubeAccessFrom(loadKubeConfig(options));
}

/**
 * The clients a user-scoped handler must use: the caller's own token in AUTH_MODE=kubernetes, the
 * kubeconfig identity for the single local user. Anonymous callers never get clients for user work.
 */
export function clientsForIdentity(kube: KubeAccess, identity: Identity): KubeClients {
  if (identity.kind === "user") return kube.forUser(identity.token);
  if (identity.kind === "local") return kube.asBackend();
  throw new UnauthenticatedError();
}
