import type { DeploymentEvent } from "@kubeairunway/shared";
import type { DeploymentIndex, IndexChange } from "./deployment-index";

/** One numbered change, as `/api/stream` sends it. `namespace` decides who may see it. */
export interface FeedEntry {
  id: string;
  seq: number;
  namespace?: string;
  /** Deployment key; absent for feed-level events (`stale`). */
  key?: string;
  event: DeploymentEvent;
}

export interface ChangeFeedOptions {
  /** How many recent changes are kept for Last-Event-ID resume. */
  capacity?: number;
  /** Distinguishes this process's ids from an earlier one's, so a resume across restarts is detected. */
  epoch?: string;
}

/** What a subscriber gets first: the missed changes, or (when they are gone) a full snapshot. */
export type Replay = { kind: "changes"; entries: FeedEntry[] } | { kind: "snapshot"; entries: FeedEntry[] };

/**
 * Numbers every index change and keeps the most recent ones in a ring, so a reconnecting stream
 * resumes from `Last-Event-ID` without loss. When the id is unknown (too old, or from an earlier
 * process) the subscriber gets a snapshot instead — every current deployment as `added`, plus
 * `deleted` for every deployment removed since the ring began — which converges the same way a
 * Kubernetes watch without a resourceVersion does.
 */
export class ChangeFeed {
  private readonly capacity: number;
  readonly epoch: string;
  private readonly ring: FeedEntry[] = [];
  private seq = 0;
  private readonly listeners = new Set<(entry: FeedEntry) => void>();
  /** Deployments deleted while the ring has been kept: key → deleted event, for snapshots. */
  private readonly tombstones = new Map<string, FeedEntry>();
  private readonly unsubscribeIndex: () => void;

  constructor(
    private readonly index: DeploymentIndex,
    options: ChangeFeedOptions = {},
  ) {
    this.capacity = options.capacity ?? 20_000;
    this.epoch = options.epoch ?? Math.random().toString(36).slice(2, 10);
    this.unsubscribeIndex = index.subscribe((change) => this.onChange(change));
  }

  /** Id of the latest change; what a client that read a list would resume from. */
  get lastId(): string {
    return this.idOf(this.seq);
  }

  close(): void {
    this.unsubscribeIndex();
    this.listeners.clear();
  }

  /** Announces a cache freshness change to every subscriber. */
  publishStale(stale: boolean): void {
    this.push({ event: { type: "stale", stale } });
  }

  subscribe(listener: (entry: FeedEntry) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Changes after `lastEventId`, or a snapshot when they cannot be replayed exactly. */
  replay(lastEventId: string | undefined): Replay {
    const seq = this.parseId(lastEventId);
    const oldest = this.ring[0]?.seq ?? this.seq + 1;
    if (seq !== undefined && seq <= this.seq && seq >= oldest - 1) {
      return { kind: "changes", entries: this.ring.filter((e) => e.seq > seq) };
    }
    return { kind: "snapshot", entries: this.snapshot() };
  }

  private snapshot(): FeedEntry[] {
    const id = this.lastId;
    const out: FeedEntry[] = [...this.tombstones.values()].map((t) => ({ ...t, id }));
    for (const summary of this.index.summaries()) {
      out.push({ id, seq: this.seq, namespace: summary.namespace, event: { type: "added", deployment: summary } });
    }
    return out;
  }

  private onChange(change: IndexChange): void {
    if (change.type === "deleted") {
      const entry = this.push({
        namespace: change.namespace,
        key: change.key,
        event: { type: "deleted", namespace: change.namespace, name: change.name, runtime: change.runtime },
      });
      this.tombstones.set(change.key, entry);
      return;
    }
    this.tombstones.delete(change.key);
    this.push({ namespace: change.summary.namespace, key: change.key, event: { type: change.type, deployment: change.summary } });
  }

  private push(partial: Omit<FeedEntry, "id" | "seq">): FeedEntry {
    this.seq++;
    const entry: FeedEntry = { ...partial, seq: this.seq, id: this.idOf(this.seq) };
    this.ring.push(entry);
    // Trim in batches: one splice per quarter-capacity pushes instead of a memmove per change.
    if (this.ring.length > this.capacity * 1.25) this.ring.splice(0, this.ring.length - this.capacity);
    if (this.tombstones.size > this.capacity) {
      const oldest = this.tombstones.keys().next().value;
      if (oldest !== undefined) this.tombstones.delete(oldest);
    }
    for (const listener of this.listeners) listener(entry);
    return entry;
  }

  private idOf(seq: number): string {
    return `${this.epoch}-${seq}`;
  }

  private parseId(id: string | undefined): number | undefined {
    const match = id?.match(/^([a-z0-9]+)-(\d+)$/);
    if (!match || match[1] !== this.epoch) return undefined;
    return Number(match[2]);
  }
}
