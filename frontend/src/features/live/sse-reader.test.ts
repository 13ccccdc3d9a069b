import { describe, expect, it } from "vitest";
import { readSse, type SseMessage } from "./sse-reader";

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

describe("readSse", () => {
  it("parses events split across chunks, joins multi-line data and skips comments", async () => {
    const messages: SseMessage[] = [];
    await readSse(streamOf([": keep-alive\n\nevent: upd", 'ate\ndata: {"a":1}\n\ndata: line 1\ndata: line 2\nid: 7\n\n']), (m) =>
      messages.push(m),
    );
    expect(messages).toEqual([
      { event: "update", data: '{"a":1}' },
      { event: "message", data: "line 1\nline 2", id: "7" },
    ]);
  });

  it("accepts CRLF line endings", async () => {
    const messages: SseMessage[] = [];
    await readSse(streamOf(["data: x\r\n\r\n"]), (m) => messages.push(m));
    expect(messages).toEqual([{ event: "message", data: "x" }]);
  });
});
