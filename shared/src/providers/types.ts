import type { DeploymentConfig } from "../schemas/deployment-config";
import type { DeploymentStatus, DeploymentSummary } from "../schemas/deployments";
import type { GpuCapacity } from "../schemas/gpu";
import type { ProviderDescriptor } from "../schemas/providers";

/**
 * Structural views of the Kubernetes objects the provider cores read. They are deliberately loose:
 * objects come from informers, from Headlamp's `jsonData`, or from @kubernetes/client-node (which
 * turns timestamps into `Date`), and a core must cope with all three.
 */
export type Timestamp = string | Date;

export interface KubeMeta {
  name?: string;
  namespace?: string;
  uid?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  creationTimestamp?: Timestamp;
  deletionTimestamp?: Timestamp;
  resourceVersion?: string;
  generation?: number;
}

/** Any Kubernetes object; runtime custom resources keep their own top-level fields. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: KubeMeta;
  [field: string]: unknown;
}

/** A manifest produced by `toManifests`: always carries apiVersion, kind and a named metadata. */
export interface KubeManifest extends KubeObject {
  apiVersion: string;
  kind: string;
  metadata: KubeMeta & { name: string; namespace: string; labels: Record<string, string>; annotations: Record<string, string> };
}

export interface KubeContainerState {
  waiting?: { reason?: string; message?: string };
  running?: { startedAt?: Timestamp };
  terminated?: { reason?: string; message?: string; exitCode?: number; finishedAt?: Timestamp };
}

export interface KubeContainerStatus {
  name: string;
  ready?: boolean;
  restartCount?: number;
  image?: string;
  state?: KubeContainerState;
  lastState?: KubeContainerState;
}

export interface KubeContainerSpec {
  name: string;
  image?: string;
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
}

export interface KubePod {
  metadata?: KubeMeta;
  spec?: {
    nodeName?: string;
    nodeSelector?: Record<string, string>;
    containers?: KubeContainerSpec[];
    tolerations?: { key?: string; operator?: string; value?: string; effect?: string }[];
  };
  status?: {
    phase?: string;
    reason?: string;
    message?: string;
    conditions?: { type: string; status: string; reason?: string; message?: string; lastTransitionTime?: Timestamp }[];
    containerStatuses?: KubeContainerStatus[];
    initContainerStatuses?: KubeContainerStatus[];
    startTime?: Timestamp;
  };
}

/** core/v1 Event, events.k8s.io/v1 Event, or our own KubeEventSummary: all are accepted. */
export interface KubeEvent {
  type?: string;
  reason?: string;
  message?: string;
  note?: string;
  count?: number;
  deprecatedCount?: number;
  involvedObject?: { kind?: string; name?: string };
  regarding?: { kind?: string; name?: string };
  object?: { kind?: string; name?: string };
  firstTimestamp?: Timestamp;
  lastTimestamp?: Timestamp;
  eventTime?: Timestamp;
  lastSeen?: Timestamp;
  metadata?: KubeMeta;
}

/** One finding of `validate`: `path` names the DeploymentConfig field (dot-separated). */
export interface ValidationIssue {
  path: string;
  message: string;
}

export interface ValidationResult {
  /** Blocking: the deployment would be rejected or could never run. */
  errors: ValidationIssue[];
  /** Non-blocking: it may run, but probably not as the user expects. */
  warnings: ValidationIssue[];
}

/** Extra facts `validate` can use when the caller has them (the model catalog, the cluster). */
export interface ValidationHints {
  /** The model's HuggingFace repo is gated (from the catalog); otherwise a name heuristic is used. */
  gated?: boolean;
}

export interface StatusOptions {
  /** Clock for "has this persisted long enough to call it failed"; defaults to `Date.now()`. */
  now?: number;
}

/**
 * The provider contract (design.md §3): pure data and functions, no I/O, so the backend and the
 * Headlamp plugin compute the same phases, explanations and manifests.
 *
 * Methods (not function properties) keep the registry assignable to `Provider` although each
 * provider accepts only its own config variant.
 */
export interface Provider<C extends DeploymentConfig = DeploymentConfig> {
  readonly descriptor: ProviderDescriptor;
  toManifests(config: C): KubeManifest[];
  toStatus(resource: KubeObject, pods: KubePod[], events: KubeEvent[], options?: StatusOptions): DeploymentStatus;
  /**
   * The list row. Pass the deployment's events (as for `toStatus`) when they are at hand, so the
   * row's explanation matches the detail view; without them it is computed from pods and conditions.
   */
  summarize(resource: KubeObject, pods: KubePod[], options?: StatusOptions): DeploymentSummary;
  summarize(resource: KubeObject, pods: KubePod[], events: KubeEvent[], options?: StatusOptions): DeploymentSummary;
  validate(config: C, cluster?: GpuCapacity, hints?: ValidationHints): ValidationResult;
  /** Labels selecting every pod of the instance `name`. */
  podSelector(name: string): Record<string, string>;
}
