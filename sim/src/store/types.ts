/**
 * The sim's object store contract. The HTTP layer (REST handlers, watch) and the simulated
 * controllers (scheduler, kubelet, operators) both go through this interface, so a controller's
 * write is indistinguishable from a client's: same resourceVersion sequence, same watch events.
 */

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  generateName?: string;
  [key: string]: unknown;
}

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/** Any Kubernetes object as JSON. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
}

/** Identifies a resource type: `{ group: "", version: "v1", resource: "pods" }`. */
export interface ResourceType {
  group: string;
  version: string;
  /** Plural, lowercase: `pods`, `workspaces`. */
  resource: string;
}

export type StoreEventType = "ADDED" | "MODIFIED" | "DELETED";

export interface StoreEvent {
  type: StoreEventType;
  resource: ResourceType;
  object: KubeObject;
  /** Cluster-wide monotonically increasing revision of this change. */
  resourceVersion: number;
}

/** Who performed a write, for the audit log and RBAC. Controllers use `system:*` identities. */
export interface Actor {
  username: string;
  groups: string[];
}

/**
 * What the simulated kubelet exposes to the HTTP layer for `pods/<p>/log` and the pod/service
 * proxies. Implemented by the controllers (sim/src/controllers), consumed by the REST handlers.
 */
export interface PodBackend {
  /** Log lines of a container's current or previous instance; `undefined` when none is kept. */
  readLog(namespace: string, pod: string, container: string, previous: boolean): string[] | undefined;
  /** Calls `onLine` for each new line of the current instance until the returned function is called. */
  followLog(namespace: string, pod: string, container: string, onLine: (line: string) => void): () => void;
  /** Answers an HTTP request proxied to `port` of the pod (e.g. `/metrics`, `/v1/models`); `undefined` = nothing listens there. */
  serve(namespace: string, pod: string, port: number, path: string, request: Request): Promise<Response> | undefined;
}

/** Options every controller receives. */
export interface ControllerContext {
  /** Multiplies every simulated delay: 0.01 in tests (milliseconds), 1 in the demo (seconds). */
  speed: number;
  /** Deterministic randomness from the seed. */
  random: () => number;
}
