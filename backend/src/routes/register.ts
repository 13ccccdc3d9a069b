import { type Endpoint, type HandlerResult, issuesFromZod, type ParsedInput } from "@kubeairunway/shared";
import type { Context, Hono } from "hono";
import type { z } from "zod";
import type { Identity } from "../auth/identity";
import { InvalidInputError } from "../errors";
import type { AppEnv } from "../types";

export interface RouteContext<E extends Endpoint> extends ParsedInput<E> {
  identity: Identity;
  c: Context<AppEnv>;
}

type Handler<E extends Endpoint> = (ctx: RouteContext<E>) => Promise<HandlerResult<E> | Response> | HandlerResult<E> | Response;

function parsePart(schema: z.ZodType | undefined, value: unknown, location: "params" | "query" | "body") {
  if (!schema) return location === "body" ? undefined : {};
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = issuesFromZod(result.error, location);
  const first = issues[0];
  throw new InvalidInputError(`invalid ${location}: ${first ? `${first.path}: ${first.message}` : "rejected"}`, issues);
}

async function readJsonBody(c: Context<AppEnv>): Promise<unknown> {
  const text = await c.req.text();
  if (!text)
    throw new InvalidInputError("invalid body: a JSON body is required", [{ path: "body", message: "required", location: "body" }]);
  try {
    return JSON.parse(text);
  } catch {
    throw new InvalidInputError("invalid body: malformed JSON", [{ path: "body", message: "malformed JSON", location: "body" }]);
  }
}

/**
 * Registers one contract endpoint: validates params, query and body with the contract's schemas,
 * resolves the caller's identity for the endpoint's access level, and types the handler's result
 * against the contract's response — a handler that drifts from the contract does not compile.
 */
export function register<E extends Endpoint>(app: Hono<AppEnv>, endpoint: E, handler: NoInfer<Handler<E>>): void {
  const method = endpoint.method.toLowerCase() as "get" | "post" | "delete";
  app[method](endpoint.path, async (c) => {
    const identity = await c.var.deps.access.identify(c.req.raw, endpoint.access);
    const params = parsePart(endpoint.params, c.req.param(), "params");
    const query = parsePart(endpoint.query, c.req.query(), "query");
    const body = endpoint.body ? parsePart(endpoint.body, await readJsonBody(c), "body") : undefined;
    const result = await handler({ params, query, body, identity, c } as RouteContext<E>);
    if (result instanceof Response) return result;
    return c.json(result as object, (endpoint.successStatus ?? 200) as 200);
  });
}
