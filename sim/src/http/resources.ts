/**
 * Dispatch for resource paths: resolves the type, derives the RBAC verb and attributes,
 * authorizes (403 with the real message), audits writes, and hands off to CRUD, watch, logs,
 * proxies or scale.
 */

import { forbiddenMessage } from "../rbac/authorizer";
import type { RequestAttributes } from "../rbac/rules";
import { forbidden, methodNotAllowed, StatusError } from "../store/errors";
import type { ResourceInfo } from "../store/types";
import { handleReview, isReviewResource } from "./auth-reviews";
import { auditWrite, type RequestContext } from "./context";
import { createItem, deleteCollection, deleteItem, getItem, listItems, patchItem, updateItem } from "./crud";
import { handleLogs } from "./logs";
import { handleProxy } from "./proxy";
import type { ResourceRoute } from "./router";
import { handleScale } from "./scale";
import { errorResponse, queryBool } from "./status";
import { handleWatch } from "./watch";

const WRITE_VERBS = new Set(["create", "update", "patch", "delete", "deletecollection"]);
const PROXY_VERBS: Record<string, string> = {
  GET: "get",
  HEAD: "get",
  OPTIONS: "get",
  POST: "create",
  PUT: "update",
  PATCH: "patch",
  DELETE: "delete",
};

const notFoundPath = () => new StatusError({ message: "the server could not find the requested resource", reason: "NotFound", code: 404 });

function verbFor(req: Request, url: URL, route: ResourceRoute): string | undefined {
  if (route.subresource === "proxy") return PROXY_VERBS[req.method];
  const item = route.name !== undefined;
  switch (req.method) {
    case "GET":
    case "HEAD":
      if (item) return "get";
      return queryBool(url.searchParams.get("watch")) ? "watch" : "list";
    case "POST":
      return item ? undefined : "create";
    case "PUT":
      return item ? "update" : undefined;
    case "PATCH":
      return item ? "patch" : undefined;
    case "DELETE":
      return item ? "delete" : "deletecollection";
    default:
      return undefined;
  }
}

function checkSubresource(info: ResourceInfo, sub: string | undefined): void {
  if (sub === undefined) return;
  if (sub === "status" && info.hasStatusSubresource) return;
  if ((info.subresources ?? []).some((s) => s.name === sub)) return;
  throw notFoundPath();
}

/** Serves one resource request (everything under /api/v1 and /apis/<g>/<v> that names a resource). */
export async function handleResource(ctx: RequestContext, route: ResourceRoute): Promise<Response> {
  if (isReviewResource(route)) return handleReview(ctx, route);
  const { store } = ctx.api;
  const info = store.resourceInfo(route.group, route.resource);
  if (!info?.versions.includes(route.version)) throw notFoundPath();
  if (!info.namespaced && route.namespace !== undefined) throw notFoundPath();
  checkSubresource(info, route.subresource);
  const verb = verbFor(ctx.req, ctx.url, route);
  if (!verb) throw methodNotAllowed(ctx.req.method.toLowerCase(), info);
  if (info.namespaced && route.namespace === undefined && verb !== "list" && verb !== "watch") throw notFoundPath();
  if (route.subresource !== undefined && route.subresource !== "proxy" && verb !== "get" && verb !== "update" && verb !== "patch") {
    throw methodNotAllowed(verb, info);
  }
  if (!info.verbs.includes(verb) && route.subresource === undefined) throw methodNotAllowed(verb, info);

  const attrs: RequestAttributes = {
    verb,
    group: route.group,
    resource: route.resource,
    ...(route.subresource ? { subresource: route.subresource } : {}),
    ...(route.namespace !== undefined ? { namespace: route.namespace } : {}),
    ...(route.name !== undefined ? { name: route.name } : {}),
  };
  const decision = ctx.api.authorizer.authorize(ctx.user, attrs);
  const isWrite = WRITE_VERBS.has(verb) && route.subresource !== "proxy";
  if (!decision.allowed) {
    const error = forbidden(forbiddenMessage(ctx.user, attrs), info, route.name);
    if (isWrite) audit(ctx, route, verb, 403, route.name);
    throw error;
  }
  if (!isWrite) return serveRead(ctx, route, info, verb);
  try {
    const { response, name } = await serveWrite(ctx, route, info, verb);
    audit(ctx, route, verb, response.status, name ?? route.name, ctx.url.searchParams.has("dryRun"));
    return response;
  } catch (error) {
    audit(ctx, route, verb, error instanceof StatusError ? error.code : 500, route.name);
    return errorResponse(error);
  }
}

function audit(ctx: RequestContext, route: ResourceRoute, verb: string, code: number, name?: string, dryRun?: boolean): void {
  auditWrite(ctx, {
    verb,
    apiGroup: route.group,
    resource: route.resource,
    ...(route.subresource ? { subresource: route.subresource } : {}),
    ...(route.namespace !== undefined ? { namespace: route.namespace } : {}),
    ...(name !== undefined ? { name } : {}),
    code,
    ...(dryRun ? { dryRun } : {}),
  });
}

async function serveRead(ctx: RequestContext, route: ResourceRoute, info: ResourceInfo, verb: string): Promise<Response> {
  if (route.subresource === "log") return handleLogs(ctx, route);
  if (route.subresource === "proxy") return handleProxy(ctx, route);
  if (route.subresource === "scale") return (await handleScale(ctx, route, info)).response;
  if (verb === "watch") return handleWatch(ctx, route, info);
  if (verb === "list") return listItems(ctx, route, info);
  return getItem(ctx, route, info);
}

async function serveWrite(
  ctx: RequestContext,
  route: ResourceRoute,
  info: ResourceInfo,
  verb: string,
): Promise<{ response: Response; name?: string }> {
  if (route.subresource === "scale") return handleScale(ctx, route, info);
  switch (verb) {
    case "create":
      return createItem(ctx, route, info);
    case "update":
      return { response: await updateItem(ctx, route, info) };
    case "patch":
      return patchItem(ctx, route, info);
    case "delete":
      return { response: await deleteItem(ctx, route, info) };
    default:
      return { response: await deleteCollection(ctx, route, info) };
  }
}
