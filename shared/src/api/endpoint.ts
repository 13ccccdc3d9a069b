import type { z } from "zod";

/** Who may call a route (design.md §4). */
export type Access = "public" | "cluster" | "user";

/**
 * One endpoint of the API: the backend registers its route from this and the client derives its
 * method from it, so the two cannot drift.
 */
export interface Endpoint {
  readonly method: "GET" | "POST" | "DELETE";
  /** Hono-style path with `:param` segments. */
  readonly path: string;
  readonly access: Access;
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  readonly response: z.ZodType;
  /** `sse`: the route answers with server-sent events instead of `response` (see `stream`). */
  readonly stream?: "sse";
  /** Statuses that count as success besides 200. */
  readonly successStatus?: 200 | 201;
}

type InputOf<S> = S extends z.ZodType ? z.input<S> : never;
type OutputOf<S> = S extends z.ZodType ? z.output<S> : never;

/** What a caller passes: only the parts the endpoint declares. */
export type RequestInput<E extends Endpoint> = (E["params"] extends z.ZodType ? { params: InputOf<E["params"]> } : unknown) &
  (E["query"] extends z.ZodType ? { query?: InputOf<E["query"]> } : unknown) &
  (E["body"] extends z.ZodType ? { body: InputOf<E["body"]> } : unknown);

/** What a handler receives once the input is validated. */
export type ParsedInput<E extends Endpoint> = {
  params: E["params"] extends z.ZodType ? OutputOf<E["params"]> : Record<string, never>;
  query: E["query"] extends z.ZodType ? OutputOf<E["query"]> : Record<string, never>;
  body: E["body"] extends z.ZodType ? OutputOf<E["body"]> : undefined;
};

export type ResponseOf<E extends Endpoint> = z.output<E["response"]>;
/** What a handler must return: the response schema's input (it is serialized as JSON). */
export type HandlerResult<E extends Endpoint> = z.input<E["response"]>;

/** Fills `:param` segments, encoding each value. */
export function buildPath(path: string, params: Record<string, string> | undefined): string {
  return path.replace(/:([A-Za-z]+)/g, (_, key: string) => {
    const value = params?.[key];
    if (value === undefined) throw new Error(`missing path parameter ${key}`);
    return encodeURIComponent(value);
  });
}
