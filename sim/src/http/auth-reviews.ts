/**
 * TokenReview, SelfSubjectReview, SubjectAccessReview, SelfSubjectAccessReview,
 * LocalSubjectAccessReview and SelfSubjectRulesReview (kube-api.md §9), all answered from the
 * same token table and bindings that guard every request. POST-only, 201 with the request echoed.
 */

import { forbiddenMessage, type UserInfo } from "../rbac/authorizer";
import type { RequestAttributes } from "../rbac/rules";
import { badRequest, cause, forbidden, invalid, methodNotAllowed, StatusError } from "../store/errors";
import type { StatusCause } from "../store/types";
import { readBody } from "./body";
import { auditWrite, type RequestContext } from "./context";
import { VIRTUAL_RESOURCES } from "./discovery";
import type { ResourceRoute } from "./router";
import { json } from "./status";

type Json = Record<string, unknown>;

export function isReviewResource(route: ResourceRoute): boolean {
  return VIRTUAL_RESOURCES.some((v) => v.group === route.group && v.version === route.version && v.resource.name === route.resource);
}

function attributesOf(spec: Json): { attrs?: RequestAttributes; causes: StatusCause[] } {
  const ra = spec["resourceAttributes"] as Json | undefined;
  const nra = spec["nonResourceAttributes"] as Json | undefined;
  if ((ra === undefined) === (nra === undefined)) {
    return {
      causes: [
        cause.invalid("spec.resourceAttributes", "", "exactly one of nonResourceAttributes or resourceAttributes must be specified"),
      ],
    };
  }
  if (nra) return { attrs: { verb: String(nra["verb"] ?? ""), path: String(nra["path"] ?? "") }, causes: [] };
  const r = ra as Json;
  const attrs: RequestAttributes = {
    verb: String(r["verb"] ?? ""),
    group: String(r["group"] ?? ""),
    resource: String(r["resource"] ?? ""),
  };
  if (r["subresource"]) attrs.subresource = String(r["subresource"]);
  if (r["namespace"]) attrs.namespace = String(r["namespace"]);
  if (r["name"]) attrs.name = String(r["name"]);
  return { attrs, causes: [] };
}

function decide(ctx: RequestContext, user: UserInfo, attrs: RequestAttributes): Json {
  const decision = ctx.api.authorizer.authorize(user, attrs);
  return { allowed: decision.allowed, ...(decision.reason ? { reason: decision.reason } : {}) };
}

function answer(kind: string, apiVersion: string, body: Json, status: Json): Json {
  const metadata = { ...((body["metadata"] as Json | undefined) ?? {}), creationTimestamp: null };
  return { kind, apiVersion, metadata, spec: body["spec"] ?? {}, status };
}

/** Serves a POST to one of the review resources. */
export async function handleReview(ctx: RequestContext, route: ResourceRoute): Promise<Response> {
  const entry = VIRTUAL_RESOURCES.find((v) => v.group === route.group && v.resource.name === route.resource);
  const kind = entry?.resource.kind as string;
  const ref = { group: route.group, resource: route.resource };
  if (ctx.req.method !== "POST" || route.name !== undefined) throw methodNotAllowed(ctx.req.method.toLowerCase(), ref);
  const attrs: RequestAttributes = {
    verb: "create",
    group: route.group,
    resource: route.resource,
    ...(route.namespace ? { namespace: route.namespace } : {}),
  };
  const record = (code: number) =>
    auditWrite(ctx, {
      verb: "create",
      apiGroup: route.group,
      resource: route.resource,
      ...(route.namespace ? { namespace: route.namespace } : {}),
      code,
    });
  if (!ctx.api.authorizer.authorize(ctx.user, attrs).allowed) {
    record(403);
    throw forbidden(forbiddenMessage(ctx.user, attrs), ref);
  }
  try {
    const response = json(await review(ctx, route, kind), 201);
    record(201);
    return response;
  } catch (error) {
    record(error instanceof StatusError ? error.code : 500);
    throw error;
  }
}

async function review(ctx: RequestContext, route: ResourceRoute, kind: string): Promise<Json> {
  const raw = await readBody(ctx.req);
  const body = (raw && typeof raw === "object" ? raw : {}) as Json;
  const spec = (body["spec"] ?? {}) as Json;
  const apiVersion = `${route.group}/${route.version}`;
  switch (route.resource) {
    case "tokenreviews": {
      const token = typeof spec["token"] === "string" ? spec["token"] : "";
      if (!token) throw badRequest("token is required for TokenReview in authentication");
      const user = ctx.api.tokens.authenticate(token);
      const audiences = (spec["audiences"] as string[] | undefined) ?? [];
      const status = user
        ? {
            authenticated: true,
            user: { username: user.username, uid: user.uid, groups: user.groups, ...(user.extra ? { extra: user.extra } : {}) },
            audiences,
          }
        : { user: {}, error: "invalid bearer token" };
      return answer(kind, apiVersion, body, status);
    }
    case "selfsubjectreviews": {
      const u = ctx.user;
      return {
        kind,
        apiVersion,
        metadata: { creationTimestamp: null },
        status: {
          userInfo: { username: u.username, ...(u.uid ? { uid: u.uid } : {}), groups: u.groups, ...(u.extra ? { extra: u.extra } : {}) },
        },
      };
    }
    case "selfsubjectrulesreviews": {
      const namespace = typeof spec["namespace"] === "string" ? spec["namespace"] : "";
      const rules = ctx.api.authorizer.rulesFor(ctx.user, namespace);
      return answer(kind, apiVersion, body, { ...rules, incomplete: false });
    }
    case "selfsubjectaccessreviews": {
      const { attrs, causes } = attributesOf(spec);
      if (!attrs) throw invalid(kind, route.group, "", causes);
      return answer(kind, apiVersion, body, decide(ctx, ctx.user, attrs));
    }
    default: {
      const { attrs, causes } = attributesOf(spec);
      const user = typeof spec["user"] === "string" ? spec["user"] : "";
      const groups = Array.isArray(spec["groups"]) ? (spec["groups"] as string[]) : [];
      if (!user && groups.length === 0) causes.push(cause.invalid("spec.user", "", "at least one of user or group must be specified"));
      if (route.resource === "localsubjectaccessreviews" && attrs && attrs.namespace !== route.namespace) {
        causes.push(cause.invalid("spec.resourceAttributes.namespace", attrs.namespace ?? "", "must match metadata.namespace"));
      }
      if (!attrs || causes.length > 0) throw invalid(kind, route.group, "", causes);
      const subject: UserInfo = { username: user, groups, ...(typeof spec["uid"] === "string" ? { uid: spec["uid"] } : {}) };
      return answer(kind, apiVersion, body, decide(ctx, subject, attrs));
    }
  }
}
