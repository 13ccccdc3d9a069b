/**
 * A bounded audit log of writes (HTTP writes, including rejected ones, and controller writes),
 * readable at GET /sim/v1/audit with the admin token so tests can prove who did what.
 */

export interface AuditEntry {
  time: string;
  user: string;
  groups: string[];
  /** Set when the request was made with Impersonate-User by another identity. */
  impersonatedBy?: string;
  verb: string;
  apiGroup: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  code: number;
  dryRun?: boolean;
}

export interface AuditQuery {
  user?: string;
  verb?: string;
  resource?: string;
  namespace?: string;
  limit?: number;
}

export class AuditLog {
  private entries: AuditEntry[] = [];

  constructor(private readonly capacity = 50_000) {}

  record(entry: AuditEntry): void {
    this.entries.push(entry);
    if (this.entries.length > this.capacity * 1.25) this.entries = this.entries.slice(-this.capacity);
  }

  /** Entries oldest first, filtered; `limit` keeps the newest N. */
  query(q: AuditQuery = {}): AuditEntry[] {
    let out = this.entries.filter(
      (e) =>
        (q.user === undefined || e.user === q.user) &&
        (q.verb === undefined || e.verb === q.verb) &&
        (q.resource === undefined || e.resource === q.resource) &&
        (q.namespace === undefined || e.namespace === q.namespace),
    );
    if (q.limit !== undefined && q.limit >= 0) out = out.slice(-q.limit);
    return out.map((e) => ({ ...e }));
  }

  get size(): number {
    return this.entries.length;
  }
}
