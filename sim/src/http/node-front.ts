/**
 * Serves a fetch-style handler (`Request` → `Response`) through node:http / node:https.
 *
 * Why not Bun.serve: for a streamed body, Bun.serve (1.4.5) withholds the end of the response head
 * (`Transfer-Encoding`, the blank line) until the stream's first non-empty chunk, and has no
 * `flushHeaders()` (oven-sh/bun#33660). A followed log of a quiet container or a watch with no
 * events would then leave the client without a status for as long as nothing happens, whereas the
 * real apiserver answers `200` at once. node:http commits the head with `flushHeaders()`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createTlsServer } from "node:https";

/** What the front calls per request. Must not throw (errors become responses inside it). */
export type FetchHandler = (request: Request) => Promise<Response>;

export interface NodeFront {
  port: number;
  stop(): Promise<void>;
}

async function readAll(req: IncomingMessage): Promise<Buffer | undefined> {
  if (req.method === "GET" || req.method === "HEAD") return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return chunks.length > 0 ? Buffer.concat(chunks) : undefined;
}

function toRequest(req: IncomingMessage, body: Buffer | undefined, signal: AbortSignal, scheme: string): Request {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i] as string, req.rawHeaders[i + 1] as string);
  return new Request(`${scheme}://${req.headers.host ?? "127.0.0.1"}${req.url ?? "/"}`, {
    method: req.method ?? "GET",
    headers,
    signal,
    // A copy into a plain ArrayBuffer: every DOM lib version accepts that as a BodyInit, a Buffer not always.
    ...(body ? { body: Uint8Array.from(body) } : {}),
  });
}

/** Writes `response` to `res`: the head at once (flushed), then the body as it comes. */
async function send(response: Response, res: ServerResponse, closed: AbortSignal): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    headers[key] = value;
  });
  if (!response.body) {
    res.writeHead(response.status, headers);
    res.end();
    return;
  }
  const streamed = response.body;
  res.writeHead(response.status, headers);
  res.flushHeaders();
  const reader = streamed.getReader();
  closed.addEventListener("abort", () => {
    reader.cancel().catch(() => {});
  });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (value.byteLength > 0 && !res.write(value)) await new Promise((resolve) => res.once("drain", resolve));
    }
  } catch {
    // The client went away (the reader was cancelled) or the stream failed: end what was sent.
  }
  res.end();
}

function listener(handler: FetchHandler, scheme: string) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const closed = new AbortController();
    res.on("close", () => closed.abort());
    void (async () => {
      const body = await readAll(req);
      const response = await handler(toRequest(req, body, closed.signal, scheme));
      await send(response, res, closed.signal);
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  };
}

/** A port free on 127.0.0.1 right now, found by binding and releasing it synchronously. */
function freePort(): number {
  const probe = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
  const { port } = probe;
  probe.stop(true);
  return port;
}

/**
 * Serves `handler` on 127.0.0.1:`port` (0 = any), over TLS when `tls` is given. The bound port is
 * known on return.
 */
export function serveNode(handler: FetchHandler, port: number, tls?: { cert: string; key: string }): NodeFront {
  const server: Server = tls ? createTlsServer(tls, listener(handler, "https")) : createServer(listener(handler, "http"));
  // Watches and followed logs stay open for minutes with little traffic: no timeouts.
  server.requestTimeout = 0;
  server.headersTimeout = 0;
  server.timeout = 0;
  server.keepAliveTimeout = 60_000;
  // Under Bun, node:http's address() can still be null right after listen(): choose the port
  // first (Bun.listen binds synchronously), so the bound port is known without waiting.
  const chosen = port === 0 ? freePort() : port;
  server.listen(chosen, "127.0.0.1");
  return {
    port: chosen,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
