import { AppError } from "../../errors";

export interface RetryOptions {
  attempts?: number;
  /** First delay in ms; doubled each attempt, with jitter. */
  baseDelayMs?: number;
}

/**
 * Retries an idempotent operation while the apiserver answers `upstream_unavailable` (5xx, 429,
 * network). Only operations that are safe to repeat use this: reads, and creates that recognise
 * their own earlier success (createOrAdopt). The last error is rethrown unchanged, still typed.
 */
export async function withRetry<T>(operation: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 3;
  const base = options.baseDelayMs ?? 40;
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (err) {
      const retryable = err instanceof AppError && err.code === "upstream_unavailable";
      if (!retryable || attempt >= attempts) throw err;
      const delay = base * 2 ** (attempt - 1) * (0.5 + Math.random());
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
