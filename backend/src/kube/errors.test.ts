import { ApiException } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { GoneError, isRetryable, statusToAppError, toAppError } from "./errors";

const status = (code: number, reason: string, message: string, details?: object) =>
  JSON.stringify({ kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message, reason, code, details });

describe("statusToAppError", () => {
  it("keeps the apiserver's forbidden message word for word", () => {
    const msg =
      'workspaces.kaito.sh is forbidden: User "alice" cannot create resource "workspaces" in API group "kaito.sh" in the namespace "team-b"';
    const err = statusToAppError(403, status(403, "Forbidden", msg));
    expect(err.code).toBe("forbidden");
    expect(err.status).toBe(403);
    expect(err.message).toBe(msg);
  });

  it("maps 401 (empty body, as client-node reports it) to unauthenticated", () => {
    const err = statusToAppError(401, undefined);
    expect(err.code).toBe("unauthenticated");
    expect(err.status).toBe(401);
  });

  it("maps 404 and 409 with their messages", () => {
    expect(statusToAppError(404, status(404, "NotFound", 'workspaces.kaito.sh "x" not found'))).toMatchObject({
      code: "not_found",
      message: 'workspaces.kaito.sh "x" not found',
    });
    expect(statusToAppError(409, status(409, "AlreadyExists", 'workspaces.kaito.sh "x" already exists'))).toMatchObject({
      code: "conflict",
      status: 409,
    });
  });

  it("turns 422 causes into field issues", () => {
    const body = status(422, "Invalid", 'Workspace.kaito.sh "x" is invalid: [resource.count: Invalid value: 0, spec.a: Required value]', {
      kind: "Workspace",
      causes: [
        { reason: "FieldValueInvalid", message: "Invalid value: 0: must be >= 1", field: "resource.count" },
        { reason: "FieldValueRequired", message: "Required value", field: "spec.a" },
      ],
    });
    const err = statusToAppError(422, body);
    expect(err.code).toBe("invalid_input");
    expect(err.status).toBe(400);
    expect(err.details).toEqual({
      issues: [
        { path: "resource.count", message: "Invalid value: 0: must be >= 1", location: "body" },
        { path: "spec.a", message: "Required value", location: "body" },
      ],
    });
  });

  it("makes 429 retryable with the apiserver's Retry-After (text/plain body from APF)", () => {
    const err = statusToAppError(429, "Too many requests, please try again later.\n", { "retry-after": "7" });
    expect(err.code).toBe("upstream_unavailable");
    expect(err.retryAfter).toBe(7);
    expect(err.message).toContain("Too many requests");
  });

  it("reads retryAfterSeconds from a JSON 429 and works with a Headers object", () => {
    expect(statusToAppError(429, status(429, "TooManyRequests", "slow down", { retryAfterSeconds: 3 })).retryAfter).toBe(3);
    expect(statusToAppError(503, "", new Headers({ "Retry-After": "4" })).retryAfter).toBe(4);
  });

  it.each([500, 502, 503, 504])("maps %i to retryable upstream_unavailable", (code) => {
    const err = statusToAppError(code, status(code, "InternalError", "Internal error occurred: boom"));
    expect(err.code).toBe("upstream_unavailable");
    expect([502, 503]).toContain(err.status);
    expect(err.retryAfter).toBeGreaterThanOrEqual(1);
  });

  it("treats a request this backend built wrongly (415) as internal, not as the caller's fault", () => {
    expect(statusToAppError(415, status(415, "UnsupportedMediaType", "unknown format")).code).toBe("internal");
  });
});

describe("toAppError", () => {
  it("reads client-node's ApiException (body is the raw text)", () => {
    const ex = new ApiException(403, "Forbidden", status(403, "Forbidden", 'pods is forbidden: User "bob" cannot list'), {});
    expect(toAppError(ex)).toMatchObject({ code: "forbidden", message: 'pods is forbidden: User "bob" cannot list' });
  });

  it("marks 410 Gone distinctly (informers relist on it) while staying a retryable upstream error", () => {
    const err = toAppError(Object.assign(new Error("Gone"), { statusCode: 410 }));
    expect(err).toBeInstanceOf(GoneError);
    expect(err.code).toBe("upstream_unavailable");
    expect(statusToAppError(410, status(410, "Expired", "The provided continue parameter is too old"))).toBeInstanceOf(GoneError);
    expect(statusToAppError(503, "")).not.toBeInstanceOf(GoneError);
  });

  it("maps refused connections and timeouts to retryable upstream_unavailable", () => {
    const refused = Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } });
    expect(toAppError(refused)).toMatchObject({ code: "upstream_unavailable", retryAfter: 1 });
    expect(isRetryable(new DOMException("The operation was aborted due to timeout", "TimeoutError"))).toBe(true);
  });

  it("reports an unverifiable apiserver certificate as a configuration problem, not a retry", () => {
    const err = toAppError(Object.assign(new Error("self signed certificate"), { code: "DEPTH_ZERO_SELF_SIGNED_CERT" }));
    expect(err).toMatchObject({ code: "upstream_unavailable", status: 502, retryAfter: undefined });
    expect(err.message).toMatch(/TLS certificate/);
  });

  it("passes AppErrors through and never guesses on unknown errors", () => {
    const app = new AppError("conflict", "x");
    expect(toAppError(app)).toBe(app);
    expect(toAppError(new Error("something odd")).code).toBe("internal");
    expect(toAppError("string").code).toBe("internal");
  });
});
