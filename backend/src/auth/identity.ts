import type { Access } from "@kubeairunway/shared";

/** Who is calling. `local` = AUTH_MODE=none: the single user of a laptop install. */
export type Identity =
  | { kind: "local" }
  | { kind: "anonymous" }
  | { kind: "user"; username: string; uid?: string; groups: string[]; token: string };

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
