/**
 * The sim's HTTP front: node:http on 127.0.0.1 (plain http, plus https for kubectl), then per request: health, faults, authentication,
 * impersonation, and routing to discovery/OpenAPI, resources or the sim's control API.
 */

import { AuditLog } from "../audit-log";
import { Faults } from "../faults";
import { Authorizer } from "../rbac/authorizer";
import type { TokenTable } from "../rbac/tokens";
import type { PodBackendRegistry } from "../runtime-hooks";
import { StatusError } from "../store/errors";
import type { ObjectStore } from "../store/store";
import { selfSignedCertificate } from "../tls/self-signed";
import { authenticate, impersonate } from "./authn";
import type { RequestContext, SimApi } from "./context";
import { discovery } from "./discovery";
import { serveNode } from "./node-front";
import { openapiV3 } from "./openapi";
import { handleResource } from "./resources";
import { parseRoute } from "./router";
import { handleSimApi } from "./sim-api";
import { errorResponse, json } from "./status";

export interface SimServerOptions {
  store: ObjectStore;
  tokens: TokenTable;
  podBackends: PodBackendRegistry;
  faults?: Faults;
  audit?: AuditLog;
  authorizer?: Authorizer;
  /** Plain-HTTP port; 0 = any free port. */
  port?: number;
  /** HTTPS port (self-signed, for kubectl); 0 = any free port. */
  httpsPort?: number;
}

export interface SimServer {
  /** Plain http (client-node, fetch). */
  url: string;
  /** https with a throwaway self-signed certificate: kubectl only sends tokens over TLS. */
  httpsUrl: string;
  port: number;
  api: SimApi;
  stop(): Promise<void>;
}

const HEALTH = new Set(["/healthz", "/livez", "/readyz"]);
const notFoundPath = () => new StatusError({ message: "the server could not find the requested resource", reason: "NotFound", code: 404 });

function injectedError(api: SimApi): Response {
  const { errorStatus, retryAfterSeconds } = api.faults.current;
  const retry = { "Retry-After": String(retryAfterSeconds) };
  if (errorStatus === 429) {
    return new Response("Too many requests, please try again later.\n", {
      status: 429,
      headers: { "Content-Type": "text/plain; charset=utf-8", ...retry },
    });
  }
  const reason = errorStatus === 503 ? "ServiceUnavailable" : "InternalError";
  const message = errorStatus === 503 ? "the server is currently unable to handle the request" : "Internal error occurred: injected fault";
  return json(
    {
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message,
      reason,
      details: { retryAfterSeconds },
      code: errorStatus,
    },
    errorStatus,
    retry,
  );
}

/** Handles one request; never throws (errors become Status responses). */
export async function handle(api: SimApi, req: Request): Promise<Response> {
  const url = new URL(req.url);
  const path = url.pathname;
  try {
    if (HEALTH.has(path))
      return new Response("ok", { headers: { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff" } });
    const isControl = path.startsWith("/sim/");
    if (!isControl) {
      const latency = api.faults.latencyFor(path);
      if (latency > 0) await Bun.sleep(latency);
      if (api.faults.shouldFail(path)) return injectedError(api);
    }
    const caller = authenticate(api, req);
    const { user, impersonatedBy } = impersonate(api, req, caller);
    const ctx: RequestContext = { api, req, url, user, ...(impersonatedBy ? { impersonatedBy } : {}) };
    if (isControl) return await handleSimApi(ctx);
    const route = parseRoute(path);
    if (route.type === "resource") return await handleResource(ctx, route);
    if (!api.authorizer.authorize(user, { verb: "get", path }).allowed) {
      return errorResponse(
        new StatusError({ message: `forbidden: User "${user.username}" cannot get path "${path}"`, reason: "Forbidden", code: 403 }),
      );
    }
    const doc = path.startsWith("/openapi/v3") ? openapiV3(api.store, path) : discovery(api.store, path, api.serverAddress());
    if (doc === undefined) throw notFoundPath();
    return json(doc);
  } catch (error) {
    return errorResponse(error);
  }
}

/** Starts the HTTP server on 127.0.0.1. */
export function startSimServer(options: SimServerOptions): SimServer {
  let address = "127.0.0.1:0";
  let writeDepth = 0;
  const api: SimApi = {
    store: options.store,
    tokens: options.tokens,
    authorizer: options.authorizer ?? new Authorizer(),
    podBackends: options.podBackends,
    faults: options.faults ?? new Faults(),
    audit: options.audit ?? new AuditLog(),
    serverAddress: () => address,
    inHttpWrite: () => writeDepth > 0,
    httpWrite<T>(fn: () => T): T {
      writeDepth++;
      try {
        return fn();
      } finally {
        writeDepth--;
      }
    },
  };
  // node:http rather than Bun.serve: a streamed response's head must reach the client before its
  // first chunk (see node-front.ts).
  const server = serveNode((req) => handle(api, req), options.port ?? 0);
  const secure = serveNode((req) => handle(api, req), options.httpsPort ?? 0, selfSignedCertificate());
  address = `127.0.0.1:${secure.port}`;
  return {
    url: `http://127.0.0.1:${server.port}`,
    httpsUrl: `https://127.0.0.1:${secure.port}`,
    port: server.port,
    api,
    async stop() {
      api.faults.dropAllWatches();
      await Promise.all([server.stop(), secure.stop()]);
    },
  };
}
