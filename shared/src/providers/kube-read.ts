import type { Condition } from "../schemas/common";
import type { KubeEvent, KubeObject, Timestamp } from "./types";

/** Milliseconds since the epoch, or undefined for a missing/invalid timestamp. */
export function toMillis(t: Timestamp | undefined): number | undefined {
  if (t === undefined || t === null) return undefined;
  const ms = t instanceof Date ? t.getTime() : Date.parse(t);
  return Number.isNaN(ms) ? undefined : ms;
}

/** RFC 3339 string for a timestamp, or undefined. */
export function toIso(t: Timestamp | undefined): string | undefined {
  const ms = toMillis(t);
  return ms === undefined ? undefined : new Date(ms).toISOString();
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Reads a nested field without trusting the object's shape. */
export function pick(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!isRecord(current)) return undefined;
    current = current[key];
  }
  return current;
}

export function pickString(value: unknown, ...path: string[]): string | undefined {
  const v = pick(value, ...path);
  return typeof v === "string" ? v : undefined;
}

export function pickNumber(value: unknown, ...path: string[]): number | undefined {
  const v = pick(value, ...path);
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && /^\d+$/.test(v)) return Number(v);
  return undefined;
}

/** `status.conditions` in the shared Condition shape, dropping malformed entries. */
export function conditionsOf(resource: KubeObject): Condition[] {
  const raw = pick(resource, "status", "conditions");
  if (!Array.isArray(raw)) return [];
  const out: Condition[] = [];
  for (const c of raw) {
    if (!isRecord(c) || typeof c.type !== "string") continue;
    const status = c.status === "True" || c.status === "False" ? c.status : "Unknown";
    const condition: Condition = { type: c.type, status };
    if (typeof c.reason === "string" && c.reason) condition.reason = c.reason;
    if (typeof c.message === "string" && c.message) condition.message = c.message;
    const at = toIso(c.lastTransitionTime as Timestamp | undefined);
    if (at) condition.lastTransitionTime = at;
    out.push(condition);
  }
  return out;
}

export function findCondition(conditions: readonly Condition[], type: string): Condition | undefined {
  return conditions.find((c) => c.type === type);
}

/** Annotation value, if the object carries it. */
export function annotation(resource: KubeObject, key: string): string | undefined {
  return resource.metadata?.annotations?.[key];
}

/** Event text in any of the accepted shapes. */
export function eventMessage(event: KubeEvent): string {
  return event.message ?? event.note ?? "";
}

export function eventObject(event: KubeEvent): { kind?: string; name?: string } {
  return event.involvedObject ?? event.regarding ?? event.object ?? {};
}

export function eventTime(event: KubeEvent): number {
  return (
    toMillis(event.lastTimestamp ?? event.lastSeen ?? event.eventTime ?? event.firstTimestamp ?? event.metadata?.creationTimestamp) ?? 0
  );
}

/** First sentence-ish line of a long operator message (tracebacks, reconcile errors). */
export function firstLine(text: string, max = 300): string {
  const line = (text.split("\n").find((l) => l.trim()) ?? "").trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
