import type { RuntimeId } from "@kubeairunway/shared";
import type { AppsV1Api, CoreV1Api, CustomObjectsApi, KubeConfig } from "@kubernetes/client-node";

/**
 * The shapes the rest of the backend uses to reach Kubernetes: clients (as the backend or as a
 * user), the informer cache, and change notifications. Implementations live beside this file;
 * routes depend only on these interfaces, so tests can wire the real ones against the sim.
 *
 * Handlers reach them as `c.var.deps.kube` (KubeAccess), `c.var.deps.cache` (ClusterCache) and
 * `c.var.deps.permissions` (Permissions, in auth/identity.ts). User-scoped writes go through
 * `deps.kube.forUser(identity.token)` for `kind: "user"` and `deps.kube.asBackend()` for `kind: "local"`
 * (helper `clientsForIdentity(deps.kube, identity)` in kube/kube-access.ts).
 */

/** Any Kubernetes object as it arrives on the wire (plain JSON, timestamps as strings). */
export interface KubeResource {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    generation?: number;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    creationTimestamp?: string;
    deletionTimestamp?: string;
    ownerReferences?: { apiVersion: string; kind: string; name: string; uid: string; controller?: boolean }[];
  };
  [field: string]: unknown;
}

/** Coordinates of one resource type; `group` is "" for core/v1. */
export interface ResourceRef {
  group: string;
  version: string;
  /** Lower-case plural, as in the URL (`pods`, `workspaces`). */
  plural: string;
  kind: string;
  namespaced: boolean;
}

/** Options of one raw API call. `query` values are stringified; undefined values are dropped. */
export interface KubeRequest {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Absolute API path, e.g. `/apis/kaito.sh/v1beta1/namespaces/ml/workspaces`. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** Defaults to application/json; merge patches pass `application/merge-patch+json`. */
  contentType?: string;
  signal?: AbortSignal;
}

/**
 * Clients bound to one identity (the backend's, or a user's bearer token) and one server.
 * Every method throws an AppError (see kube/errors.ts) on failure, never a raw ApiException.
 */
export interface KubeClients {
  /** Who these clients act as, for logs (never the token). */
  readonly identity: "backend" | "user";
  /** Server URL these clients talk to. */
  readonly server: string;
  /**
   * The underlying config (server, CA, credentials). Use `request`/`stream`, not client-node's
   * generated APIs: under Bun those ignore the kubeconfig's CA, client certificate and
   * insecure-skip-tls-verify (Bun's fetch drops undici dispatchers), so they fail on real clusters.
   */
  readonly kubeConfig: KubeConfig;
  /** @deprecated Ignores the CA/client cert/skip-verify under Bun (see `kubeConfig`); use `request`. */
  readonly core: CoreV1Api;
  /** @deprecated See `core`. */
  readonly apps: AppsV1Api;
  /** @deprecated See `core`. */
  readonly custom: CustomObjectsApi;
  /** One JSON request; resolves the parsed body (undefined for an empty body). */
  request<T = unknown>(req: KubeRequest): Promise<T>;
  /** One request returning the raw Response (streams: logs with follow, watches); non-2xx → AppError. */
  stream(req: KubeRequest): Promise<Response>;
}

/** Builds clients; one per process (createKubeAccess in kube/kube-access.ts). */
export interface KubeAccess {
  /** The backend's own identity (kubeconfig context, exec plugin, or in-cluster ServiceAccount). */
  asBackend(): KubeClients;
  /** Same server, CA and TLS settings, but only the user's bearer token: no client cert, no exec plugin. */
  forUser(token: string): KubeClients;
}

/** What an informer reports about itself (also drives `/api/ready` and `stale` in list responses). */
export interface InformerStatus {
  /** Name used in `/api/ready` (`pods`, `nodes`, `events`, `kaito`, `kuberay`, `dynamo`). */
  name: string;
  /** True once the first LIST completed; stays true across later resyncs. */
  synced: boolean;
  /** True while the cache may lag the cluster: before the first sync, and while relisting/backing off. */
  stale: boolean;
  /** False when the resource type is not served (CRD not installed); the informer retries discovery. */
  installed: boolean;
  /** Last error text (no secrets), present while the informer is retrying. */
  lastError?: string;
  /** Objects currently held. */
  size: number;
}

/** One change in a cache. `previous` is the object before an update or the last state of a delete. */
export type CacheChange<T extends KubeResource = KubeResource> =
  | { type: "added"; object: T }
  | { type: "updated"; object: T; previous: T }
  | { type: "deleted"; object: T }
  /** The informer relisted (410 Gone, reconnect) or its installed/stale state flipped; re-read everything. */
  | { type: "resynced" };

/** Unsubscribes a listener. */
export type Unsubscribe = () => void;

/** A list+watch mirror of one resource type, readable without I/O. */
export interface Informer<T extends KubeResource = KubeResource> {
  readonly name: string;
  readonly resource: ResourceRef;
  status(): InformerStatus;
  /** All objects, or those of one namespace (indexed, O(result)). */
  list(namespace?: string): T[];
  /** One object by namespace (undefined for cluster-scoped) and name. */
  get(namespace: string | undefined, name: string): T | undefined;
  /** Objects whose index `index` has value `value` (indexes are declared when the informer is built). */
  byIndex(index: string, value: string): T[];
  /** Namespaces that currently hold at least one object (from the namespace index). */
  namespaces(): string[];
  /** Called after every change is applied to the cache. */
  subscribe(listener: (change: CacheChange<T>) => void): Unsubscribe;
  /** Resolves true once synced (or false when `timeoutMs` passes first). */
  waitForSync(timeoutMs?: number): Promise<boolean>;
  start(): void;
  stop(): void;
}

/** A runtime custom resource together with the runtime it belongs to. */
export interface RuntimeResource {
  runtime: RuntimeId;
  resource: KubeResource;
}

/** A change to a deployment (a runtime CR) or to something that affects its status (pods, events). */
export interface DeploymentChange {
  /** `updated` is also sent when only the deployment's pods or events changed. */
  type: "added" | "updated" | "deleted" | "resynced";
  runtime?: RuntimeId;
  namespace?: string;
  name?: string;
  /** The custom resource (last state for `deleted`); absent for `resynced`. */
  resource?: KubeResource;
}

/**
 * Everything the backend mirrors from the cluster: the three runtime CRs, their pods, nodes and
 * recent events. Routes read it instead of listing per request.
 */
export interface ClusterCache {
  /** Per runtime: the informer of its custom resource. */
  readonly runtimes: Record<RuntimeId, Informer>;
  /** Pods that belong to a runtime instance (selected by each descriptor's `instanceLabel`). */
  readonly pods: Informer;
  readonly nodes: Informer;
  /** Every non-terminated pod bound to a node, slimmed to its GPU requests (kube/scheduled-pods.ts). */
  readonly scheduledPods: Informer;
  /** Recent events (bounded; oldest dropped first). */
  readonly events: Informer;
  /** Deployments across runtimes, optionally of one namespace and/or runtime. */
  deployments(filter?: { namespace?: string; runtime?: RuntimeId }): RuntimeResource[];
  /** One deployment, looked up by namespace + name (runtime optional; first match wins). */
  deployment(namespace: string, name: string, runtime?: RuntimeId): RuntimeResource | undefined;
  /** The pods of one deployment (index lookup, no LIST). */
  podsOf(runtime: RuntimeId, namespace: string, name: string): KubeResource[];
  /** Events about the deployment's resource and its pods, newest last. */
  eventsOf(runtime: RuntimeId, namespace: string, name: string): KubeResource[];
  /** Runtimes whose CRD is not served right now. */
  notInstalled(): RuntimeId[];
  /** True while any informer is stale. */
  stale(): boolean;
  /** Monotonic counter bumped on every applied change: a cheap key for response caches. */
  generation(): number;
  /** Informer statuses for `/api/ready`. */
  statuses(): InformerStatus[];
  /** True once every informer has synced at least once (or found its CRD not installed). */
  ready(): boolean;
  waitForSync(timeoutMs?: number): Promise<boolean>;
  /** Deployment-level change notifications (pod/event changes are mapped to their deployment). */
  subscribe(listener: (change: DeploymentChange) => void): Unsubscribe;
  start(): void;
  stop(): void;
}
