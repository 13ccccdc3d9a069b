/**
 * Rate and quantile math over two scrapes, the way PromQL's `rate()` and `histogram_quantile()`
 * do it: counters and histogram buckets are cumulative, so what a dashboard shows is the
 * difference between two samples divided by the time between them — never the raw total.
 */
import type { PromSample } from "./prom-parser";

/** One cumulative histogram bucket: observations ≤ `le`. */
export interface Bucket {
  le: number;
  count: number;
}

/**
 * Increase of a counter between two samples. A smaller current value means the process restarted
 * and the counter began again from zero, so the whole current value is the increase (PromQL does
 * the same).
 */
export function counterIncrease(previous: number, current: number): number {
  return current >= previous ? current - previous : current;
}

/** Per-second rate of a counter between samples `seconds` apart; null when no time passed. */
export function ratePerSecond(previous: number, current: number, seconds: number): number | null {
  if (!(seconds > 0)) return null;
  return counterIncrease(previous, current) / seconds;
}

/**
 * The cumulative buckets of a histogram from its `_bucket` samples, summed over every series
 * (model, engine rank…) by `le`, sorted by bound. Empty when the histogram is absent.
 */
export function bucketsOf(samples: PromSample[]): Bucket[] {
  const byLe = new Map<number, number>();
  for (const s of samples) {
    const raw = s.labels.le;
    if (raw === undefined) continue;
    const le = raw === "+Inf" ? Number.POSITIVE_INFINITY : Number(raw);
    if (Number.isNaN(le) || Number.isNaN(s.value)) continue;
    byLe.set(le, (byLe.get(le) ?? 0) + s.value);
  }
  return [...byLe.entries()].sort((a, b) => a[0] - b[0]).map(([le, count]) => ({ le, count }));
}

/** Adds bucket lists bucket by bucket (pods of one deployment share bounds; others are kept apart). */
export function addBuckets(a: Bucket[], b: Bucket[]): Bucket[] {
  const byLe = new Map<number, number>();
  for (const { le, count } of [...a, ...b]) byLe.set(le, (byLe.get(le) ?? 0) + count);
  return [...byLe.entries()].sort((x, y) => x[0] - y[0]).map(([le, count]) => ({ le, count }));
}

/**
 * Observations that landed in each bucket between two scrapes (still cumulative by `le`). When any
 * bucket went down, the process restarted: the current buckets are the delta. Bounds that appear
 * in only one of the two are dropped, since no difference can be taken for them.
 */
export function bucketDelta(previous: Bucket[], current: Bucket[]): Bucket[] {
  const before = new Map(previous.map((b) => [b.le, b.count]));
  const paired = current.filter((b) => before.has(b.le));
  if (paired.some((b) => b.count < (before.get(b.le) ?? 0))) return current;
  return paired.map((b) => ({ le: b.le, count: b.count - (before.get(b.le) ?? 0) }));
}

/**
 * The q-quantile (0 ≤ q ≤ 1) of cumulative buckets, with PromQL's `histogram_quantile` rules:
 * linear interpolation inside the bucket that holds the rank, the lowest bucket starting at 0 (when
 * its bound is positive), and the highest finite bound when the rank falls in `+Inf`.
 * Null when there were no observations or there is no `+Inf` bucket.
 */
export function histogramQuantile(q: number, buckets: Bucket[]): number | null {
  if (buckets.length < 2 || q < 0 || q > 1) return null;
  const last = buckets[buckets.length - 1] as Bucket;
  if (last.le !== Number.POSITIVE_INFINITY) return null;
  // Buckets scraped mid-update can be slightly non-monotonic; force them up as Prometheus does.
  const counts: number[] = [];
  for (const [i, b] of buckets.entries()) counts.push(Math.max(b.count, i > 0 ? (counts[i - 1] as number) : 0));
  const total = counts[counts.length - 1] as number;
  if (!(total > 0)) return null;
  const rank = q * total;
  let i = counts.findIndex((c) => c >= rank);
  if (i < 0) i = counts.length - 1;
  if (i === buckets.length - 1) return (buckets[buckets.length - 2] as Bucket).le;
  const upper = (buckets[i] as Bucket).le;
  if (i === 0 && upper <= 0) return upper;
  const lower = i === 0 ? 0 : (buckets[i - 1] as Bucket).le;
  const below = i === 0 ? 0 : (counts[i - 1] as number);
  const inBucket = (counts[i] as number) - below;
  if (inBucket <= 0) return upper;
  return lower + (upper - lower) * ((rank - below) / inBucket);
}
