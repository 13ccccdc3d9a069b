import { type ApiClient, ApiError } from "@kubeairunway/shared";
import { readSse, type SseMessage } from "./sse-reader";

export interface StreamOptions {
  api: ApiClient;
  /** A URL built by `api.url(...)` for a streaming endpoint. */
  url: string;
  signal: AbortSignal;
  onMessage: (message: SseMessage) => void;
  onOpen?: () => void;
  /** Called when the connection drops; `retryInMs` is undefined when it will not retry. */
  onDrop?: (error: ApiError, retryInMs: number | undefined) => void;
  /** Backoff steps; the last one repeats. */
  delaysMs?: number[];
  /** Reconnect after the server ends the stream normally (the live stream), or stop (a log that ended). */
  reconnectOnEnd?: boolean;
}

const DEFAULT_DELAYS = [1000, 2000, 5000];
/** Errors a retry cannot fix: the user must sign in again or the request is wrong. */
const FATAL = new Set(["unauthenticated", "forbidden", "not_found", "invalid_input"]);

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

/**
 * Keeps a server-sent-events connection open through the shared client's transport and Bearer
 * header, reconnecting with backoff until aborted. Resolves when it stops for good.
 */
export async function connectStream(options: StreamOptions): Promise<void> {
  const { api, url, signal, delaysMs = DEFAULT_DELAYS } = options;
  let attempt = 0;
  // Sent on reconnect so the server replays only what was missed (SSE's own resume mechanism).
  let lastEventId: string | undefined;
  const onMessage = (message: SseMessage) => {
    if (message.id) lastEventId = message.id;
    options.onMessage(message);
  };
  while (!signal.aborted) {
    let error: ApiError;
    try {
      const headers: Record<string, string> = { Accept: "text/event-stream", ...api.headers() };
      if (lastEventId) headers["Last-Event-ID"] = lastEventId;
      const res = await api.fetch(url, { headers, signal });
      if (!res.ok) throw await ApiError.fromResponse(res);
      if (!res.body) throw new ApiError(502, "upstream_unavailable", "the stream had no body");
      attempt = 0;
      options.onOpen?.();
      await readSse(res.body, onMessage);
      if (!options.reconnectOnEnd) return;
      error = new ApiError(0, "upstream_unavailable", "the live stream ended");
    } catch (err) {
      if (signal.aborted) return;
      error =
        err instanceof ApiError
          ? err
          : new ApiError(0, "upstream_unavailable", `cannot reach the backend: ${(err as Error)?.message ?? err}`);
    }
    if (FATAL.has(error.code)) {
      options.onDrop?.(error, undefined);
      return;
    }
    const delay = delaysMs[Math.min(attempt, delaysMs.length - 1)] ?? 5000;
    attempt += 1;
    options.onDrop?.(error, delay);
    await sleep(delay, signal);
  }
}
