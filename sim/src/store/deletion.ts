/**
 * Deletion semantics (kube-api.md §5 "Successful DELETE", §6 "Delete options"):
 * graceful pod deletion, finalizers, Background/Foreground/Orphan propagation by ownerReferences,
 * namespace termination and CRD removal (instances first, then the type stops being served).
 */

import { conflict, notFound } from "./errors";
import type { ObjectStore } from "./store";
import { timestamp } from "./strategies";
import type { Actor, DeleteOptions, DeleteResult, KubeObject, ResourceInfo, ResourceType, StoreEventType } from "./types";

const GC_ACTOR: Actor = {
  username: "system:serviceaccount:kube-system:generic-garbage-collector",
  groups: ["system:serviceaccounts", "system:authenticated"],
};
const NS_ACTOR: Actor = {
  username: "system:serviceaccount:kube-system:namespace-controller",
  groups: ["system:serviceaccounts", "system:authenticated"],
};
const FOREGROUND = "foregroundDeletion";

interface Located {
  info: ResourceInfo;
  namespace: string | undefined;
  name: string;
}

function typeOf(info: ResourceInfo, object?: KubeObject): ResourceType {
  const version = object?.apiVersion.split("/").pop() ?? info.versions[0] ?? "v1";
  return { group: info.group, version: info.versions.includes(version) ? version : (info.versions[0] as string), resource: info.resource };
}

export class Deleter {
  private readonly byUid = new Map<string, Located>();
  private readonly ownersOf = new Map<string, string[]>();
  private readonly dependents = new Map<string, Set<string>>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly store: ObjectStore) {}

  /** Keeps the uid and ownerReference indexes in step with a committed change. */
  index(info: ResourceInfo, object: KubeObject, type: StoreEventType): void {
    const uid = object.metadata.uid;
    if (!uid) return;
    for (const owner of this.ownersOf.get(uid) ?? []) this.dependents.get(owner)?.delete(uid);
    if (type === "DELETED") {
      this.byUid.delete(uid);
      this.ownersOf.delete(uid);
      const timer = this.timers.get(uid);
      if (timer) clearTimeout(timer);
      this.timers.delete(uid);
      queueMicrotask(() => this.afterRemoval(info, object));
      return;
    }
    this.byUid.set(uid, { info, namespace: object.metadata.namespace, name: object.metadata.name });
    const owners = (object.metadata.ownerReferences ?? []).map((ref) => ref.uid);
    this.ownersOf.set(uid, owners);
    for (const owner of owners) {
      let set = this.dependents.get(owner);
      if (!set) {
        set = new Set();
        this.dependents.set(owner, set);
      }
      set.add(uid);
    }
  }

  /** `true` while a pod's grace period runs (updates must not remove it yet). */
  isGracePending(object: KubeObject): boolean {
    return object.metadata.deletionTimestamp !== undefined && (object.metadata.deletionGracePeriodSeconds ?? 0) > 0;
  }

  delete(type: ResourceType, namespace: string | undefined, name: string, _actor: Actor, options: DeleteOptions): DeleteResult {
    const info = this.store.resolve(type);
    const existing = this.store.get(type, namespace, name);
    if (!existing) throw notFound(info, name);
    const pre = options.preconditions;
    if (pre?.uid && pre.uid !== existing.metadata.uid) {
      throw conflict(info, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${existing.metadata.uid}`);
    }
    if (pre?.resourceVersion && pre.resourceVersion !== existing.metadata.resourceVersion) {
      throw conflict(
        info,
        name,
        `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in meta: ${existing.metadata.resourceVersion}`,
      );
    }
    if (options.dryRun) return { object: existing, removed: true };
    if (info.group === "" && info.resource === "namespaces") return this.terminateNamespace(info, existing);
    if (info.group === "apiextensions.k8s.io" && info.resource === "customresourcedefinitions") this.deleteInstances(existing);

    const policy = options.propagationPolicy ?? "Background";
    const uid = existing.metadata.uid as string;
    if (policy === "Orphan") this.orphanDependents(uid);
    const grace = this.gracePeriod(info, existing, options.gracePeriodSeconds);
    const finalizers = [...(existing.metadata.finalizers ?? [])];
    const hasDependents = (this.dependents.get(uid)?.size ?? 0) > 0;
    if (policy === "Foreground" && hasDependents && !finalizers.includes(FOREGROUND)) finalizers.push(FOREGROUND);

    if (grace > 0 || finalizers.length > 0) {
      const next = structuredClone(existing) as KubeObject;
      const now = this.store.now();
      const shorter = existing.metadata.deletionTimestamp === undefined || grace < (existing.metadata.deletionGracePeriodSeconds ?? 0);
      if (shorter) {
        next.metadata.deletionTimestamp = timestamp(new Date(now.getTime() + grace * 1000));
        next.metadata.deletionGracePeriodSeconds = grace;
      }
      if (finalizers.length > 0) next.metadata.finalizers = finalizers;
      if (grace === 0 && finalizers.length === 0) return { object: this.store.commit(info, next, "DELETED"), removed: true };
      const stored = JSON.stringify(next) === JSON.stringify(existing) ? existing : this.store.commit(info, next, "MODIFIED");
      if (grace > 0 && shorter) this.scheduleGraceEnd(info, uid, grace);
      if (policy === "Foreground") this.deleteDependents(uid);
      return { object: stored, removed: false };
    }
    const last = structuredClone(existing) as KubeObject;
    return { object: this.store.commit(info, last, "DELETED"), removed: true };
  }

  /** Clears timers. */
  close(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  /** Called when a CRD object is gone: its resource stops being served. */
  afterCrdRemoved(crd: KubeObject): void {
    const spec = crd["spec"] as { group?: string; names?: { plural?: string } } | undefined;
    if (spec?.group && spec.names?.plural) this.store.unregisterResource(spec.group, spec.names.plural);
  }

  private gracePeriod(info: ResourceInfo, pod: KubeObject, requested: number | undefined): number {
    if (info.group !== "" || info.resource !== "pods") return 0;
    const spec = (pod["spec"] ?? {}) as { nodeName?: string; terminationGracePeriodSeconds?: number };
    const phase = (pod["status"] as { phase?: string } | undefined)?.phase;
    if (!spec.nodeName || phase === "Succeeded" || phase === "Failed") return 0;
    return Math.max(0, requested ?? spec.terminationGracePeriodSeconds ?? 30);
  }

  private scheduleGraceEnd(info: ResourceInfo, uid: string, grace: number): void {
    const previous = this.timers.get(uid);
    if (previous) clearTimeout(previous);
    const timer = setTimeout(
      () => {
        this.timers.delete(uid);
        const where = this.byUid.get(uid);
        if (!where) return;
        const current = this.store.collection(info).get(where.namespace, where.name);
        if (!current?.metadata.deletionTimestamp) return;
        const next = structuredClone(current) as KubeObject;
        next.metadata.deletionGracePeriodSeconds = 0;
        this.store.commit(info, next, (next.metadata.finalizers ?? []).length === 0 ? "DELETED" : "MODIFIED");
      },
      grace * 1000 * this.store.speed,
    );
    (timer as { unref?: () => void }).unref?.();
    this.timers.set(uid, timer);
  }

  private orphanDependents(uid: string): void {
    for (const dependentUid of [...(this.dependents.get(uid) ?? [])]) {
      const where = this.byUid.get(dependentUid);
      const current = where && this.store.collection(where.info).get(where.namespace, where.name);
      if (!where || !current) continue;
      const next = structuredClone(current) as KubeObject;
      next.metadata.ownerReferences = (next.metadata.ownerReferences ?? []).filter((ref) => ref.uid !== uid);
      if (next.metadata.ownerReferences.length === 0) delete next.metadata.ownerReferences;
      this.store.commit(where.info, next, "MODIFIED");
    }
  }

  private deleteDependents(uid: string): void {
    for (const dependentUid of [...(this.dependents.get(uid) ?? [])]) {
      const where = this.byUid.get(dependentUid);
      const current = where && this.store.collection(where.info).get(where.namespace, where.name);
      if (!where || !current || current.metadata.deletionTimestamp) continue;
      try {
        this.store.delete(typeOf(where.info, current), where.namespace, where.name, GC_ACTOR, { propagationPolicy: "Background" });
      } catch {
        // Already gone: nothing to collect.
      }
    }
  }

  private afterRemoval(info: ResourceInfo, object: KubeObject): void {
    const uid = object.metadata.uid as string;
    this.deleteDependents(uid);
    this.dependents.delete(uid);
    for (const ref of object.metadata.ownerReferences ?? []) {
      const owner = this.byUid.get(ref.uid);
      const current = owner && this.store.collection(owner.info).get(owner.namespace, owner.name);
      if (!owner || !current?.metadata.finalizers?.includes(FOREGROUND)) continue;
      if ((this.dependents.get(ref.uid)?.size ?? 0) > 0) continue;
      const next = structuredClone(current) as KubeObject;
      next.metadata.finalizers = (next.metadata.finalizers ?? []).filter((f) => f !== FOREGROUND);
      if (next.metadata.finalizers.length === 0) delete next.metadata.finalizers;
      this.store.commit(owner.info, next, next.metadata.finalizers || this.isGracePending(next) ? "MODIFIED" : "DELETED");
    }
    const ns = object.metadata.namespace;
    if (info.namespaced && ns) this.maybeFinalizeNamespace(ns);
  }

  private terminateNamespace(info: ResourceInfo, existing: KubeObject): DeleteResult {
    if (existing.metadata.deletionTimestamp) return { object: existing, removed: false };
    const next = structuredClone(existing) as KubeObject;
    next.metadata.deletionTimestamp = timestamp(this.store.now());
    next.metadata.deletionGracePeriodSeconds = 0;
    next["status"] = { ...((next["status"] as object) ?? {}), phase: "Terminating" };
    const stored = this.store.commit(info, next, "MODIFIED");
    const ns = existing.metadata.name;
    for (const resource of this.store.resources()) {
      if (!resource.namespaced) continue;
      for (const object of this.store.collection(resource).keys(ns).length ? [...this.objectsIn(resource, ns)] : []) {
        if (object.metadata.deletionTimestamp) continue;
        try {
          this.store.delete(typeOf(resource, object), ns, object.metadata.name, NS_ACTOR, {});
        } catch {
          // Removed meanwhile by a cascade.
        }
      }
    }
    this.maybeFinalizeNamespace(ns);
    const after = this.store.collection(info).get(undefined, ns);
    return { object: after ?? stored, removed: after === undefined };
  }

  private *objectsIn(info: ResourceInfo, namespace: string): IterableIterator<KubeObject> {
    const collection = this.store.collection(info);
    for (const key of [...collection.keys(namespace)]) {
      const object = collection.getByKey(key);
      if (object) yield object;
    }
  }

  private maybeFinalizeNamespace(namespace: string): void {
    const info = this.store.resourceInfo("", "namespaces") as ResourceInfo;
    const ns = this.store.collection(info).get(undefined, namespace);
    if (!ns?.metadata.deletionTimestamp || this.store.countInNamespace(namespace) > 0) return;
    this.store.commit(info, structuredClone(ns) as KubeObject, "DELETED");
  }

  private deleteInstances(crd: KubeObject): void {
    const spec = crd["spec"] as { group?: string; names?: { plural?: string } } | undefined;
    const info = spec?.group && spec.names?.plural ? this.store.resourceInfo(spec.group, spec.names.plural) : undefined;
    if (!info) return;
    const collection = this.store.collection(info);
    for (const key of [...collection.keys(undefined)]) {
      const object = collection.getByKey(key);
      if (object) this.store.commit(info, structuredClone(object) as KubeObject, "DELETED");
    }
  }
}
