import { createHash } from "node:crypto";
import { UpstreamError } from "../errors";
import { toAppError } from "../kube/errors";
import type { KubeClients } from "../kube/types";
import { TtlCache } from "./ttl-cache";

/** The verified user behind a token (TokenReview `status.user`). */
export interface ReviewedUser {
  username: string;
  uid?: string;
  groups: string[];
  extra?: Record<string, string[]>;
}

export interface TokenReviewerOptions {
  /** The backend's clients: it needs `create` on tokenreviews (the Helm chart grants it). */
  backend: () => KubeClients;
  /** Valid tokens are trusted this long (default 60 s): revocation takes at most this long to bite. */
  positiveTtlMs?: number;
  /** Rejected tokens are remembered this long (default 5 s), so a bad client cannot flood the apiserver. */
  negativeTtlMs?: number;
  /** Bound on remembered tokens (default 10 000). */
  maxEntries?: number;
  now?: () => number;
}

export interface TokenReviewer {
  /** The user, or undefined when the apiserver says the token is not valid; apiserver failures throw. */
  review(token: string): Promise<ReviewedUser | undefined>;
}

/** Cache key: the token itself is never stored, only its SHA-256. */
export function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

interface TokenReviewStatus {
  status?: {
    authenticated?: boolean;
    error?: string;
    user?: { username?: string; uid?: string; groups?: string[]; extra?: Record<string, string[]> };
  };
}

/**
 * Validates bearer tokens with TokenReview (design.md §4), cached by token hash with a bounded LRU;
 * concurrent reviews of one token share a single apiserver call.
 */
export function createTokenReviewer(options: TokenReviewerOptions): TokenReviewer {
  const cache = new TtlCache<ReviewedUser | null>({ maxEntries: options.maxEntries ?? 10_000, now: options.now });
  const inflight = new Map<string, Promise<ReviewedUser | undefined>>();
  const positive = options.positiveTtlMs ?? 60_000;
  const negative = options.negativeTtlMs ?? 5_000;

  async function ask(token: string, key: string): Promise<ReviewedUser | undefined> {
    let answer: TokenReviewStatus;
    try {
      answer = await options.backend().request<TokenReviewStatus>({
        method: "POST",
        path: "/apis/authentication.k8s.io/v1/tokenreviews",
        body: { apiVersion: "authentication.k8s.io/v1", kind: "TokenReview", spec: { token } },
      });
    } catch (err) {
      const appError = toAppError(err);
      if (appError.code === "upstream_unavailable") throw appError;
      // 401/403 here are about the backend's own identity, not the caller's token.
      throw new UpstreamError(`the backend cannot verify tokens (TokenReview failed: ${appError.message})`, 502);
    }
    const user = answer?.status?.user;
    if (!answer?.status?.authenticated || !user?.username) {
      cache.set(key, null, negative);
      return undefined;
    }
    const reviewed: ReviewedUser = { username: user.username, uid: user.uid, groups: user.groups ?? [], extra: user.extra };
    cache.set(key, reviewed, positive);
    return reviewed;
  }

  return {
    async review(token) {
      const key = tokenHash(token);
      const cached = cache.get(key);
      if (cached !== undefined) return cached ?? undefined;
      let pending = inflight.get(key);
      if (!pending) {
        pending = ask(token, key).finally(() => inflight.delete(key));
        inflight.set(key, pending);
      }
      return pending;
    },
  };
}
