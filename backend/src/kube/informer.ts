import type { Logger } from "../logger";
import { type Backoff, createBackoff } from "./backoff";
import { isResourceServed } from "./discovery";
import { GoneError, statusToAppError, toAppError } from "./errors";
import { type IndexFn, keyOf, NAMESPACE_INDEX, ObjectStore, objectKey } from "./object-store";
import type { CacheChange, Informer, InformerStatus, KubeClients, KubeResource, ResourceRef, Unsubscribe } from "./types";
import { readWatchEvents } from "./watch-lines";

export interface InformerOptions<T extends KubeResource = KubeResource> {
  name: string;
  resource: ResourceRef;
  /** The backend's clients: informers always read as the backend (design.md §4). */
  clients: KubeClients;
  logger: Logger;
  labelSelector?: string;
  fieldSelector?: string;
  indexers?: Record<string, IndexFn<T>>;
  /** Custom resources: check discovery first and report "not installed" instead of failing. */
  optional?: boolean;
  /** Server-side watch duration (default 60 s); the watch is resumed from the last resourceVersion. */
  watchTimeoutSeconds?: number;
  /** How often to re-check discovery while not installed (default 30 s). */
  installRecheckMs?: number;
  /** LIST page size (default 500). */
  pageSize?: number;
  /** Keep at most this many objects, dropping the oldest (events). */
  maxObjects?: number;
  /** Drops fields nobody reads (managedFields) to keep memory flat at scale. */
  transform?: (object: T) => T;
  backoff?: Backoff;
}

/** Thrown inside the loop when the watch says our resourceVersion is too old. */
class Expired extends Error {}
class NotServed extends Error {}

function stripManagedFields<T extends KubeResource>(object: T): T {
  if (object.metadata && "managedFields" in object.metadata) delete (object.metadata as Record<string, unknown>).managedFields;
  return object;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * list + watch mirror of one resource type (design.md §5). Lists in pages, then watches from the
 * list's resourceVersion with bookmarks; when the watch ends (server timeout, dropped connection,
 * client-node's 30 s cut) it resumes from the last resourceVersion it saw; a 410 Gone relists and
 * emits only the difference; other errors back off with jitter while the cache is marked stale.
 */
export function createInformer<T extends KubeResource = KubeResource>(options: InformerOptions<T>): Informer<T> {
  const { resource, clients, logger } = options;
  const store = new ObjectStore<T>(options.indexers);
  const listeners = new Set<(change: CacheChange<T>) => void>();
  const syncWaiters = new Set<() => void>();
  const backoff = options.backoff ?? createBackoff({ initialMs: 250, maxMs: 30_000 });
  const transform = options.transform ?? stripManagedFields;
  const watchTimeout = options.watchTimeoutSeconds ?? 60;
  const basePath = resource.group
    ? `/apis/${resource.group}/${resource.version}/${resource.plural}`
    : `/api/${resource.version}/${resource.plural}`;
  const apiVersion = resource.group ? `${resource.group}/${resource.version}` : resource.version;
  const log = logger.child({ informer: options.name });
  const status: InformerStatus = { name: options.name, synced: false, stale: true, installed: !options.optional, size: 0 };
  let resourceVersion: string | undefined;
  let controller: AbortController | undefined;

  const emit = (change: CacheChange<T>) => {
    status.size = store.size;
    for (const listener of listeners) {
      try {
        listener(change);
      } catch (err) {
        log.error("cache listener failed", { error: err });
      }
    }
  };
  const markSynced = () => {
    status.synced = true;
    for (const resolve of syncWaiters) resolve();
    syncWaiters.clear();
  };
  const setStale = (stale: boolean) => {
    if (!stale) status.lastError = undefined;
    if (status.stale === stale) return;
    status.stale = stale;
    emit({ type: "resynced" });
  };
  /**
   * Drops the oldest-changed objects over `maxObjects` and returns them as deletions: to a
   * listener an evicted object is gone just like a deleted one (an event that no longer explains
   * its deployment), so it must hear about it.
   */
  const enforceBound = (): CacheChange<T>[] => {
    const max = options.maxObjects;
    if (!max || store.size <= max) return [];
    const evicted: CacheChange<T>[] = [];
    // Oldest-changed first (insertion order); O(evicted), not O(size), per write.
    for (const key of store.keys()) {
      if (store.size <= max) break;
      const change = store.remove(key);
      if (change) evicted.push(change);
    }
    return evicted;
  };

  async function list(signal: AbortSignal): Promise<void> {
    const items: T[] = [];
    let continueToken: string | undefined;
    let listRv: string | undefined;
    do {
      const page = await clients.request<{ metadata?: { resourceVersion?: string; continue?: string }; items?: T[] }>({
        path: basePath,
        query: {
          labelSelector: options.labelSelector,
          fieldSelector: options.fieldSelector,
          limit: options.pageSize ?? 500,
          continue: continueToken,
        },
        signal,
      });
      // List items of built-in kinds come without apiVersion/kind; watch events carry them. Make
      // cached objects look the same whichever way they arrived.
      for (const item of page?.items ?? []) {
        item.apiVersion ??= apiVersion;
        item.kind ??= resource.kind;
        items.push(transform(item));
      }
      continueToken = page?.metadata?.continue || undefined;
      listRv = page?.metadata?.resourceVersion;
    } while (continueToken);
    const changes = store.replace(items);
    const evicted = enforceBound();
    resourceVersion = listRv;
    for (const change of [...changes, ...evicted]) emit(change);
    status.size = store.size;
    markSynced();
    setStale(false);
    emit({ type: "resynced" });
  }

  function apply(type: string, object: T): void {
    if (object.metadata?.resourceVersion) resourceVersion = object.metadata.resourceVersion;
    if (type === "BOOKMARK") return;
    const change = type === "DELETED" ? store.remove(keyOf(object), object) : store.upsert(transform(object));
    const evicted = type === "DELETED" ? [] : enforceBound();
    if (change) emit(change);
    for (const gone of evicted) emit(gone);
  }

  /** One watch request; returns normally when the server or the inactivity timer ends it. */
  async function watch(signal: AbortSignal): Promise<void> {
    const local = new AbortController();
    const abort = () => local.abort();
    signal.addEventListener("abort", abort);
    let idle: ReturnType<typeof setTimeout> | undefined;
    const armIdle = () => {
      clearTimeout(idle);
      idle = setTimeout(() => local.abort(), (watchTimeout + 30) * 1000);
    };
    try {
      armIdle();
      const res = await clients.stream({
        path: basePath,
        query: {
          watch: true,
          resourceVersion,
          allowWatchBookmarks: true,
          timeoutSeconds: watchTimeout,
          labelSelector: options.labelSelector,
          fieldSelector: options.fieldSelector,
        },
        signal: local.signal,
      });
      setStale(false);
      if (!res.body) return;
      for await (const event of readWatchEvents(res.body, armIdle)) {
        if (event.type === "ERROR") {
          if (event.object.code === 410) throw new Expired(event.object.message ?? "expired");
          throw statusToAppError(event.object.code ?? 500, event.object);
        }
        apply(event.type, event.object as T);
        backoff.reset();
      }
    } catch (err) {
      if (local.signal.aborted && !signal.aborted) return; // inactivity: resume from the last resourceVersion
      throw err;
    } finally {
      clearTimeout(idle);
      signal.removeEventListener("abort", abort);
    }
  }

  async function ensureServed(signal: AbortSignal): Promise<void> {
    if (!options.optional) return;
    const served = await isResourceServed(clients, resource);
    if (!served) throw new NotServed();
    if (!status.installed) {
      status.installed = true;
      emit({ type: "resynced" });
    }
    void signal;
  }

  /** CRD absent: hold nothing, count as synced ("not installed" is a known state), re-check later. */
  function markNotInstalled(): void {
    const changed = status.installed || !status.synced || status.stale;
    status.installed = false;
    resourceVersion = undefined;
    for (const change of store.replace([])) emit(change);
    markSynced();
    status.stale = false;
    status.lastError = undefined;
    if (!changed) return;
    log.info("resource not served; will check again", { resource: basePath });
    emit({ type: "resynced" });
  }

  async function run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        if (resourceVersion === undefined) {
          await ensureServed(signal);
          await list(signal);
        }
        const started = Date.now();
        await watch(signal);
        // A watch that ends at once without events would spin; pace it with the backoff.
        if (Date.now() - started < 1000) await sleep(backoff.next(), signal);
      } catch (err) {
        if (signal.aborted) return;
        if (err instanceof NotServed || (options.optional && toAppError(err).code === "not_found")) {
          markNotInstalled();
          await sleep(options.installRecheckMs ?? 30_000, signal);
          continue;
        }
        // 410 as a watch ERROR event (the usual form) or as an HTTP status (expired continue token).
        if (err instanceof Expired || err instanceof GoneError) {
          log.debug("watch expired; relisting", { resource: basePath });
          resourceVersion = undefined;
          setStale(true);
          continue;
        }
        const appError = toAppError(err);
        status.lastError = appError.message;
        setStale(true);
        const delay = backoff.next();
        log.warn("informer error; retrying", { resource: basePath, code: appError.code, message: appError.message, retryInMs: delay });
        await sleep(delay, signal);
      }
    }
  }

  return {
    name: options.name,
    resource,
    status: () => ({ ...status, size: store.size }),
    list: (namespace) => (namespace === undefined ? [...store.values()] : store.byIndex(NAMESPACE_INDEX, namespace)),
    get: (namespace, name) => store.get(objectKey(namespace, name)),
    byIndex: (index, value) => store.byIndex(index, value),
    namespaces: () => store.indexValues(NAMESPACE_INDEX),
    subscribe(listener): Unsubscribe {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    waitForSync(timeoutMs) {
      if (status.synced) return Promise.resolve(true);
      return new Promise((resolve) => {
        const done = () => {
          clearTimeout(timer);
          resolve(true);
        };
        const giveUp = () => {
          syncWaiters.delete(done);
          resolve(false);
        };
        const timer = timeoutMs === undefined ? undefined : setTimeout(giveUp, timeoutMs);
        syncWaiters.add(done);
      });
    },
    start() {
      if (controller) return;
      controller = new AbortController();
      void run(controller.signal);
    },
    stop() {
      controller?.abort();
      controller = undefined;
    },
  };
}
