/**
 * The sim's in-memory object store: the "etcd + registry" behind the HTTP layer and the
 * simulated controllers. One cluster-wide revision counter, uid/generation/timestamps,
 * optimistic concurrency, status subresources, graceful and cascading deletion, change events
 * with a bounded history for watch resume.
 *
 * Objects handed out (by get, list, events and write results) are frozen snapshots: never mutate
 * them; `structuredClone` first (or use {@link ObjectStore.mutate}).
 */

import { admitObject, checkNamespaceAdmits } from "./admission";
import { audited } from "./audit-wrap";
import { builtinResources } from "./builtins";
import type { Collection } from "./collection";
import { crdStatus, resourceInfoFromCrd } from "./crd-hooks";
import { Deleter } from "./deletion";
import { alreadyExists, invalid, notFound, StatusError } from "./errors";
import { EventBus } from "./history";
import { listCollection } from "./listing";
import { applyPatch } from "./patch";
import { isCrdType, ResourceRegistry } from "./registry";
import { buildReplacement } from "./replacement";
import { deepFreeze, prepareForCreate, randomSuffix, resetSystemMetadata } from "./strategies";
import type {
  Actor,
  DeleteOptions,
  DeleteResult,
  KubeObject,
  ListOptions,
  ListResult,
  PatchType,
  ResourceInfo,
  ResourceType,
  StoreEvent,
  StoreEventType,
  WriteOptions,
  WriteRecord,
} from "./types";

export interface ObjectStoreOptions {
  /** Events kept for watch resume; older resourceVersions get 410. Default 25,000. */
  historySize?: number;
  /** Clock for timestamps. */
  now?: () => Date;
  /** Multiplies graceful-deletion delays (0.01 in tests). Default 1. */
  speed?: number;
  /** Randomness for generateName suffixes. */
  random?: () => number;
  /** Called for every write attempt that reached the store (success or failure). */
  onWrite?: (record: WriteRecord) => void;
}

export type StoreListener = (event: StoreEvent) => void;

const gvOf = (type: ResourceType) => (type.group ? `${type.group}/${type.version}` : type.version);

export class ObjectStore {
  private revision = 0;
  private readonly registry = new ResourceRegistry();
  private readonly events: EventBus;
  private readonly deleter: Deleter;
  private nextClusterIP = 1;
  /** @internal */ readonly now: () => Date;
  /** @internal */ readonly speed: number;
  private readonly random: () => number;
  private readonly onWrite: ((record: WriteRecord) => void) | undefined;

  constructor(options: ObjectStoreOptions = {}) {
    this.events = new EventBus(options.historySize ?? 25_000);
    this.now = options.now ?? (() => new Date());
    this.speed = options.speed ?? 1;
    this.random = options.random ?? Math.random;
    this.onWrite = options.onWrite;
    this.deleter = new Deleter(this);
    for (const info of builtinResources()) this.registerResource(info);
  }

  // ----- resource registry -----

  /** Registers (or replaces) a resource type. CRDs created in the store register themselves. */
  registerResource(info: ResourceInfo): void {
    this.registry.register(info);
  }

  /** Stops serving a resource type and drops its objects (without events; delete them first). */
  unregisterResource(group: string, resource: string): void {
    this.registry.unregister(group, resource);
  }

  /** All registered resource types. */
  resources(): ResourceInfo[] {
    return this.registry.all();
  }

  /** The registered type for `group`/`resource`, or undefined. Version is not checked. */
  resourceInfo(group: string, resource: string): ResourceInfo | undefined {
    return this.registry.info(group, resource);
  }

  /** Like {@link resourceInfo} but checks the version is served; throws 404 like an unknown URL. */
  resolve(type: ResourceType): ResourceInfo {
    return this.registry.resolve(type);
  }

  /** The current cluster-wide revision (last resourceVersion handed out). */
  get resourceVersion(): number {
    return this.revision;
  }

  // ----- reads -----

  /** The object, or undefined. Frozen: clone before changing. */
  get(type: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined {
    const info = this.resolve(type);
    return this.collection(info).get(info.namespaced ? namespace : undefined, name);
  }

  /** The object, or a 404 StatusError. */
  getOrThrow(type: ResourceType, namespace: string | undefined, name: string): KubeObject {
    const found = this.get(type, namespace, name);
    if (!found) throw notFound(this.resolve(type), name);
    return found;
  }

  /** Lists with label/field selectors and paging. Items are frozen, in (namespace, name) order. */
  list(type: ResourceType, options: ListOptions = {}): ListResult {
    const info = this.resolve(type);
    return listCollection(this.collection(info), info, options, this.revision, this.events.history.oldestResumable);
  }

  /** Number of objects of all namespaced types in `namespace` (namespace termination). */
  countInNamespace(namespace: string): number {
    return this.registry.countInNamespace(namespace);
  }

  // ----- writes -----

  /** Creates an object. Server fields (uid, resourceVersion, creationTimestamp, generation) are set here. */
  create(type: ResourceType, input: KubeObject, actor: Actor, options: WriteOptions = {}): KubeObject {
    const info = this.resolve(type);
    const attempt = {
      actor,
      verb: "create" as const,
      resource: type,
      namespace: input.metadata?.namespace,
      name: input.metadata?.name,
      dryRun: !!options.dryRun,
      successCode: 201,
    };
    return audited(this.onWrite, attempt, () => {
      const object = structuredClone(input);
      object.apiVersion = gvOf(type);
      object.kind = info.kind;
      object.metadata ??= { name: "" };
      const collection = this.collection(info);
      if (!object.metadata.name && object.metadata.generateName) {
        do object.metadata.name = object.metadata.generateName + randomSuffix(this.random);
        while (collection.get(object.metadata.namespace, object.metadata.name));
      }
      resetSystemMetadata(object, crypto.randomUUID(), this.now(), info);
      prepareForCreate(info, object, () => this.allocateClusterIP());
      admitObject(info, type.version, object, options);
      if (info.namespaced) {
        const namespace = object.metadata.namespace ?? "";
        checkNamespaceAdmits(this.registry.collection({ group: "", resource: "namespaces" }).get(undefined, namespace), namespace);
      }
      if (collection.get(object.metadata.namespace, object.metadata.name)) throw alreadyExists(info, object.metadata.name);
      if (isCrdType(info)) object["status"] = crdStatus(object, this.now());
      if (options.dryRun) return object;
      const stored = this.commit(info, object, "ADDED");
      if (isCrdType(info)) this.registerResource(resourceInfoFromCrd(stored));
      return stored;
    });
  }

  /** Replaces an object (PUT). `subresource: "status"` replaces only `.status`. */
  update(type: ResourceType, input: KubeObject, actor: Actor, options: WriteOptions & { subresource?: "status" } = {}): KubeObject {
    const info = this.resolve(type);
    const { namespace, name } = input.metadata ?? {};
    const attempt = {
      actor,
      verb: "update" as const,
      resource: type,
      namespace,
      name,
      dryRun: !!options.dryRun,
      successCode: 200,
      ...(options.subresource ? { subresource: options.subresource } : {}),
    };
    return audited(this.onWrite, attempt, () => this.replace(info, type, input, options));
  }

  /** `update` on the status subresource. */
  updateStatus(type: ResourceType, input: KubeObject, actor: Actor, options: WriteOptions = {}): KubeObject {
    return this.update(type, input, actor, { ...options, subresource: "status" });
  }

  /** PATCH: merge (RFC 7386), json (RFC 6902) or strategic (treated as merge). */
  patch(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    patchType: PatchType,
    body: unknown,
    actor: Actor,
    options: WriteOptions & { subresource?: "status" } = {},
  ): KubeObject {
    const info = this.resolve(type);
    const attempt = {
      actor,
      verb: "patch" as const,
      resource: type,
      namespace,
      name,
      dryRun: !!options.dryRun,
      successCode: 200,
      ...(options.subresource ? { subresource: options.subresource } : {}),
    };
    return audited(this.onWrite, attempt, () => {
      const existing = this.getOrThrow(type, namespace, name);
      const patched = applyPatch(existing, patchType, body) as KubeObject;
      if (patched === null || typeof patched !== "object" || Array.isArray(patched)) {
        throw invalid(info.kind, info.group, name, [
          { reason: "FieldValueInvalid", message: "Invalid value: patch result must be an object" },
        ]);
      }
      patched.metadata = { ...(patched.metadata ?? {}), name, ...(info.namespaced ? { namespace } : {}) };
      patched.metadata.resourceVersion ??= existing.metadata.resourceVersion;
      return this.replace(info, type, patched, options);
    });
  }

  /** Reads, changes a clone with `change`, and writes it back, retrying on conflicts. */
  mutate(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    actor: Actor,
    change: (object: KubeObject) => void,
    status = false,
  ): KubeObject {
    for (let attempt = 0; ; attempt++) {
      const copy = structuredClone(this.getOrThrow(type, namespace, name)) as KubeObject;
      change(copy);
      try {
        return this.update(type, copy, actor, status ? { subresource: "status" } : {});
      } catch (error) {
        if (!(error instanceof StatusError && error.code === 409) || attempt > 5) throw error;
      }
    }
  }

  /** Deletes with graceful deletion for pods, finalizers and cascading by ownerReferences. */
  delete(type: ResourceType, namespace: string | undefined, name: string, actor: Actor, options: DeleteOptions = {}): DeleteResult {
    this.resolve(type);
    let result: DeleteResult | undefined;
    audited(this.onWrite, { actor, verb: "delete", resource: type, namespace, name, dryRun: !!options.dryRun, successCode: 200 }, () => {
      result = this.deleter.delete(type, namespace, name, actor, options);
      return result.object;
    });
    return result as DeleteResult;
  }

  // ----- events -----

  /** Calls `listener` synchronously after every committed change. Returns an unsubscribe function. */
  subscribe(listener: StoreListener): () => void {
    return this.events.subscribe(listener);
  }

  /** Events after revision `rv`, oldest first; throws 410 Expired when `rv` is older than the history. */
  eventsSince(rv: number): StoreEvent[] {
    return this.events.history.since(rv);
  }

  /** Forgets the event history up to now, so any resume from an earlier revision gets 410 (fault injection). */
  compactHistory(): void {
    this.events.history.compactTo(this.revision);
  }

  /** Stops pending timers (graceful deletions). */
  close(): void {
    this.deleter.close();
    this.events.clear();
  }

  // ----- internals shared with Deleter -----

  /** @internal */
  collection(info: ResourceInfo): Collection {
    return this.registry.collection(info);
  }

  /** @internal Stores `object` with a new revision and emits the event. */
  commit(info: ResourceInfo, object: KubeObject, type: StoreEventType): KubeObject {
    this.revision++;
    object.metadata.resourceVersion = String(this.revision);
    deepFreeze(object);
    const collection = this.collection(info);
    const previous = type === "MODIFIED" ? collection.get(object.metadata.namespace, object.metadata.name) : undefined;
    if (type === "DELETED") collection.remove(object.metadata.namespace, object.metadata.name);
    else collection.set(object);
    this.deleter.index(info, object, type);
    const version = object.apiVersion.includes("/") ? object.apiVersion.split("/")[1] : object.apiVersion;
    const event: StoreEvent = {
      type,
      resource: { group: info.group, version: version ?? "", resource: info.resource },
      object,
      resourceVersion: this.revision,
      ...(previous ? { previous } : {}),
    };
    this.events.emit(event);
    if (type === "DELETED" && isCrdType(info)) this.deleter.afterCrdRemoved(object);
    return object;
  }

  private replace(
    info: ResourceInfo,
    type: ResourceType,
    input: KubeObject,
    options: WriteOptions & { subresource?: "status" },
  ): KubeObject {
    const name = input.metadata?.name ?? "";
    const existing = this.get(type, input.metadata?.namespace, name);
    if (!existing) throw notFound(info, name);
    const next = buildReplacement(info, type, input, existing, options, this.now());
    if (JSON.stringify(next) === JSON.stringify(existing)) return existing; // no-op: no new revision, no event
    if (options.dryRun) return next;
    if (next.metadata.deletionTimestamp && (next.metadata.finalizers ?? []).length === 0 && !this.deleter.isGracePending(existing)) {
      return this.commit(info, next, "DELETED");
    }
    const stored = this.commit(info, next, "MODIFIED");
    if (isCrdType(info)) this.registerResource(resourceInfoFromCrd(stored));
    return stored;
  }

  private allocateClusterIP(): string {
    const n = this.nextClusterIP++;
    return `10.96.${Math.floor(n / 250) % 250}.${(n % 250) + 1}`;
  }
}
