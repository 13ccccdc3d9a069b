import type { DeploymentSummary, RuntimeId } from "@kubeairunway/shared";
import type { KubeEvent, KubeObject, KubePod, Provider } from "@kubeairunway/shared/providers/types";
import type { ClusterCache, DeploymentChange, KubeResource, Unsubscribe } from "../../kube/types";

/** `<runtime>/<namespace>/<name>`: one deployment, whatever its runtime. */
export type DeploymentKey = string;

export function deploymentKey(runtime: RuntimeId, namespace: string, name: string): DeploymentKey {
  return `${runtime}/${namespace}/${name}`;
}

/** What changed in the index: the new summary, or the identity of what went away. */
export type IndexChange =
  | { type: "added" | "updated"; key: DeploymentKey; summary: DeploymentSummary }
  | { type: "deleted"; key: DeploymentKey; namespace: string; name: string; runtime: RuntimeId };

/** A summary and its JSON text, computed once per change and reused by every list response. */
export interface IndexEntry {
  runtime: RuntimeId;
  summary: DeploymentSummary;
  json: string;
}

/** Longest the index waits for the cache's first complete sync before summarizing anyway. */
const SETTLE_LIMIT_MS = 5_000;

export type ProviderRegistry = Readonly<Record<RuntimeId, Provider>>;

export interface DeploymentIndexOptions {
  cache: ClusterCache;
  providers: ProviderRegistry;
  now?: () => number;
}

/**
 * Every deployment's summary, precomputed and kept current from the cluster cache's change
 * notifications, so a list request never touches the cluster and never recomputes a status.
 * A change to one deployment (its resource, a pod, an event) re-summarizes only that deployment;
 * a resync rebuilds everything and reports what appeared, changed or vanished.
 */
export class DeploymentIndex {
  private readonly entries = new Map<DeploymentKey, IndexEntry>();
  /** runtime → namespace → number of deployments: visibility checks ask about these namespaces. */
  private readonly namespaceCounts = new Map<RuntimeId, Map<string, number>>();
  private readonly listeners = new Set<(change: IndexChange) => void>();
  private readonly cache: ClusterCache;
  private readonly providers: ProviderRegistry;
  private readonly now: () => number;
  private revision = 0;
  private unsubscribe?: Unsubscribe;
  private readonly dirty = new Map<DeploymentKey, { runtime: RuntimeId; namespace: string; name: string }>();
  private rebuildPending = false;
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private waitingSince: number | undefined;

  constructor(options: DeploymentIndexOptions) {
    this.cache = options.cache;
    this.providers = options.providers;
    this.now = options.now ?? Date.now;
  }

  /** Loads what the cache holds and follows its changes. */
  start(): void {
    if (this.unsubscribe) return;
    this.unsubscribe = this.cache.subscribe((change) => this.apply(change));
    this.rebuild();
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
  }

  /** Increases on every change that altered a summary; list caches compare it. */
  get version(): number {
    return this.revision;
  }

  get size(): number {
    return this.entries.size;
  }

  subscribe(listener: (change: IndexChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  entriesView(): IterableIterator<IndexEntry> {
    return this.entries.values();
  }

  *summaries(): IterableIterator<DeploymentSummary> {
    for (const entry of this.entries.values()) yield entry.summary;
  }

  get(runtime: RuntimeId, namespace: string, name: string): IndexEntry | undefined {
    this.flush();
    return this.entries.get(deploymentKey(runtime, namespace, name));
  }

  /** Namespaces that hold at least one deployment of `runtime` (what visibility checks ask about). */
  namespaces(runtime: RuntimeId): Iterable<string> {
    this.flush();
    return this.namespaceCounts.get(runtime)?.keys() ?? [];
  }

  /** Recomputes every summary: time-based phases (e.g. "failing for five minutes") move on a tick. */
  rebuild(): void {
    const seen = new Set<DeploymentKey>();
    for (const { runtime, resource } of this.cache.deployments()) {
      const key = this.upsert(runtime, resource);
      if (key) seen.add(key);
    }
    for (const [key, entry] of [...this.entries]) if (!seen.has(key)) this.remove(key, entry);
  }

  /**
   * Applies pending changes now. Readers call this first, so a read right after a write in this
   * process sees it; otherwise the flush runs on the next macrotask.
   */
  flush(): void {
    if (!this.settled()) return;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.rebuildPending) {
      this.rebuildPending = false;
      this.dirty.clear();
      this.rebuild();
      return;
    }
    const dirty = [...this.dirty.values()];
    this.dirty.clear();
    for (const { runtime, namespace, name } of dirty) {
      const key = deploymentKey(runtime, namespace, name);
      const resource = this.cache.deployment(namespace, name, runtime)?.resource;
      if (resource) this.upsert(runtime, resource);
      else {
        const entry = this.entries.get(key);
        if (entry) this.remove(key, entry);
      }
    }
  }

  /**
   * Changes are coalesced per deployment and applied in one batch: while the informers list
   * thousands of pods, each deployment is summarized once instead of once per pod.
   */
  private apply(change: DeploymentChange): void {
    if (change.type === "resynced") this.rebuildPending = true;
    else {
      const { runtime, namespace, name } = change;
      if (!runtime || !namespace || !name) return;
      this.dirty.set(deploymentKey(runtime, namespace, name), { runtime, namespace, name });
    }
    this.schedule();
  }

  /**
   * Until the cache has listed everything once, summarizing per arriving page would recompute
   * each deployment as its pods trickle in (and slow the informers down); the first flush after
   * the initial sync is one full rebuild instead.
   */
  private schedule(): void {
    if (this.flushTimer) return;
    const synced = this.settled();
    if (!synced) this.rebuildPending = true;
    this.flushTimer = setTimeout(
      () => {
        this.flushTimer = undefined;
        if (this.settled()) this.flush();
        else this.schedule();
      },
      synced ? 0 : 25,
    );
  }

  /**
   * The cache has listed everything once — or has been trying for longer than SETTLE_LIMIT_MS
   * (an informer that keeps failing must not keep every other deployment out of the index).
   */
  private settled(): boolean {
    if (this.cache.ready()) return true;
    this.waitingSince ??= Date.now();
    return Date.now() - this.waitingSince > SETTLE_LIMIT_MS;
  }

  private upsert(runtime: RuntimeId, resource: KubeResource): DeploymentKey | undefined {
    const { namespace, name } = resource.metadata ?? {};
    if (!namespace || !name) return undefined;
    const key = deploymentKey(runtime, namespace, name);
    const pods = this.cache.podsOf(runtime, namespace, name) as KubePod[];
    // Events come from the cache's involved-object index (no API call), and an event change
    // already re-summarizes its deployment: with them the row explains what the detail view does.
    const events = this.cache.eventsOf(runtime, namespace, name) as KubeEvent[];
    const summary = this.providers[runtime].summarize(resource as KubeObject, pods, events, { now: this.now() });
    const json = JSON.stringify(summary);
    const previous = this.entries.get(key);
    if (previous?.json === json) return key;
    this.entries.set(key, { runtime, summary, json });
    if (!previous) this.count(runtime, namespace, 1);
    this.revision++;
    this.emit({ type: previous ? "updated" : "added", key, summary });
    return key;
  }

  private remove(key: DeploymentKey, entry: IndexEntry): void {
    this.entries.delete(key);
    this.revision++;
    const { namespace, name } = entry.summary;
    this.count(entry.runtime, namespace, -1);
    this.emit({ type: "deleted", key, namespace, name, runtime: entry.runtime });
  }

  private count(runtime: RuntimeId, namespace: string, delta: number): void {
    let counts = this.namespaceCounts.get(runtime);
    if (!counts) {
      counts = new Map();
      this.namespaceCounts.set(runtime, counts);
    }
    const next = (counts.get(namespace) ?? 0) + delta;
    if (next > 0) counts.set(namespace, next);
    else counts.delete(namespace);
  }

  private emit(change: IndexChange): void {
    for (const listener of this.listeners) listener(change);
  }
}
