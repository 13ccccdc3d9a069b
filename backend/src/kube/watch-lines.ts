import type { KubeResource } from "./types";

/** One watch event as the apiserver sends it, one JSON object per line (kube-api.md §4). */
export interface WatchEvent {
  type: "ADDED" | "MODIFIED" | "DELETED" | "BOOKMARK" | "ERROR";
  object: KubeResource & { code?: number; message?: string; reason?: string };
}

const TYPES = new Set(["ADDED", "MODIFIED", "DELETED", "BOOKMARK", "ERROR"]);

/** Parses one line; undefined for blank or malformed lines (skipped, like client-go's decoder would fail). */
export function parseWatchLine(line: string): WatchEvent | undefined {
  const text = line.trim();
  if (!text) return undefined;
  try {
    const event = JSON.parse(text) as { type?: unknown; object?: unknown };
    if (typeof event.type !== "string" || !TYPES.has(event.type)) return undefined;
    if (!event.object || typeof event.object !== "object") return undefined;
    return event as WatchEvent;
  } catch {
    return undefined;
  }
}

/**
 * Reads a streaming body line by line and yields parsed events. `onChunk` fires on every chunk
 * (the informer uses it to reset its inactivity timer).
 */
export async function* readWatchEvents(body: ReadableStream<Uint8Array>, onChunk?: () => void): AsyncGenerator<WatchEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      onChunk?.();
      buffer += decoder.decode(value, { stream: true });
      let newline = buffer.indexOf("\n");
      while (newline >= 0) {
        const event = parseWatchLine(buffer.slice(0, newline));
        buffer = buffer.slice(newline + 1);
        if (event) yield event;
        newline = buffer.indexOf("\n");
      }
    }
    const last = parseWatchLine(buffer + decoder.decode());
    if (last) yield last;
  } finally {
    reader.releaseLock();
    await body.cancel().catch(() => undefined);
  }
}
