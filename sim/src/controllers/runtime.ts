/**
 * What every simulated controller shares: speed-scaled timers that `stop()` clears, a debounced
 * work queue fed by store events (controllers never write from inside a store listener, so one
 * write cannot re-enter another), Kubernetes Events with the kubelet's count aggregation, and an
 * owner index so "pods of this ReplicaSet" is a lookup rather than a scan.
 */
import { R } from "../store/builtins";
import { StatusError } from "../store/errors";
import type { ObjectStore } from "../store/store";
import type { Actor, ControllerContext, KubeObject, ResourceType, StoreEvent } from "../store/types";

/** Timer functions, injectable so tests can drive time. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface RuntimeOptions extends ControllerContext {
  timers?: Timers;
  now?: () => Date;
}

/** A system identity controllers write as (shows up in the audit log). */
export function systemActor(username: string, groups: string[] = []): Actor {
  return { username, groups: [...groups, "system:authenticated"] };
}

/** `true` for errors a controller can ignore: the object went away or changed under it. */
export function isBenign(error: unknown): boolean {
  return error instanceof StatusError && [404, 409, 410].includes(error.code);
}

/** The value at `k`, created with `make` when missing. */
export function getOrCreate<K, V>(map: Map<K, V>, k: K, make: () => V): V {
  let value = map.get(k);
  if (value === undefined) {
    value = make();
    map.set(k, value);
  }
  return value;
}

export const key = (o: KubeObject) => `${o.metadata.namespace ?? ""}/${o.metadata.name}`;

/** Shared runtime for the controllers of one simulated cluster. */
export class ControllerRuntime {
  readonly speed: number;
  readonly random: () => number;
  readonly now: () => Date;
  private readonly timers: Timers;
  private readonly handles = new Set<unknown>();
  private readonly listeners: ((event: StoreEvent) => void)[] = [];
  private readonly unsubscribe: () => void;
  private readonly eventNames = new Map<string, string>();
  private readonly byOwner = new Map<string, Set<string>>();
  private readonly podLabels = new Map<string, Set<string>>();
  private readonly podLabelKeys = new Map<string, string[]>();
  private stopped = false;

  constructor(
    readonly store: ObjectStore,
    options: RuntimeOptions,
  ) {
    this.speed = options.speed;
    this.random = options.random;
    this.now = options.now ?? (() => new Date());
    this.timers = options.timers ?? {
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    };
    this.unsubscribe = store.subscribe((event) => {
      this.indexOwners(event);
      for (const listener of this.listeners) listener(event);
    });
    for (const type of [R.pods, R.replicasets, R.services, R.deployments, R.statefulsets])
      for (const o of store.list(type).items) this.indexOwners({ type: "ADDED", resource: type, object: o, resourceVersion: 0 });
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  /** Runs `fn` after `simSeconds` of simulated time (× speed in wall time). Returns a cancel function. */
  after(simSeconds: number, fn: () => void): () => void {
    if (this.stopped) return () => {};
    const handle = this.timers.setTimeout(
      () => {
        this.handles.delete(handle);
        if (!this.stopped) this.guard(fn);
      },
      Math.max(0, simSeconds * 1000 * this.speed),
    );
    (handle as { unref?: () => void } | undefined)?.unref?.();
    this.handles.add(handle);
    return () => {
      this.handles.delete(handle);
      this.timers.clearTimeout(handle);
    };
  }

  /** Calls `fn` for every store event (synchronously: only enqueue work there). */
  onEvent(fn: (event: StoreEvent) => void): void {
    this.listeners.push(fn);
  }

  /**
   * A work queue: `add(key)` schedules `handle(key)` once, soon, however many events arrive first.
   * Handlers run outside the store listener, and failures of one key do not stop the others.
   */
  queue(handle: (key: string) => void, delaySeconds = 0): (key: string) => void {
    const pending = new Set<string>();
    let scheduled = false;
    const flush = () => {
      scheduled = false;
      const keys = [...pending];
      pending.clear();
      for (const k of keys) this.guard(() => handle(k));
    };
    return (k: string) => {
      pending.add(k);
      if (scheduled || this.stopped) return;
      scheduled = true;
      if (delaySeconds > 0) this.after(delaySeconds, flush);
      else queueMicrotask(() => !this.stopped && flush());
    };
  }

  /** Runs `fn`, swallowing races with deletions and conflicts (the next event retries). */
  guard(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      if (!isBenign(error) && !this.stopped) console.warn("[sim controller]", error instanceof Error ? error.message : error);
    }
  }

  /** Keys (`<ns>/<name>`) of objects of `resource` owned by `ownerUid`. */
  owned(resource: string, ownerUid: string | undefined): string[] {
    if (!ownerUid) return [];
    return [...(this.byOwner.get(`${resource}|${ownerUid}`) ?? [])];
  }

  /** The objects of `type` owned by `ownerUid`, read fresh from the store. */
  ownedObjects(type: ResourceType, ownerUid: string | undefined): KubeObject[] {
    const out: KubeObject[] = [];
    for (const k of this.owned(type.resource, ownerUid)) {
      const [ns, name] = k.split("/") as [string, string];
      const o = this.store.get(type, ns || undefined, name);
      if (o) out.push(o);
    }
    return out;
  }

  /** Pods in `namespace` carrying `label=value`, read fresh from the store (indexed, no scan). */
  podsWithLabel(namespace: string, label: string, value: string): KubeObject[] {
    const out: KubeObject[] = [];
    for (const name of this.podLabels.get(`${namespace}|${label}=${value}`) ?? []) {
      const pod = this.store.get(R.pods, namespace, name);
      if (pod) out.push(pod);
    }
    return out;
  }

  private indexPodLabels(event: StoreEvent): void {
    const pod = event.object;
    const ns = pod.metadata.namespace ?? "";
    const k = key(pod);
    for (const entry of this.podLabelKeys.get(k) ?? []) this.podLabels.get(entry)?.delete(pod.metadata.name);
    this.podLabelKeys.delete(k);
    if (event.type === "DELETED") return;
    const entries = Object.entries(pod.metadata.labels ?? {}).map(([l, v]) => `${ns}|${l}=${v}`);
    for (const entry of entries) {
      getOrCreate(this.podLabels, entry, () => new Set<string>()).add(pod.metadata.name);
    }
    this.podLabelKeys.set(k, entries);
  }

  private indexOwners(event: StoreEvent): void {
    if (event.resource.resource === "pods" && event.resource.group === "") this.indexPodLabels(event);
    const k = key(event.object);
    for (const ref of event.object.metadata.ownerReferences ?? []) {
      const index = `${event.resource.resource}|${ref.uid}`;
      const set = getOrCreate(this.byOwner, index, () => new Set<string>());
      if (event.type === "DELETED") set.delete(k);
      else set.add(k);
    }
  }

  /**
   * Records a core/v1 Event about `object`. Repeats (same object, reason and message) bump `count`
   * and `lastTimestamp` on the existing Event, as the kubelet's event correlator does.
   */
  recordEvent(
    object: KubeObject,
    type: "Normal" | "Warning",
    reason: string,
    message: string,
    source: { component: string; host?: string },
    actor: Actor,
  ): void {
    if (this.stopped) return;
    const namespace = object.metadata.namespace ?? "default";
    const dedupe = `${object.metadata.uid}|${reason}|${message}`;
    const now = this.now()
      .toISOString()
      .replace(/\.\d{3}Z$/, "Z");
    const existing = this.eventNames.get(dedupe);
    if (existing && this.store.get(R.events, namespace, existing)) {
      this.guard(() =>
        this.store.mutate(R.events, namespace, existing, actor, (e) => {
          e["count"] = ((e["count"] as number | undefined) ?? 1) + 1;
          e["lastTimestamp"] = now;
        }),
      );
      return;
    }
    const name = `${object.metadata.name}.${(Date.now() * 1000 + Math.floor(this.random() * 1000)).toString(16)}`;
    this.eventNames.set(dedupe, name);
    const [group, version] = object.apiVersion.includes("/") ? object.apiVersion.split("/") : ["", object.apiVersion];
    this.guard(() =>
      this.store.create(
        R.events,
        {
          apiVersion: "v1",
          kind: "Event",
          metadata: { name, namespace },
          involvedObject: {
            apiVersion: group ? `${group}/${version}` : version,
            kind: object.kind,
            name: object.metadata.name,
            namespace: object.metadata.namespace,
            uid: object.metadata.uid,
            resourceVersion: object.metadata.resourceVersion,
          },
          reason,
          message,
          type,
          source,
          reportingComponent: source.component,
          reportingInstance: source.host ?? "",
          firstTimestamp: now,
          lastTimestamp: now,
          count: 1,
        },
        actor,
      ),
    );
  }

  /** Clears every timer and stops reacting to events. */
  stop(): void {
    this.stopped = true;
    this.unsubscribe();
    for (const handle of this.handles) this.timers.clearTimeout(handle);
    this.handles.clear();
  }
}
