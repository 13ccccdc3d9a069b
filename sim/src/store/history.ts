/**
 * A bounded, ordered history of store events so a watch can resume from a resourceVersion.
 * Like the apiserver's watch cache: resuming from a revision older than the retained window
 * is answered with 410 Expired `too old resource version: <rv> (<oldest>)`.
 */

import { expired } from "./errors";
import type { StoreEvent } from "./types";

export class EventHistory {
  private readonly buffer: StoreEvent[] = [];
  private start = 0;
  /** Highest revision that has been evicted; resuming from below this is impossible. */
  private compacted = 0;

  constructor(private readonly capacity: number) {}

  push(event: StoreEvent): void {
    this.buffer.push(event);
    if (this.buffer.length - this.start > this.capacity) {
      this.compacted = (this.buffer[this.start] as StoreEvent).resourceVersion;
      this.start++;
      // Drop the evicted prefix in batches so push stays O(1) amortised.
      if (this.start > 4096 && this.start * 2 > this.buffer.length) {
        this.buffer.splice(0, this.start);
        this.start = 0;
      }
    }
  }

  /** The oldest revision a watch may resume from. */
  get oldestResumable(): number {
    return this.compacted;
  }

  /** Forgets everything up to the current revision (fault injection: forced 410s). */
  compactTo(revision: number): void {
    this.compacted = Math.max(this.compacted, revision);
    while (this.start < this.buffer.length && (this.buffer[this.start] as StoreEvent).resourceVersion <= revision) this.start++;
  }

  /** Events with revision > `rv`, oldest first. Throws 410 Expired when `rv` predates the window. */
  since(rv: number): StoreEvent[] {
    if (rv < this.compacted) throw expired(`too old resource version: ${rv} (${this.compacted + 1})`);
    let lo = this.start;
    let hi = this.buffer.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.buffer[mid] as StoreEvent).resourceVersion <= rv) lo = mid + 1;
      else hi = mid;
    }
    return this.buffer.slice(lo);
  }
}

/** Store events fan-out: synchronous listeners plus the bounded history. */
export class EventBus {
  readonly history: EventHistory;
  private readonly listeners = new Set<(event: StoreEvent) => void>();

  constructor(historySize: number) {
    this.history = new EventHistory(historySize);
  }

  subscribe(listener: (event: StoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Records `event` and calls every listener; a throwing listener cannot break the write. */
  emit(event: StoreEvent): void {
    this.history.push(event);
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A broken listener must not break the write that triggered it.
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}
