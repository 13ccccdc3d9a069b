import { describe, expect, it } from "vitest";
import { parseWatchLine, readWatchEvents } from "./watch-lines";

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const c of chunks) controller.enqueue(encoder.encode(c));
      controller.close();
    },
  });
}

describe("watch line parsing", () => {
  it("reassembles events split across chunks and ignores garbage", async () => {
    const a = JSON.stringify({ type: "ADDED", object: { metadata: { name: "a", resourceVersion: "5" } } });
    const b = JSON.stringify({ type: "BOOKMARK", object: { metadata: { resourceVersion: "9" } } });
    const chunks = [a.slice(0, 10), `${a.slice(10)}\nnot json\n`, `${b}\n`, '{"type":"WHAT","object":{}}\n'];
    const events = [];
    for await (const e of readWatchEvents(streamOf(chunks))) events.push(e);
    expect(events.map((e) => [e.type, e.object.metadata?.resourceVersion])).toEqual([
      ["ADDED", "5"],
      ["BOOKMARK", "9"],
    ]);
  });

  it("reads a final event without a trailing newline and an ERROR with its code", async () => {
    const err = JSON.stringify({ type: "ERROR", object: { kind: "Status", code: 410, reason: "Expired", message: "too old" } });
    const events = [];
    for await (const e of readWatchEvents(streamOf([err]))) events.push(e);
    expect(events[0]?.object.code).toBe(410);
    expect(parseWatchLine("   ")).toBeUndefined();
  });
});
