import type { CacheChange, Informer, InformerStatus, KubeResource, ResourceRef, Unsubscribe } from "./types";

/**
 * One Informer view over several informers of the same kind (the pods of each runtime come from
 * their own label-selected watch, since one selector cannot OR label keys). Reads concatenate;
 * status is synced/installed only when every part is, stale when any part is.
 */
export function mergeInformers<T extends KubeResource>(name: string, resource: ResourceRef, parts: Informer<T>[]): Informer<T> {
  return {
    name,
    resource,
    status(): InformerStatus {
      const all = parts.map((p) => p.status());
      return {
        name,
        synced: all.every((s) => s.synced),
        stale: all.some((s) => s.stale),
        installed: all.every((s) => s.installed),
        lastError: all.find((s) => s.lastError)?.lastError,
        size: all.reduce((n, s) => n + s.size, 0),
      };
    },
    list: (namespace) => parts.flatMap((p) => p.list(namespace)),
    get(namespace, objectName) {
      for (const p of parts) {
        const found = p.get(namespace, objectName);
        if (found) return found;
      }
      return undefined;
    },
    byIndex: (index, value) => parts.flatMap((p) => p.byIndex(index, value)),
    namespaces: () => [...new Set(parts.flatMap((p) => p.namespaces()))],
    subscribe(listener: (change: CacheChange<T>) => void): Unsubscribe {
      const offs = parts.map((p) => p.subscribe(listener));
      return () => {
        for (const off of offs) off();
      };
    },
    async waitForSync(timeoutMs) {
      const results = await Promise.all(parts.map((p) => p.waitForSync(timeoutMs)));
      return results.every(Boolean);
    },
    start() {
      for (const p of parts) p.start();
    },
    stop() {
      for (const p of parts) p.stop();
    },
  };
}
