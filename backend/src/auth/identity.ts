import type { Access } from "@kubeairunway/shared";

/** Who is calling. `local` = AUTH_MODE=none: the single user of a laptop install. */
export type Identity =
  | { kind: "local" }
  | { kind: "anonymous" }
  | { kind: "user"; username: string; uid?: string; groups: string[]; extra?: Record<string, string[]>; token: string };

/** Decides who the caller is and whether they may use a route of the given access level. */
export interface AccessControl {
  /** Throws UnauthenticatedError/ForbiddenError when the caller may not use the route. */
  identify(request: Request, access: Access): Promise<Identity>;
}

/** Reads `Authorization: Bearer <token>`; other schemes are ignored. */
export function bearerToken(request: Request): string | undefined {
  const header = request.headers.get("authorization");
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1];
}

/** One permission question, as in a SubjectAccessReview's `resourceAttributes`. */
export interface ResourceAttributes {
  verb: "get" | "list" | "watch" | "create" | "update" | "patch" | "delete";
  /** "" for core/v1. */
  group: string;
  resource: string;
  subresource?: string;
  /** Omitted: cluster-wide (all namespaces). */
  namespace?: string;
  name?: string;
}

/**
 * RBAC checks for reads served from the shared cache (design.md §4). `local` callers (AUTH_MODE=none)
 * and the backend itself may do everything the kubeconfig allows; `anonymous` callers only reach
 * `cluster` routes, which do not filter per user. A `user` is asked about with SubjectAccessReview
 * (cached ~30 s per user × attributes).
 */
export interface Permissions {
  /** Whether `identity` may perform `attributes`; apiserver failures throw a typed AppError. */
  can(identity: Identity, attributes: ResourceAttributes): Promise<boolean>;
  /**
   * Of `namespaces`, those where `identity` may `list` the resource: `"all"` when it may list it
   * cluster-wide (one SAR), otherwise one SAR per namespace (each cached).
   */
  visibleNamespaces(
    identity: Identity,
    resource: { group: string; resource: string },
    namespaces: Iterable<string>,
  ): Promise<"all" | Set<string>>;
}
