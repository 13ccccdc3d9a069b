/** One server-sent event as the wire delivers it. */
export interface SseMessage {
  event: string;
  data: string;
  id?: string;
}

/**
 * Parses a `text/event-stream` body (WHATWG HTML §9.2): `field: value` lines, events separated by
 * a blank line, multi-line `data` joined with "\n", comments (`:`) ignored. We read the body with
 * fetch rather than EventSource because EventSource cannot send the `Authorization` header.
 */
export async function readSse(body: ReadableStream<Uint8Array>, onMessage: (message: SseMessage) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let event = "";
  let data: string[] = [];
  let id: string | undefined;
  const dispatch = () => {
    if (data.length > 0) onMessage({ event: event || "message", data: data.join("\n"), ...(id ? { id } : {}) });
    event = "";
    data = [];
  };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let newline = buffer.search(/\r\n|\r|\n/);
    while (newline >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + (buffer.startsWith("\r\n", newline) ? 2 : 1));
      if (line === "") dispatch();
      else if (!line.startsWith(":")) {
        const colon = line.indexOf(":");
        const field = colon < 0 ? line : line.slice(0, colon);
        const rawValue = colon < 0 ? "" : line.slice(colon + 1);
        const fieldValue = rawValue.startsWith(" ") ? rawValue.slice(1) : rawValue;
        if (field === "event") event = fieldValue;
        else if (field === "data") data.push(fieldValue);
        else if (field === "id") id = fieldValue;
      }
      newline = buffer.search(/\r\n|\r|\n/);
    }
  }
}
