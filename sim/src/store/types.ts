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
  /** For MODIFIED: the object before the change (watch uses it for selector transitions). */
  previous?: KubeObject;
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
  /**
   * Calls `onLine` for each new line of the current instance until the returned function is called.
   * `onEnd` (optional, additive) is called once when the followed instance terminates (crash,
   * kill, pod deletion) or the pod goes away: no more lines will come, so a followed log ends
   * (EOF) as the kubelet's does. A backend that never calls it leaves ending to the HTTP layer's
   * own checks (restart count, pod deletion).
   */
  followLog(namespace: string, pod: string, container: string, onLine: (line: string) => void, onEnd?: () => void): () => void;
  /** Answers an HTTP request proxied to `port` of the pod (e.g. `/metrics`, `/v1/models`); `undefined` = nothing listens there. */
  serve(namespace: string, pod: string, port: number, path: string, request: Request): Promise<Response> | undefined;
  /**
   * Optional: like `readLog` but with the time each line was written, so `timestamps=true`,
   * `sinceSeconds` and `sinceTime` are exact. Without it, served lines are stamped with the read time.
   */
  readTimedLog?(namespace: string, pod: string, container: string, previous: boolean): TimedLogLine[] | undefined;
}

/** A log line with the time the (simulated) container runtime recorded it. */
export interface TimedLogLine {
  time: Date;
  text: string;
}

/** Options every controller receives. */
export interface ControllerContext {
  /** Multiplies every simulated delay: 0.01 in tests (milliseconds), 1 in the demo (seconds). */
  speed: number;
  /** Deterministic randomness from the seed. */
  random: () => number;
}

// ---------------------------------------------------------------------------------------------
// Additions by the store (sim-apiserver helper). Everything below is used by the HTTP layer and
// is available to controllers and seeds.
// ---------------------------------------------------------------------------------------------

/** How `metadata.generation` is maintained for a resource (kube-api.md §6 "generation"). */
export type GenerationPolicy =
  /** No generation at all (pods, configmaps, services in 1.32). */
  | "none"
  /** Starts at 1, bumps when `spec` changes (statefulsets, CRDs). */
  | "spec"
  /** Starts at 1, bumps when `spec` or `metadata.annotations` change (deployments). */
  | "spec-and-annotations"
  /** Starts at 1, bumps on any change outside `metadata` (and outside `status` with a status subresource) — CRs. */
  | "non-metadata";

/** A subresource listed in discovery (`pods/log`, `pods/proxy`, `deployments/scale`). */
export interface SubresourceInfo {
  name: string;
  kind: string;
  verbs: string[];
  /** Set when the subresource's kind lives in another group/version (e.g. `autoscaling`/`v1` Scale). */
  group?: string;
  version?: string;
}

/** One field-level validation failure, as it appears in a Status' `details.causes`. */
export interface StatusCause {
  reason: string;
  message: string;
  field?: string;
}

/**
 * Hook that prunes/defaults an object in place and returns the validation failures (empty = valid).
 * Installed for custom resources from their CRD's openAPIV3Schema.
 */
export type AdmitFn = (object: KubeObject, version: string, unknownFields?: string[]) => StatusCause[];

/** Everything the store and the HTTP layer know about a resource type. */
export interface ResourceInfo {
  group: string;
  /** Served versions, preferred first. */
  versions: string[];
  /** Plural, lowercase. */
  resource: string;
  singular: string;
  kind: string;
  listKind: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  verbs: string[];
  hasStatusSubresource: boolean;
  /** Extra discovery entries besides `status` (`log`, `proxy`, `scale`). */
  subresources?: SubresourceInfo[];
  generation: GenerationPolicy;
  /** PUT without `metadata.resourceVersion` overwrites (built-ins) or is rejected with 422 (CRs). */
  allowUnconditionalUpdate: boolean;
  /** `true` for resources served from a CustomResourceDefinition. */
  custom: boolean;
  /** Extra `fieldSelector` fields beyond metadata.name/metadata.namespace, as dotted paths. */
  selectableFields?: string[];
  /** Prune + validate hook for writes (custom resources). */
  admit?: AdmitFn;
  /** CRD `additionalPrinterColumns` per served version (kubectl get's Table columns). */
  printerColumns?: Record<string, PrinterColumn[]>;
}

/** One CRD `additionalPrinterColumns` entry. */
export interface PrinterColumn {
  name: string;
  type: string;
  jsonPath: string;
  format?: string;
  description?: string;
  priority?: number;
}

/** The JSON body of a Kubernetes `Status` object. */
export interface KubeStatus {
  kind: "Status";
  apiVersion: "v1";
  metadata: Record<string, unknown>;
  status: "Failure" | "Success";
  message?: string;
  reason?: string;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    uid?: string;
    causes?: StatusCause[];
    retryAfterSeconds?: number;
  };
  code?: number;
}

/** A label selector as a string (`app=x,tier in (a,b)`) or as `matchLabels`. */
export type LabelSelectorInput = string | Record<string, string>;

export interface ListOptions {
  /** Omit for all namespaces (or for cluster-scoped resources). */
  namespace?: string;
  labelSelector?: LabelSelectorInput;
  /** `metadata.name=x,status.phase!=Running` */
  fieldSelector?: string;
  limit?: number;
  continue?: string;
}

export interface ListResult {
  items: KubeObject[];
  /** The store's resourceVersion at the time of the (first page of the) list. */
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

export interface WriteOptions {
  /** `true` = `dryRun=All`: full processing, nothing stored, no events. */
  dryRun?: boolean;
  /** `fieldValidation`: Strict rejects unknown fields with 400, Warn reports them in `warnings`. Default Warn. */
  fieldValidation?: "Strict" | "Warn" | "Ignore";
  /** Collects `Warning` header texts (e.g. `unknown field "spec.foo"`). */
  warnings?: string[];
}

export type PatchType = "merge" | "json" | "strategic";

export interface DeleteOptions extends WriteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: "Background" | "Foreground" | "Orphan";
  preconditions?: { uid?: string; resourceVersion?: string };
}

export interface DeleteResult {
  /** Last state of the object (with deletionTimestamp when removal is pending). */
  object: KubeObject;
  /** `true` when the object is gone now; `false` when graceful deletion or finalizers keep it. */
  removed: boolean;
}

/** One write to the store, as reported to the audit hook. */
export interface WriteRecord {
  actor: Actor;
  verb: "create" | "update" | "patch" | "delete";
  resource: ResourceType;
  subresource?: string;
  namespace?: string;
  name?: string;
  code: number;
  dryRun: boolean;
}
