/**
 * Exponential backoff with "full jitter" (AWS architecture blog, 2015): each delay is uniform in
 * [base·2^n / 2, base·2^n], capped. Half-jitter keeps a floor so a flapping apiserver is not hammered,
 * while the random half spreads reconnects of many informers/replicas apart.
 */
export interface BackoffOptions {
  /** First delay in ms (default 500). */
  initialMs?: number;
  /** Largest delay in ms (default 30 000, like client-go's reflector). */
  maxMs?: number;
  /** Source of randomness in [0, 1); tests pin it. */
  random?: () => number;
}

export interface Backoff {
  /** Delay before the next attempt; each call doubles the ceiling up to `maxMs`. */
  next(): number;
  /** Back to the first delay: call after a success. */
  reset(): void;
  /** Failed attempts since the last reset. */
  readonly attempts: number;
}

export function createBackoff(options: BackoffOptions = {}): Backoff {
  const initial = options.initialMs ?? 500;
  const max = options.maxMs ?? 30_000;
  const random = options.random ?? Math.random;
  let attempts = 0;
  return {
    next() {
      const ceiling = Math.min(max, initial * 2 ** Math.min(attempts, 30));
      attempts += 1;
      return Math.round(ceiling / 2 + random() * (ceiling / 2));
    },
    reset() {
      attempts = 0;
    },
    get attempts() {
      return attempts;
    },
  };
}
