/** One server-sent event as read off the wire. */
export interface SseEvent {
  id?: string;
  event?: string;
  data: string;
}

/**
 * Reads `url` as a server-sent event stream, calling `onEvent` per event (comments skipped) until
 * `signal` aborts. Resolves when the stream ends.
 */
export async function readSse(
  url: string,
  headers: Record<string, string>,
  signal: AbortSignal,
  onEvent: (e: SseEvent) => void,
): Promise<void> {
  const res = await fetch(url, { headers: { Accept: "text/event-stream", ...headers }, signal });
  if (!res.ok || !res.body) throw new Error(`stream answered HTTP ${res.status}`);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buffer += value;
      let split = buffer.indexOf("\n\n");
      while (split >= 0) {
        const block = buffer.slice(0, split);
        buffer = buffer.slice(split + 2);
        split = buffer.indexOf("\n\n");
        const event: SseEvent = { data: "" };
        const data: string[] = [];
        for (const line of block.split("\n")) {
          if (line.startsWith(":")) continue;
          const colon = line.indexOf(":");
          const field = colon < 0 ? line : line.slice(0, colon);
          const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
          if (field === "data") data.push(value);
          else if (field === "id") event.id = value;
          else if (field === "event") event.event = value;
        }
        if (data.length === 0 && !event.id) continue;
        event.data = data.join("\n");
        onEvent(event);
      }
    }
  } catch (err) {
    if (!signal.aborted) throw err;
  }
}
