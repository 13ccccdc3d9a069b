import type { CacheChange, KubeResource } from "./types";

/** Computes the values of one secondary index for an object (empty: not indexed). */
export type IndexFn<T extends KubeResource = KubeResource> = (object: T) => string[];

/** Built-in index: every informer can answer "objects of namespace X" without a scan. */
export const NAMESPACE_INDEX = "namespace";

/** `namespace/name`, or `name` for cluster-scoped objects: the key of an object in a store. */
export function objectKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

export function keyOf(object: KubeResource): string {
  return objectKey(object.metadata?.namespace, object.metadata?.name ?? "");
}

/**
 * The in-memory half of an informer: objects by key plus secondary indexes maintained on every
 * write, so reads are O(result) and never O(cluster). Writes return the change they made (or
 * undefined when nothing changed) so the informer can notify subscribers precisely.
 */
export class ObjectStore<T extends KubeResource = KubeResource> {
  private readonly objects = new Map<string, T>();
  private readonly indexes = new Map<string, Map<string, Set<string>>>();
  private readonly indexFns: Record<string, IndexFn<T>>;

  constructor(indexers: Record<string, IndexFn<T>> = {}) {
    this.indexFns = { [NAMESPACE_INDEX]: (o) => (o.metadata?.namespace ? [o.metadata.namespace] : []), ...indexers };
    for (const name of Object.keys(this.indexFns)) this.indexes.set(name, new Map());
  }

  get size(): number {
    return this.objects.size;
  }

  get(key: string): T | undefined {
    return this.objects.get(key);
  }

  values(): IterableIterator<T> {
    return this.objects.values();
  }

  keys(): IterableIterator<string> {
    return this.objects.keys();
  }

  byIndex(index: string, value: string): T[] {
    const keys = this.indexes.get(index)?.get(value);
    if (!keys) return [];
    const out: T[] = [];
    for (const key of keys) {
      const object = this.objects.get(key);
      if (object) out.push(object);
    }
    return out;
  }

  /** Index values currently present (e.g. every namespace that holds objects). */
  indexValues(index: string): string[] {
    return [...(this.indexes.get(index)?.keys() ?? [])];
  }

  /** Inserts or replaces; an identical resourceVersion is not a change. */
  upsert(object: T): CacheChange<T> | undefined {
    const key = keyOf(object);
    const previous = this.objects.get(key);
    if (previous && previous.metadata?.resourceVersion === object.metadata?.resourceVersion && object.metadata?.resourceVersion) {
      return undefined;
    }
    if (previous) {
      this.unindex(key, previous);
      // Re-inserting moves it to the end: insertion order stays "least recently changed first",
      // which is what a bounded store (events) evicts.
      this.objects.delete(key);
    }
    this.objects.set(key, object);
    this.index(key, object);
    return previous ? { type: "updated", object, previous } : { type: "added", object };
  }

  remove(key: string, lastState?: T): CacheChange<T> | undefined {
    const previous = this.objects.get(key);
    if (!previous) return undefined;
    this.unindex(key, previous);
    this.objects.delete(key);
    return { type: "deleted", object: lastState ?? previous };
  }

  /** Replaces the whole content (after a LIST) and returns the difference as changes. */
  replace(objects: T[]): CacheChange<T>[] {
    const changes: CacheChange<T>[] = [];
    const seen = new Set<string>();
    for (const object of objects) {
      seen.add(keyOf(object));
      const change = this.upsert(object);
      if (change) changes.push(change);
    }
    for (const key of [...this.objects.keys()]) {
      if (seen.has(key)) continue;
      const change = this.remove(key);
      if (change) changes.push(change);
    }
    return changes;
  }

  private index(key: string, object: T): void {
    for (const [name, fn] of Object.entries(this.indexFns)) {
      const index = this.indexes.get(name);
      if (!index) continue;
      for (const value of fn(object)) {
        let keys = index.get(value);
        if (!keys) {
          keys = new Set();
          index.set(value, keys);
        }
        keys.add(key);
      }
    }
  }

  private unindex(key: string, object: T): void {
    for (const [name, fn] of Object.entries(this.indexFns)) {
      const index = this.indexes.get(name);
      if (!index) continue;
      for (const value of fn(object)) {
        const keys = index.get(value);
        keys?.delete(key);
        if (keys?.size === 0) index.delete(value);
      }
    }
  }
}
