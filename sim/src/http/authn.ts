/**
 * Authentication (bearer token → user, else 401) and impersonation (Impersonate-User/-Group/
 * -Uid/-Extra-*, each authorized as verb `impersonate`, kube-api.md §9).
 */

import { forbiddenMessage, type UserInfo } from "../rbac/authorizer";
import type { RequestAttributes } from "../rbac/rules";
import { forbidden, StatusError, unauthorized } from "../store/errors";
import type { SimApi } from "./context";

export interface Authenticated {
  user: UserInfo;
  impersonatedBy?: string;
}

/** The caller's identity; throws 401 for a missing or unknown token. */
export function authenticate(api: SimApi, req: Request): UserInfo {
  const header = req.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  const user = match ? api.tokens.authenticate((match[1] as string).trim()) : undefined;
  if (!user) throw unauthorized();
  return user;
}

function splitHeader(value: string | null): string[] {
  if (value === null) return [];
  return value
    .split(",")
    .map((v) => v.trim())
    .filter((v) => v !== "");
}

/** Applies Impersonate-* headers; throws 403 when the caller may not impersonate what it asked for. */
export function impersonate(api: SimApi, req: Request, caller: UserInfo): Authenticated {
  const userName = req.headers.get("impersonate-user");
  const groups = splitHeader(req.headers.get("impersonate-group"));
  const uid = req.headers.get("impersonate-uid");
  const extras: Record<string, string[]> = {};
  for (const [key, value] of req.headers) {
    const lower = key.toLowerCase();
    if (lower.startsWith("impersonate-extra-")) extras[decodeURIComponent(lower.slice("impersonate-extra-".length))] = splitHeader(value);
  }
  if (userName === null) {
    if (groups.length > 0 || uid !== null || Object.keys(extras).length > 0) {
      throw new StatusError({
        message: "Internal error occurred: requested impersonation of groups or extras without a user",
        reason: "InternalError",
        code: 500,
      });
    }
    return { user: caller };
  }
  const check = (attrs: RequestAttributes, name: string) => {
    if (!api.authorizer.authorize(caller, attrs).allowed)
      throw forbidden(forbiddenMessage(caller, attrs), { group: attrs.group ?? "", resource: attrs.resource ?? "" }, name);
  };
  const sa = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(userName);
  if (sa)
    check(
      { verb: "impersonate", group: "", resource: "serviceaccounts", namespace: sa[1] as string, name: sa[2] as string },
      sa[2] as string,
    );
  else check({ verb: "impersonate", group: "", resource: "users", name: userName }, userName);
  for (const g of groups) check({ verb: "impersonate", group: "", resource: "groups", name: g }, g);
  if (uid !== null) check({ verb: "impersonate", group: "authentication.k8s.io", resource: "uids", name: uid }, uid);
  for (const [key, values] of Object.entries(extras)) {
    for (const v of values)
      check({ verb: "impersonate", group: "authentication.k8s.io", resource: "userextras", subresource: key, name: v }, v);
  }
  const finalGroups = [...groups];
  if (sa) finalGroups.push("system:serviceaccounts", `system:serviceaccounts:${sa[1]}`);
  if (!finalGroups.includes("system:authenticated")) finalGroups.push("system:authenticated");
  const user: UserInfo = {
    username: userName,
    groups: finalGroups,
    ...(uid !== null ? { uid } : {}),
    ...(Object.keys(extras).length ? { extra: extras } : {}),
  };
  return { user, impersonatedBy: caller.username };
}
