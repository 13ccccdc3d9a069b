/**
 * The `scale` subresource of deployments/statefulsets (autoscaling/v1 Scale), used by
 * `kubectl scale` and autoscalers: reads and writes `spec.replicas` of the parent.
 */

import { badRequest, unsupportedMediaType } from "../store/errors";
import { applyPatch } from "../store/patch";
import type { KubeObject, ResourceInfo } from "../store/types";
import { patchTypeOf, readBody } from "./body";
import type { RequestContext } from "./context";
import { writeOptions } from "./request-options";
import type { ResourceRoute } from "./router";
import { json } from "./status";

function toScale(object: KubeObject): Record<string, unknown> {
  const spec = (object["spec"] ?? {}) as { replicas?: number; selector?: { matchLabels?: Record<string, string> } };
  const status = (object["status"] ?? {}) as { replicas?: number };
  const selector = Object.entries(spec.selector?.matchLabels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(",");
  const m = object.metadata;
  return {
    kind: "Scale",
    apiVersion: "autoscaling/v1",
    metadata: {
      name: m.name,
      namespace: m.namespace,
      uid: m.uid,
      resourceVersion: m.resourceVersion,
      creationTimestamp: m.creationTimestamp,
    },
    spec: { replicas: spec.replicas ?? 1 },
    status: { replicas: status.replicas ?? 0, ...(selector ? { selector } : {}) },
  };
}

/** GET/PUT/PATCH …/<name>/scale. */
export async function handleScale(
  ctx: RequestContext,
  route: ResourceRoute,
  info: ResourceInfo,
): Promise<{ response: Response; name?: string }> {
  const type = { group: route.group, version: route.version, resource: route.resource };
  const store = ctx.api.store;
  const existing = store.getOrThrow(type, route.namespace, route.name as string);
  if (ctx.req.method === "GET") return { response: json(toScale(existing)) };
  let desired: unknown;
  if (ctx.req.method === "PUT") desired = await readBody(ctx.req);
  else {
    const patchType = patchTypeOf(ctx.req.headers.get("content-type"));
    if (!patchType || patchType === "apply")
      throw unsupportedMediaType(
        "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json",
      );
    desired = applyPatch(toScale(existing), patchType, await readBody(ctx.req));
  }
  const replicas = (desired as { spec?: { replicas?: unknown } } | undefined)?.spec?.replicas;
  if (typeof replicas !== "number" || !Number.isInteger(replicas) || replicas < 0)
    throw badRequest("spec.replicas: must be a non-negative integer");
  const options = writeOptions(ctx.url, "UpdateOptions");
  const updated = ctx.api.httpWrite(() =>
    store.patch(type, route.namespace, route.name as string, "merge", { spec: { replicas } }, ctx.user, options),
  );
  void info;
  return { response: json(toScale(updated)), name: updated.metadata.name };
}
