import type { Access } from "@kubeairunway/shared";
import { UnauthenticatedError } from "../errors";
import { type AccessControl, bearerToken, type Identity } from "./identity";
import type { TokenReviewer } from "./token-review";

export interface KubernetesAccessOptions {
  reviewer: TokenReviewer;
  /** AUTH_ALLOW_ANONYMOUS_CLUSTER_READS: callers without a token may use `cluster` routes. */
  allowAnonymousClusterReads: boolean;
}

/**
 * AUTH_MODE=kubernetes (design.md §4). Identity comes only from `Authorization: Bearer` checked by
 * TokenReview; `Impersonate-*`, `X-Remote-*` and `X-Forwarded-User` are never read, so a caller
 * cannot claim someone else's identity.
 *
 * - `public`: a valid token identifies the caller; a missing or invalid one is anonymous.
 * - `cluster`: a valid token, or no token when anonymous cluster reads are allowed; an invalid token is 401.
 * - `user`: a valid token is required (401 otherwise).
 */
export function kubernetesAccess(options: KubernetesAccessOptions): AccessControl {
  return {
    async identify(request: Request, access: Access): Promise<Identity> {
      const token = bearerToken(request);
      if (!token) {
        if (access === "public") return { kind: "anonymous" };
        if (access === "cluster" && options.allowAnonymousClusterReads) return { kind: "anonymous" };
        throw new UnauthenticatedError();
      }
      const user = await options.reviewer.review(token);
      if (!user) {
        if (access === "public") return { kind: "anonymous" };
        throw new UnauthenticatedError("the bearer token is not valid for this cluster");
      }
      return { kind: "user", username: user.username, uid: user.uid, groups: user.groups, extra: user.extra, token };
    },
  };
}
