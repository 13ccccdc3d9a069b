/**
 * The sim's in-memory object store: the "etcd + registry" behind the HTTP layer and the
 * simulated controllers. One cluster-wide revision counter, uid/generation/timestamps,
 * optimistic concurrency, status subresources, graceful and cascading deletion, change events
 * with a bounded history for watch resume.
 *
 * Objects handed out (by get, list, events and write results) are frozen snapshots: never mutate
 * them; `structuredClone` first (or use {@link ObjectStore.mutate}).
 */

import { builtinResources } from "./builtins";
import { Collection } from "./collection";
import { admitCrd, crdStatus, resourceInfoFromCrd } from "./crd-hooks";
import { Deleter } from "./deletion";
import { alreadyExists, badRequest, conflict, forbidden, invalid, notFound, StatusError } from "./errors";
import { EventHistory } from "./history";
import { listCollection } from "./listing";
import { applyPatch } from "./patch";
import { deepFreeze, prepareForCreate, preserveOnUpdate, randomSuffix, resetSystemMetadata, validateMetadata } from "./strategies";
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

const CRD_KEY = "apiextensions.k8s.io/customresourcedefinitions";
const typeKey = (group: string, resource: string) => `${group}/${resource}`;

export class ObjectStore {
  private revision = 0;
  private readonly infos = new Map<string, ResourceInfo>();
  private readonly collections = new Map<string, Collection>();
  private readonly listeners = new Set<StoreListener>();
  private readonly history: EventHistory;
  private readonly deleter: Deleter;
  private nextClusterIP = 1;
  /** @internal */ readonly now: () => Date;
  /** @internal */ readonly speed: number;
  private readonly random: () => number;
  private readonly onWrite: ((record: WriteRecord) => void) | undefined;

  constructor(options: ObjectStoreOptions = {}) {
    this.history = new EventHistory(options.historySize ?? 25_000);
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
    const key = typeKey(info.group, info.resource);
    this.infos.set(key, info);
    if (!this.collections.has(key)) this.collections.set(key, new Collection());
  }

  /** Stops serving a resource type and drops its objects (without events; delete them first). */
  unregisterResource(group: string, resource: string): void {
    this.infos.delete(typeKey(group, resource));
    this.collections.delete(typeKey(group, resource));
  }

  /** All registered resource types. */
  resources(): ResourceInfo[] {
    return [...this.infos.values()];
  }

  /** The registered type for `group`/`resource`, or undefined. Version is not checked. */
  resourceInfo(group: string, resource: string): ResourceInfo | undefined {
    return this.infos.get(typeKey(group, resource));
  }

  /** Like {@link resourceInfo} but checks the version is served; throws 404 like an unknown URL. */
  resolve(type: ResourceType): ResourceInfo {
    const info = this.infos.get(typeKey(type.group, type.resource));
    if (!info?.versions.includes(type.version)) {
      throw new StatusError({ message: "the server could not find the requested resource", reason: "NotFound", code: 404 });
    }
    return info;
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
    return listCollection(this.collection(info), info, options, this.revision, this.history.oldestResumable);
  }

  /** Number of objects of all namespaced types in `namespace` (namespace termination). */
  countInNamespace(namespace: string): number {
    let count = 0;
    for (const [key, collection] of this.collections) if (this.infos.get(key)?.namespaced) count += collection.countInNamespace(namespace);
    return count;
  }

  // ----- writes -----

  /** Creates an object. Server fields (uid, resourceVersion, creationTimestamp, generation) are set here. */
  create(type: ResourceType, input: KubeObject, actor: Actor, options: WriteOptions = {}): KubeObject {
    const info = this.resolve(type);
    return this.audited(actor, "create", type, input.metadata?.namespace, input.metadata?.name, options, 201, () => {
      const object = structuredClone(input);
      object.apiVersion = type.group ? `${type.group}/${type.version}` : type.version;
      object.kind = info.kind;
      object.metadata ??= { name: "" };
      const collection = this.collection(info);
      if (!object.metadata.name && object.metadata.generateName) {
        do object.metadata.name = object.metadata.generateName + randomSuffix(this.random);
        while (collection.get(object.metadata.namespace, object.metadata.name));
      }
      resetSystemMetadata(object, crypto.randomUUID(), this.now(), info);
      prepareForCreate(info, object, () => this.allocateClusterIP());
      this.admit(info, type.version, object, options);
      if (info.namespaced) this.checkNamespaceAdmits(object.metadata.namespace ?? "");
      if (collection.get(object.metadata.namespace, object.metadata.name)) throw alreadyExists(info, object.metadata.name);
      if (typeKey(info.group, info.resource) === CRD_KEY) object["status"] = crdStatus(object, this.now(), this);
      if (options.dryRun) return object;
      const stored = this.commit(info, object, "ADDED");
      if (typeKey(info.group, info.resource) === CRD_KEY) this.registerResource(resourceInfoFromCrd(stored));
      return stored;
    });
  }

  /** Replaces an object (PUT). `subresource: "status"` replaces only `.status`. */
  update(type: ResourceType, input: KubeObject, actor: Actor, options: WriteOptions & { subresource?: "status" } = {}): KubeObject {
    const info = this.resolve(type);
    const { namespace, name } = input.metadata ?? {};
    const verb = "update";
    return this.audited(
      actor,
      verb,
      type,
      namespace,
      name,
      options,
      200,
      () => this.replace(info, type, input, options),
      options.subresource,
    );
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
    return this.audited(
      actor,
      "patch",
      type,
      namespace,
      name,
      options,
      200,
      () => {
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
      },
      options.subresource,
    );
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
    this.audited(actor, "delete", type, namespace, name, options, 200, () => {
      result = this.deleter.delete(type, namespace, name, actor, options);
      return result.object;
    });
    return result as DeleteResult;
  }

  // ----- events -----

  /** Calls `listener` synchronously after every committed change. Returns an unsubscribe function. */
  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Events after revision `rv`, oldest first; throws 410 Expired when `rv` is older than the history. */
  eventsSince(rv: number): StoreEvent[] {
    return this.history.since(rv);
  }

  /** Forgets the event history up to now, so any resume from an earlier revision gets 410 (fault injection). */
  compactHistory(): void {
    this.history.compactTo(this.revision);
  }

  /** Stops pending timers (graceful deletions). */
  close(): void {
    this.deleter.close();
    this.listeners.clear();
  }

  // ----- internals shared with Deleter -----

  /** @internal */
  collection(info: ResourceInfo): Collection {
    return this.collections.get(typeKey(info.group, info.resource)) as Collection;
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
    this.history.push(event);
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A broken listener must not break the write that triggered it.
      }
    }
    if (type === "DELETED" && typeKey(info.group, info.resource) === CRD_KEY) this.deleter.afterCrdRemoved(object);
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
    const rv = input.metadata.resourceVersion;
    if (rv === undefined || rv === "") {
      if (!info.allowUnconditionalUpdate) {
        throw invalid(info.kind, info.group, name, [
          {
            reason: "FieldValueInvalid",
            message: "Invalid value: 0x0: must be specified for an update",
            field: "metadata.resourceVersion",
          },
        ]);
      }
    } else if (rv !== existing.metadata.resourceVersion) throw conflict(info, name);
    let next: KubeObject;
    if (options.subresource === "status") {
      next = structuredClone(existing) as KubeObject;
      if (input["status"] === undefined) delete next["status"];
      else next["status"] = structuredClone(input["status"]);
    } else {
      next = structuredClone(input);
      next.apiVersion = type.group ? `${type.group}/${type.version}` : type.version;
      next.kind = info.kind;
      if (info.hasStatusSubresource) {
        if (existing["status"] === undefined) delete next["status"];
        else next["status"] = structuredClone(existing["status"]);
      }
    }
    preserveOnUpdate(info, next, existing);
    this.admit(info, type.version, next, options);
    if (typeKey(info.group, info.resource) === CRD_KEY && options.subresource !== "status")
      next["status"] = crdStatus(next, this.now(), this);
    next.metadata.resourceVersion = existing.metadata.resourceVersion;
    if (JSON.stringify(next) === JSON.stringify(existing)) return existing; // no-op: no new revision, no event
    if (options.dryRun) return next;
    if (next.metadata.deletionTimestamp && (next.metadata.finalizers ?? []).length === 0 && !this.deleter.isGracePending(existing)) {
      return this.commit(info, next, "DELETED");
    }
    const stored = this.commit(info, next, "MODIFIED");
    if (typeKey(info.group, info.resource) === CRD_KEY) this.registerResource(resourceInfoFromCrd(stored));
    return stored;
  }

  private admit(info: ResourceInfo, version: string, object: KubeObject, options: WriteOptions): void {
    const causes = validateMetadata(info, object);
    const unknown: string[] = [];
    if (info.admit) causes.push(...info.admit(object, version, unknown));
    if (unknown.length > 0 && options.fieldValidation === "Strict") {
      const list = unknown.map((f) => `unknown field "${f}"`).join(", ");
      throw badRequest(`${info.kind} in version "${version}" cannot be handled as a ${info.kind}: strict decoding error: ${list}`);
    }
    if (options.fieldValidation !== "Ignore") options.warnings?.push(...unknown.map((f) => `unknown field "${f}"`));
    if (typeKey(info.group, info.resource) === CRD_KEY) causes.push(...admitCrd(object));
    if (causes.length > 0) throw invalid(info.kind, info.group, object.metadata.name ?? "", causes);
  }

  private checkNamespaceAdmits(namespace: string): void {
    const ns = this.collections.get(typeKey("", "namespaces"))?.get(undefined, namespace);
    if (!ns) throw notFound({ group: "", resource: "namespaces" }, namespace);
    if (ns.metadata.deletionTimestamp) {
      throw forbidden(`unable to create new content in namespace ${namespace} because it is being terminated`);
    }
  }

  private allocateClusterIP(): string {
    const n = this.nextClusterIP++;
    return `10.96.${Math.floor(n / 250) % 250}.${(n % 250) + 1}`;
  }

  private audited<T extends KubeObject>(
    actor: Actor,
    verb: WriteRecord["verb"],
    resource: ResourceType,
    namespace: string | undefined,
    name: string | undefined,
    options: WriteOptions,
    successCode: number,
    run: () => T,
    subresource?: string,
  ): T {
    const record = (code: number, finalName = name) =>
      this.onWrite?.({
        actor,
        verb,
        resource,
        ...(subresource ? { subresource } : {}),
        ...(namespace !== undefined ? { namespace } : {}),
        ...(finalName !== undefined ? { name: finalName } : {}),
        code,
        dryRun: options.dryRun === true,
      });
    try {
      const result = run();
      record(successCode, result.metadata.name);
      return result;
    } catch (error) {
      record(error instanceof StatusError ? error.code : 500);
      throw error;
    }
  }
}
