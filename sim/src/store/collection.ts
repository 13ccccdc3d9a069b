/**
 * Storage for one resource type: objects by namespace and name, plus key arrays kept sorted
 * incrementally so a LIST (5,000 objects in one namespace) or a paged LIST never sorts.
 */

import type { KubeObject } from "./types";

/** Sort key of an object: namespace and name joined by NUL, so order is (namespace, name). */
export function objectKey(namespace: string | undefined, name: string): string {
  return `${namespace ?? ""}\u0000${name}`;
}

function insertSorted(array: string[], value: string): void {
  let lo = 0;
  let hi = array.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((array[mid] as string) < value) lo = mid + 1;
    else hi = mid;
  }
  array.splice(lo, 0, value);
}

function removeSorted(array: string[], value: string): void {
  const index = lowerBound(array, value);
  if (array[index] === value) array.splice(index, 1);
}

/** First index whose element is ≥ `value`. */
export function lowerBound(array: readonly string[], value: string): number {
  let lo = 0;
  let hi = array.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((array[mid] as string) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class Collection {
  private readonly objects = new Map<string, KubeObject>();
  /** All keys, sorted. */
  private readonly allKeys: string[] = [];
  /** Keys per namespace, sorted. */
  private readonly namespaceKeys = new Map<string, string[]>();

  get size(): number {
    return this.objects.size;
  }

  get(namespace: string | undefined, name: string): KubeObject | undefined {
    return this.objects.get(objectKey(namespace, name));
  }

  getByKey(key: string): KubeObject | undefined {
    return this.objects.get(key);
  }

  set(object: KubeObject): void {
    const ns = object.metadata.namespace ?? "";
    const key = objectKey(ns, object.metadata.name);
    if (!this.objects.has(key)) {
      insertSorted(this.allKeys, key);
      let keys = this.namespaceKeys.get(ns);
      if (!keys) {
        keys = [];
        this.namespaceKeys.set(ns, keys);
      }
      insertSorted(keys, key);
    }
    this.objects.set(key, object);
  }

  remove(namespace: string | undefined, name: string): void {
    const ns = namespace ?? "";
    const key = objectKey(ns, name);
    if (!this.objects.delete(key)) return;
    removeSorted(this.allKeys, key);
    const keys = this.namespaceKeys.get(ns);
    if (keys) {
      removeSorted(keys, key);
      if (keys.length === 0) this.namespaceKeys.delete(ns);
    }
  }

  /** Sorted keys of one namespace (or all, when `namespace` is undefined). Do not mutate. */
  keys(namespace: string | undefined): readonly string[] {
    if (namespace === undefined) return this.allKeys;
    return this.namespaceKeys.get(namespace) ?? [];
  }

  countInNamespace(namespace: string): number {
    return this.namespaceKeys.get(namespace)?.length ?? 0;
  }

  *values(): IterableIterator<KubeObject> {
    yield* this.objects.values();
  }
}
