/**
 * Shared machinery for the simulated operators: an operator reconciles only while its CRD is
 * installed AND a Deployment carrying its operator labels is available (the same recipe runtime
 * detection uses, runtimes.md "Detection recipe" — never by name); idempotent child creation;
 * status writes that skip no-op changes; conditions that keep `lastTransitionTime`.
 */
import { R } from "../../store/builtins";
import type { Actor, KubeObject, ResourceType, StoreEvent } from "../../store/types";
import { type ControllerRuntime, key, systemActor } from "../runtime";

export interface OperatorSpec {
  /** CRD names that must all be installed (`workspaces.kaito.sh`). */
  crds: string[];
  /** Labels of the operator Deployment (any namespace). */
  labels: Record<string, string>;
  /** The CR type reconciled. */
  type: ResourceType;
  /** Reconciles one CR; `requeue(seconds)` asks for another pass after that much simulated time. */
  reconcile: (cr: KubeObject, actor: Actor, requeue: (seconds: number) => void) => void;
  /** Maps a child event (pod, service…) to the CR keys it affects. */
  ownersOf: (event: StoreEvent) => string[];
}

/**
 * Custom resources written in their final state by the `scale:N` seed carry this annotation; the
 * operators leave them alone so thousands of benchmark objects stay static.
 */
export const STATIC_ANNOTATION = "sim.kubeairunway.io/static";

const matches = (labels: Record<string, string> | undefined, want: Record<string, string>) =>
  Object.entries(want).every(([k, v]) => labels?.[k] === v);

/** Starts one operator: gated on CRD + operator Deployment, reconciling CRs on their and their children's events. */
export function startOperator(rt: ControllerRuntime, spec: OperatorSpec): void {
  const { store } = rt;
  let actor: Actor | undefined;

  const findOperator = (): KubeObject | undefined =>
    store
      .list(R.deployments)
      .items.find(
        (d) =>
          matches(d.metadata.labels, spec.labels) &&
          ((d.status as { availableReplicas?: number } | undefined)?.availableReplicas ?? 0) >= 1,
      );
  const crdsInstalled = () =>
    spec.crds.every(
      (name) => store.get(R.customresourcedefinitions, undefined, name) && store.resourceInfo(spec.type.group, spec.type.resource),
    );
  const refreshGate = () => {
    const operator = crdsInstalled() ? findOperator() : undefined;
    const wasActive = actor !== undefined;
    if (operator) {
      const sa = ((operator.spec as { template?: { spec?: { serviceAccountName?: string } } }).template?.spec?.serviceAccountName ??
        operator.metadata.name) as string;
      actor = systemActor(`system:serviceaccount:${operator.metadata.namespace}:${sa}`, [
        "system:serviceaccounts",
        `system:serviceaccounts:${operator.metadata.namespace}`,
      ]);
    } else actor = undefined;
    if (actor && !wasActive) for (const cr of store.list(spec.type).items) enqueue(key(cr));
  };

  const enqueue = rt.queue((k) => {
    if (!actor) return;
    const [ns, name] = k.split("/") as [string, string];
    if (!store.resourceInfo(spec.type.group, spec.type.resource)) return;
    const cr = store.get(spec.type, ns || undefined, name);
    if (!cr || cr.metadata.deletionTimestamp || cr.metadata.annotations?.[STATIC_ANNOTATION] === "true") return;
    spec.reconcile(cr, actor, (seconds) => rt.after(seconds, () => enqueue(k)));
  });
  const gate = rt.queue(refreshGate);

  gate("gate");
  rt.onEvent((event) => {
    const { resource } = event;
    if ((resource.group === "apps" && resource.resource === "deployments") || resource.resource === "customresourcedefinitions") {
      const relevant =
        resource.resource === "customresourcedefinitions"
          ? spec.crds.includes(event.object.metadata.name)
          : matches(event.object.metadata.labels, spec.labels);
      if (relevant) gate("gate");
    }
    if (!actor) return;
    if (resource.group === spec.type.group && resource.resource === spec.type.resource) {
      if (event.type !== "DELETED") enqueue(key(event.object));
      return;
    }
    for (const k of spec.ownersOf(event)) enqueue(k);
  });
}

/** CR keys from the controller ownerReferences of `object` with kind `kind`. */
export function ownerKeys(object: KubeObject, kind: string): string[] {
  return (object.metadata.ownerReferences ?? []).filter((r) => r.kind === kind).map((r) => `${object.metadata.namespace ?? ""}/${r.name}`);
}

/** Creates `object` unless an object of that name exists; returns the stored one. */
export function ensure(rt: ControllerRuntime, type: ResourceType, object: KubeObject, actor: Actor): KubeObject {
  const existing = rt.store.get(type, object.metadata.namespace, object.metadata.name);
  return existing ?? rt.store.create(type, object, actor);
}

/** Replaces `.status` when it differs (ignoring condition timestamps). */
export function writeStatus(
  rt: ControllerRuntime,
  type: ResourceType,
  cr: KubeObject,
  status: Record<string, unknown>,
  actor: Actor,
): void {
  const strip = (s: unknown) => JSON.stringify(s ?? {}, (k, v) => (k === "lastTransitionTime" || k === "lastUpdateTime" ? undefined : v));
  if (strip(cr.status) === strip(status)) return;
  rt.store.mutate(type, cr.metadata.namespace, cr.metadata.name, actor, (o) => (o.status = status), true);
}

export interface Condition {
  type: string;
  status: "True" | "False" | "Unknown";
  reason: string;
  message: string;
  lastTransitionTime?: string;
  observedGeneration?: number;
}

/** A metav1.Condition that keeps its previous `lastTransitionTime` when the status did not change. */
export function condition(cr: KubeObject, now: Date, type: string, ok: boolean, reason: string, message: string): Condition {
  const previous = ((cr.status as { conditions?: Condition[] } | undefined)?.conditions ?? []).find((c) => c.type === type);
  const status = ok ? "True" : "False";
  return {
    type,
    status,
    reason,
    message,
    lastTransitionTime:
      previous?.status === status && previous.lastTransitionTime
        ? previous.lastTransitionTime
        : now.toISOString().replace(/\.\d{3}Z$/, "Z"),
    ...(cr.metadata.generation !== undefined ? { observedGeneration: cr.metadata.generation } : {}),
  };
}

/** The most telling reason a pod is not ready (`CrashLoopBackOff`, `ImagePullBackOff`, `Unschedulable`…). */
export function podProblem(pod: KubeObject): string | undefined {
  const status = (pod.status ?? {}) as {
    conditions?: { type: string; status: string; reason?: string; message?: string }[];
    containerStatuses?: { state?: { waiting?: { reason?: string } }; lastState?: { terminated?: { reason?: string } } }[];
  };
  const sched = status.conditions?.find((c) => c.type === "PodScheduled" && c.status === "False");
  if (sched) return `${sched.reason}: ${sched.message ?? ""}`;
  for (const c of status.containerStatuses ?? []) {
    const waiting = c.state?.waiting?.reason;
    if (waiting && waiting !== "ContainerCreating")
      return c.lastState?.terminated?.reason ? `${waiting} (last exit: ${c.lastState.terminated.reason})` : waiting;
  }
  return undefined;
}

/** `matchLabels` + `matchExpressions` of a LabelSelector as required node-affinity terms. */
export function selectorToNodeAffinity(
  selector: { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] } | undefined,
) {
  const expressions = [
    ...Object.entries(selector?.matchLabels ?? {}).map(([k, v]) => ({ key: k, operator: "In", values: [v] })),
    ...(selector?.matchExpressions ?? []),
  ];
  if (expressions.length === 0) return undefined;
  return { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: expressions }] } } };
}
