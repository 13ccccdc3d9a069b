import { type Contract, contract, type ErrorCode, errorStatus } from "@kubeairunway/shared";
import type { z } from "zod";

type Name = keyof Contract;
/** What a handler sees of the request: path params, query and the parsed JSON body. */
export interface MockRequest {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  headers: Headers;
}
type Reply<N extends Name> = z.input<Contract[N]["response"]> | MockError | Response;
export type Handlers = { [N in Name]?: (req: MockRequest) => Reply<N> | Promise<Reply<N>> };

/** A non-2xx answer in the shared error body shape. */
export class MockError {
  constructor(
    readonly code: ErrorCode,
    readonly message: string,
    readonly details?: unknown,
  ) {}
}

function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const names: string[] = [];
  const source = pattern.replace(/:([A-Za-z]+)/g, (_, n: string) => {
    names.push(n);
    return "([^/]+)";
  });
  const regex = new RegExp(`^${source}$`);
  const m = regex.exec(path);
  if (!m) return undefined;
  return Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1] ?? "")]));
}

/**
 * A `fetch` that answers like the backend: routes by the shared contract, validates every success
 * body against the endpoint's response schema (a fixture that drifts from the contract fails the
 * test), and writes errors in the shared `{error:{code,message,details}}` shape.
 */
export function mockFetch(handlers: Handlers) {
  const calls: { name: Name; url: string; init: RequestInit }[] = [];
  const fetchFn = async (input: string, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(input, "http://localhost");
    const method = init.method ?? "GET";
    for (const [name, endpoint] of Object.entries(contract) as [Name, Contract[Name]][]) {
      if (endpoint.method !== method) continue;
      const params = matchPath(endpoint.path, url.pathname);
      if (!params) continue;
      calls.push({ name, url: url.pathname + url.search, init });
      const handler = handlers[name] as ((req: MockRequest) => unknown) | undefined;
      if (!handler) return errorResponse(new MockError("not_found", `no mock for ${name}`));
      const body = typeof init.body === "string" ? JSON.parse(init.body) : undefined;
      const reply = await handler({ params, query: url.searchParams, body, headers: new Headers(init.headers) });
      if (reply instanceof Response) return reply;
      if (reply instanceof MockError) return errorResponse(reply);
      const parsed = endpoint.response.parse(reply);
      return new Response(JSON.stringify(parsed), { status: "successStatus" in endpoint ? endpoint.successStatus : 200 });
    }
    return errorResponse(new MockError("not_found", `no route for ${method} ${url.pathname}`));
  };
  return { fetch: fetchFn, calls };
}

function errorResponse(e: MockError): Response {
  const body = { error: { code: e.code, message: e.message, ...(e.details === undefined ? {} : { details: e.details }) } };
  return new Response(JSON.stringify(body), { status: errorStatus[e.code], headers: { "Content-Type": "application/json" } });
}

/** A `text/event-stream` response whose events the test pushes when it wants. */
export function sseResponse() {
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
  });
  return {
    response: new Response(body, { headers: { "Content-Type": "text/event-stream" } }),
    send: (data: unknown, event?: string) =>
      controller.enqueue(
        encoder.encode(`${event ? `event: ${event}\n` : ""}data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`),
      ),
    close: () => controller.close(),
  };
}
