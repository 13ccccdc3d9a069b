import type { FieldIssue } from "@kubeairunway/shared";
import { ApiException } from "@kubernetes/client-node";
import { AppError, ConflictError, ForbiddenError, InvalidInputError, NotFoundError, UnauthenticatedError, UpstreamError } from "../errors";

/**
 * The only place that reads Kubernetes HTTP statuses and Status bodies and turns them into the
 * backend's typed errors (design.md §2/§5). Everything that calls the apiserver funnels failures
 * through `toAppError`, so routes never see an ApiException or a raw status code.
 */

/** The fields of a metav1.Status error body we use (kube-api.md §5). */
export interface KubeStatus {
  kind?: string;
  status?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    retryAfterSeconds?: number;
    causes?: { reason?: string; message?: string; field?: string }[];
  };
}

/**
 * 410 Gone: a resourceVersion or continue token the apiserver no longer has. Callers that hold
 * one (informers) must start over from a fresh LIST rather than retry the same request; to an
 * HTTP caller it is an ordinary retryable upstream error.
 */
export class GoneError extends UpstreamError {
  constructor(message: string) {
    super(message, 503, 1);
  }
}

/** Seconds a client waits before retrying when the apiserver named no Retry-After. */
export const DEFAULT_RETRY_AFTER_SECONDS = 1;

/** Parses a body that may be a Status object, its JSON text, plain text (APF 429), or nothing. */
export function parseStatus(body: unknown): KubeStatus | undefined {
  if (body && typeof body === "object") return body as KubeStatus;
  if (typeof body !== "string" || body.length === 0) return undefined;
  try {
    const parsed: unknown = JSON.parse(body);
    return parsed && typeof parsed === "object" ? (parsed as KubeStatus) : undefined;
  } catch {
    return { message: body.trim().slice(0, 500) };
  }
}

function headerValue(headers: unknown, name: string): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  if (typeof headers === "object") {
    for (const [k, v] of Object.entries(headers as Record<string, unknown>)) {
      if (k.toLowerCase() === name) return Array.isArray(v) ? String(v[0]) : String(v);
    }
  }
  return undefined;
}

/** Retry-After in whole seconds from the header, the Status details, or the default. */
function retryAfterOf(headers: unknown, status: KubeStatus | undefined): number {
  const header = headerValue(headers, "retry-after");
  if (header && /^\d+$/.test(header.trim())) return Math.max(1, Number(header.trim()));
  const fromBody = status?.details?.retryAfterSeconds;
  if (typeof fromBody === "number" && fromBody > 0) return Math.ceil(fromBody);
  return DEFAULT_RETRY_AFTER_SECONDS;
}

/** Field issues of a 422 Invalid Status, one per cause (the field path as Kubernetes names it). */
function causesToIssues(status: KubeStatus | undefined): FieldIssue[] {
  const causes = status?.details?.causes ?? [];
  const issues = causes.map((cause) => ({
    path: cause.field ?? "",
    message: cause.message ?? cause.reason ?? "invalid",
    location: "body" as const,
  }));
  return issues.length > 0 ? issues : [{ path: "", message: status?.message ?? "rejected by the Kubernetes API", location: "body" }];
}

/**
 * Maps one HTTP answer of the apiserver to an AppError.
 * @param code HTTP status (or the Status `code` inside a watch ERROR event)
 * @param body raw text, parsed Status, or undefined
 * @param headers response headers (for Retry-After)
 */
export function statusToAppError(code: number, body?: unknown, headers?: unknown): AppError {
  const status = parseStatus(body);
  const message = status?.message?.trim() || undefined;
  switch (code) {
    case 400:
      return new InvalidInputError(`rejected by the Kubernetes API: ${message ?? "bad request"}`, [
        { path: "", message: message ?? "bad request", location: "body" },
      ]);
    case 401:
      return new UnauthenticatedError(
        `the Kubernetes API rejected the credentials${message && message !== "Unauthorized" ? `: ${message}` : ""}`,
      );
    case 403:
      return new ForbiddenError(message ?? "forbidden by the Kubernetes API");
    case 404:
      return new NotFoundError(message ?? "not found in the Kubernetes API");
    case 409:
    case 412:
      return new ConflictError(message ?? "conflict in the Kubernetes API");
    case 422:
      return new InvalidInputError(message ?? "rejected by the Kubernetes API as invalid", causesToIssues(status));
    case 410:
      return new GoneError(`the Kubernetes API expired the request: ${message ?? "resource version too old"}`);
    case 429:
      return new UpstreamError(
        `the Kubernetes API is rate-limiting requests${message ? `: ${message}` : ""}`,
        503,
        retryAfterOf(headers, status),
      );
    case 503:
      return new UpstreamError(`the Kubernetes API is unavailable${message ? `: ${message}` : ""}`, 503, retryAfterOf(headers, status));
    default:
      if (code >= 500) {
        return new UpstreamError(
          `the Kubernetes API failed (HTTP ${code})${message ? `: ${message}` : ""}`,
          502,
          retryAfterOf(headers, status),
        );
      }
      // 405/406/413/415 and friends mean this backend built a wrong request: a bug, not user input.
      return new AppError("internal", `unexpected Kubernetes API answer (HTTP ${code})${message ? `: ${message}` : ""}`);
  }
}

/** Network-level failure names/codes: the apiserver could not be reached or did not answer in time. */
const NETWORK_CODES =
  /ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENETUNREACH|UND_ERR|ConnectionRefused|ConnectionClosed|FailedToOpenSocket/;

/** The apiserver's certificate did not verify against the configured CA (or none was given). */
const TLS_ERROR = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|certificate/i;

function errorCodes(err: Error): string {
  const cause = (err as { cause?: unknown }).cause;
  const causeCode = cause && typeof cause === "object" ? String((cause as { code?: unknown }).code ?? "") : "";
  return `${String((err as { code?: unknown }).code ?? "")} ${causeCode}`;
}

function isNetworkError(err: Error): boolean {
  if (err.name === "AbortError" || err.name === "TimeoutError") return true;
  const code = String((err as { code?: unknown }).code ?? "");
  const cause = (err as { cause?: unknown }).cause;
  const causeCode = cause && typeof cause === "object" ? String((cause as { code?: unknown }).code ?? "") : "";
  return (
    NETWORK_CODES.test(code) ||
    NETWORK_CODES.test(causeCode) ||
    /fetch failed|socket|network|connect|Unable to connect/i.test(err.message) ||
    (err instanceof TypeError && /fetch/i.test(err.message))
  );
}

/**
 * Turns anything thrown while talking to Kubernetes into an AppError. AppErrors pass through;
 * `ApiException` and errors carrying `statusCode` (client-node's Watch) are mapped by status;
 * network failures become retryable `upstream_unavailable`; anything else is `internal`.
 */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof ApiException) return statusToAppError(err.code, err.body, err.headers);
  if (err instanceof Error) {
    const statusCode = (err as { statusCode?: unknown }).statusCode;
    if (typeof statusCode === "number") return statusToAppError(statusCode, undefined, undefined);
    if (TLS_ERROR.test(errorCodes(err)) || TLS_ERROR.test(err.message)) {
      // A configuration problem (wrong CA, or a self-signed server without a CA): retrying will not help.
      return new UpstreamError(`cannot verify the Kubernetes API's TLS certificate (${errorCodes(err).trim() || err.message})`, 502);
    }
    if (isNetworkError(err)) {
      const detail = String((err as { code?: unknown }).code ?? err.name);
      return new UpstreamError(`cannot reach the Kubernetes API (${detail})`, 503, DEFAULT_RETRY_AFTER_SECONDS);
    }
    return new AppError("internal", `Kubernetes client error: ${err.message.split("\n")[0]}`);
  }
  return new AppError("internal", "Kubernetes client error");
}

/** True when a retry may succeed (upstream trouble), false for answers that will not change. */
export function isRetryable(err: unknown): boolean {
  return toAppError(err).code === "upstream_unavailable";
}
