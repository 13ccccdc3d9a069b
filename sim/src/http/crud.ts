/**
 * GET/LIST/POST/PUT/PATCH/DELETE on resources (kube-api.md §3, §5, §6), translated to store calls.
 */

import { badRequest, StatusError, unsupportedMediaType } from "../store/errors";
import type { KubeObject, ListOptions, ResourceInfo, ResourceType } from "../store/types";
import { patchTypeOf, readBody } from "./body";
import { atVersion, type RequestContext } from "./context";
import { deleteOptions, writeOptions } from "./request-options";
import type { ResourceRoute } from "./router";
import { listJson } from "./serialize";
import { json, successStatus, warningHeaders } from "./status";
import { columnsFor, toTable, wantsTable } from "./table";

function gv(route: ResourceRoute): string {
  return route.group ? `${route.group}/${route.version}` : route.version;
}

function typeOf(route: ResourceRoute): ResourceType {
  return { group: route.group, version: route.version, resource: route.resource };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** Checks a create/update body against the URL (apiVersion, namespace, name) and returns it as a KubeObject. */
async function objectBody(ctx: RequestContext, route: ResourceRoute, info: ResourceInfo): Promise<KubeObject> {
  const body = await readBody(ctx.req);
  if (!isObject(body)) throw badRequest("Object 'Kind' is missing in request body");
  const apiVersion = body["apiVersion"];
  if (typeof apiVersion === "string" && apiVersion !== "" && apiVersion !== gv(route)) {
    throw badRequest(`the API version in the data (${apiVersion}) does not match the expected API version (${gv(route)})`);
  }
  const object = body as unknown as KubeObject;
  if (!isObject(object.metadata)) object.metadata = { name: "" };
  if (info.namespaced) {
    if (object.metadata.namespace && object.metadata.namespace !== route.namespace) {
      throw badRequest("the namespace of the provided object does not match the namespace sent on the request");
    }
    object.metadata.namespace = route.namespace as string;
  }
  object.apiVersion = gv(route);
  object.kind = info.kind;
  return object;
}

export function getItem(ctx: RequestContext, route: ResourceRoute, info: ResourceInfo): Response {
  const object = atVersion(ctx.api.store.getOrThrow(typeOf(route), route.namespace, route.name as string), gv(route));
  if (wantsTable(ctx.req))
    return json(
      toTable([object], columnsFor(info, route.version), { resourceVersion: object.metadata.resourceVersion as string }, ctx.url),
    );
  return json(object);
}

export function listItems(ctx: RequestContext, route: ResourceRoute, info: ResourceInfo): Response {
  const q = ctx.url.searchParams;
  if (q.get("continue") && q.get("resourceVersion")) throw badRequest("specifying resource version is not allowed when using continue");
  if (q.get("resourceVersionMatch") && !q.get("resourceVersion")) {
    throw new StatusError({
      message:
        'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided',
      reason: "Invalid",
      details: {
        group: "meta.k8s.io",
        kind: "ListOptions",
        causes: [
          {
            reason: "FieldValueForbidden",
            message: "Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided",
            field: "resourceVersionMatch",
          },
        ],
      },
      code: 422,
    });
  }
  if (ctx.api.faults.current.forceGone && q.get("continue")) {
    throw new StatusError({
      message: "The provided continue parameter is too old to display a consistent list result.",
      reason: "Expired",
      code: 410,
    });
  }
  const options: ListOptions = {};
  if (route.namespace !== undefined) options.namespace = route.namespace;
  if (q.get("labelSelector")) options.labelSelector = q.get("labelSelector") as string;
  if (q.get("fieldSelector")) options.fieldSelector = q.get("fieldSelector") as string;
  const limit = Number(q.get("limit") ?? 0);
  if (limit > 0) options.limit = limit;
  if (q.get("continue")) options.continue = q.get("continue") as string;
  const result = ctx.api.store.list(typeOf(route), options);
  const apiVersion = gv(route);
  const metadata: Record<string, unknown> = { resourceVersion: result.resourceVersion };
  if (result.continue) metadata["continue"] = result.continue;
  if (result.remainingItemCount !== undefined) metadata["remainingItemCount"] = result.remainingItemCount;
  if (wantsTable(ctx.req)) {
    const items = result.items.map((o) => atVersion(o, apiVersion));
    return json(toTable(items, columnsFor(info, route.version), metadata, ctx.url));
  }
  return new Response(listJson(info.listKind, apiVersion, metadata, result.items), { headers: { "Content-Type": "application/json" } });
}

export async function createItem(
  ctx: RequestContext,
  route: ResourceRoute,
  info: ResourceInfo,
): Promise<{ response: Response; name?: string }> {
  if (route.name !== undefined) throw badRequest("create is not allowed on a named resource");
  const object = await objectBody(ctx, route, info);
  const options = writeOptions(ctx.url, "CreateOptions");
  const created = ctx.api.httpWrite(() => ctx.api.store.create(typeOf(route), object, ctx.user, options));
  return { response: json(created, 201, warningHeaders(options.warnings)), name: created.metadata.name };
}

export async function updateItem(ctx: RequestContext, route: ResourceRoute, info: ResourceInfo): Promise<Response> {
  const object = await objectBody(ctx, route, info);
  if (object.metadata.name && object.metadata.name !== route.name) {
    throw badRequest(`the name of the object (${object.metadata.name}) does not match the name on the URL (${route.name})`);
  }
  object.metadata.name = route.name as string;
  const options = writeOptions(ctx.url, "UpdateOptions");
  const sub = route.subresource === "status" ? { subresource: "status" as const } : {};
  const updated = ctx.api.httpWrite(() => ctx.api.store.update(typeOf(route), object, ctx.user, { ...options, ...sub }));
  return json(updated, 200, warningHeaders(options.warnings));
}

export async function patchItem(
  ctx: RequestContext,
  route: ResourceRoute,
  info: ResourceInfo,
): Promise<{ response: Response; name?: string }> {
  const patchType = patchTypeOf(ctx.req.headers.get("content-type"));
  const accepted = info.custom
    ? "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml"
    : "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json";
  if (!patchType || (info.custom && patchType === "strategic")) {
    throw unsupportedMediaType(`the body of the request was in an unknown format - accepted media types include: ${accepted}`);
  }
  const body = await readBody(ctx.req);
  const options = writeOptions(ctx.url, "PatchOptions");
  const sub = route.subresource === "status" ? { subresource: "status" as const } : {};
  const store = ctx.api.store;
  if (patchType === "apply") {
    if (!ctx.url.searchParams.get("fieldManager")) {
      throw new StatusError({
        message: 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
        reason: "Invalid",
        details: {
          group: "meta.k8s.io",
          kind: "PatchOptions",
          causes: [{ reason: "FieldValueRequired", message: "Required value: is required for apply patch", field: "fieldManager" }],
        },
        code: 422,
      });
    }
    if (!isObject(body)) throw badRequest("error decoding patch: apply patch must be an object");
    const existing = store.get(typeOf(route), route.namespace, route.name as string);
    if (!existing) {
      const object = { ...(body as unknown as KubeObject) };
      object.metadata = {
        ...(object.metadata ?? {}),
        name: route.name as string,
        ...(info.namespaced ? { namespace: route.namespace as string } : {}),
      };
      const created = ctx.api.httpWrite(() => store.create(typeOf(route), object, ctx.user, options));
      return { response: json(created, 201, warningHeaders(options.warnings)) };
    }
    const patched = ctx.api.httpWrite(() =>
      store.patch(typeOf(route), route.namespace, route.name as string, "merge", body, ctx.user, { ...options, ...sub }),
    );
    return { response: json(patched, 200, warningHeaders(options.warnings)) };
  }
  if (body === undefined) throw badRequest("error decoding patch: empty patch");
  const patched = ctx.api.httpWrite(() =>
    store.patch(typeOf(route), route.namespace, route.name as string, patchType, body, ctx.user, { ...options, ...sub }),
  );
  return { response: json(patched, 200, warningHeaders(options.warnings)) };
}

export async function deleteItem(ctx: RequestContext, route: ResourceRoute, info: ResourceInfo): Promise<Response> {
  const body = await readBody(ctx.req);
  const options = deleteOptions(ctx.url, body);
  const result = ctx.api.httpWrite(() => ctx.api.store.delete(typeOf(route), route.namespace, route.name as string, ctx.user, options));
  if (!result.removed || (info.group === "" && info.resource === "pods")) return json(atVersion(result.object, gv(route)));
  return json(
    successStatus({ name: route.name, ...(info.group ? { group: info.group } : {}), kind: info.resource, uid: result.object.metadata.uid }),
  );
}

export async function deleteCollection(ctx: RequestContext, route: ResourceRoute, info: ResourceInfo): Promise<Response> {
  const body = await readBody(ctx.req);
  const options = deleteOptions(ctx.url, body);
  const q = ctx.url.searchParams;
  const listOptions: ListOptions = {};
  if (route.namespace !== undefined) listOptions.namespace = route.namespace;
  if (q.get("labelSelector")) listOptions.labelSelector = q.get("labelSelector") as string;
  if (q.get("fieldSelector")) listOptions.fieldSelector = q.get("fieldSelector") as string;
  const store = ctx.api.store;
  const targets = store.list(typeOf(route), listOptions).items;
  const deleted: KubeObject[] = [];
  for (const target of targets) {
    try {
      const result = ctx.api.httpWrite(() =>
        store.delete(typeOf(route), target.metadata.namespace, target.metadata.name, ctx.user, options),
      );
      deleted.push(result.object);
    } catch (error) {
      if (!(error instanceof StatusError && error.code === 404)) throw error;
    }
  }
  return json({ kind: info.listKind, apiVersion: gv(route), metadata: { resourceVersion: String(store.resourceVersion) }, items: deleted });
}
