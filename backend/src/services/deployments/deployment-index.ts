import type { DeploymentSummary, RuntimeId } from "@kubeairunway/shared";
import type { KubeObject, KubePod, Provider } from "@kubeairunway/shared/providers/types";
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
    return this.entries.get(deploymentKey(runtime, namespace, name));
  }

  /** Namespaces that hold at least one deployment of `runtime` (what visibility checks ask about). */
  namespaces(runtime: RuntimeId): Iterable<string> {
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

  private apply(change: DeploymentChange): void {
    if (change.type === "resynced") {
      this.rebuild();
      return;
    }
    const { runtime, namespace, name } = change;
    if (!runtime || !namespace || !name) return;
    const key = deploymentKey(runtime, namespace, name);
    if (change.type === "deleted") {
      const entry = this.entries.get(key);
      if (entry) this.remove(key, entry);
      return;
    }
    const resource = change.resource ?? this.cache.deployment(namespace, name, runtime)?.resource;
    if (resource) this.upsert(runtime, resource);
  }

  private upsert(runtime: RuntimeId, resource: KubeResource): DeploymentKey | undefined {
    const { namespace, name } = resource.metadata ?? {};
    if (!namespace || !name) return undefined;
    const key = deploymentKey(runtime, namespace, name);
    const pods = this.cache.podsOf(runtime, namespace, name) as KubePod[];
    const summary = this.providers[runtime].summarize(resource as KubeObject, pods, { now: this.now() });
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
