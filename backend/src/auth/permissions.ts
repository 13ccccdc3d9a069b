import { UpstreamError } from "../errors";
import { toAppError } from "../kube/errors";
import type { KubeClients } from "../kube/types";
import type { Identity, Permissions, ResourceAttributes } from "./identity";
import { TtlCache } from "./ttl-cache";

export interface PermissionsOptions {
  /** The backend's clients: SubjectAccessReview needs `create` on subjectaccessreviews. */
  backend: () => KubeClients;
  /** Answers are reused this long (default 30 s). */
  ttlMs?: number;
  maxEntries?: number;
  now?: () => number;
}

type User = Extract<Identity, { kind: "user" }>;

function cacheKey(user: User, a: ResourceAttributes): string {
  return JSON.stringify([
    user.username,
    user.uid ?? "",
    [...user.groups].sort(),
    a.verb,
    a.group,
    a.resource,
    a.subresource ?? "",
    a.namespace ?? "",
    a.name ?? "",
  ]);
}

/**
 * SubjectAccessReview-backed permission checks for reads served from the shared cache (design.md
 * §4). Each answer is cached per user × attributes; concurrent identical questions share one call.
 */
export function createPermissions(options: PermissionsOptions): Permissions {
  const cache = new TtlCache<boolean>({ maxEntries: options.maxEntries ?? 50_000, now: options.now });
  const inflight = new Map<string, Promise<boolean>>();
  const ttl = options.ttlMs ?? 30_000;

  async function review(user: User, attributes: ResourceAttributes): Promise<boolean> {
    const { verb, group, resource, subresource, namespace, name } = attributes;
    try {
      const answer = await options.backend().request<{ status?: { allowed?: boolean } }>({
        method: "POST",
        path: "/apis/authorization.k8s.io/v1/subjectaccessreviews",
        body: {
          apiVersion: "authorization.k8s.io/v1",
          kind: "SubjectAccessReview",
          spec: {
            resourceAttributes: { verb, group, resource, subresource, namespace, name },
            user: user.username,
            uid: user.uid,
            groups: user.groups,
            extra: user.extra,
          },
        },
      });
      return answer?.status?.allowed === true;
    } catch (err) {
      const appError = toAppError(err);
      if (appError.code === "upstream_unavailable") throw appError;
      throw new UpstreamError(`the backend cannot check permissions (SubjectAccessReview failed: ${appError.message})`, 502);
    }
  }

  async function can(identity: Identity, attributes: ResourceAttributes): Promise<boolean> {
    if (identity.kind === "local") return true;
    if (identity.kind === "anonymous") return false;
    const key = cacheKey(identity, attributes);
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    let pending = inflight.get(key);
    if (!pending) {
      pending = review(identity, attributes)
        .then((allowed) => {
          cache.set(key, allowed, ttl);
          return allowed;
        })
        .finally(() => inflight.delete(key));
      inflight.set(key, pending);
    }
    return pending;
  }

  return {
    can,
    async visibleNamespaces(identity, { group, resource }, namespaces) {
      if (identity.kind === "local") return "all";
      if (identity.kind === "anonymous") return new Set();
      if (await can(identity, { verb: "list", group, resource })) return "all";
      const candidates = [...new Set(namespaces)];
      const allowed = await Promise.all(candidates.map((namespace) => can(identity, { verb: "list", group, resource, namespace })));
      return new Set(candidates.filter((_, i) => allowed[i]));
    },
  };
}
