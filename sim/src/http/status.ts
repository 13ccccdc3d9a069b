/**
 * Response helpers: every JSON answer (objects, lists, errors) carries `Content-Type:
 * application/json` (kube-api.md §0.1); errors are Status objects with code = HTTP status.
 */

import { internalError, StatusError } from "../store/errors";

const JSON_HEADERS = { "Content-Type": "application/json" };

/** A JSON response. `extraHeaders` may carry `Warning` headers. */
export function json(body: unknown, status = 200, extraHeaders: Record<string, string> | Headers = {}): Response {
  const headers = new Headers(extraHeaders);
  headers.set("Content-Type", "application/json");
  return new Response(JSON.stringify(body), { status, headers });
}

/** Status response for a StatusError (or a 500 InternalError for anything else). */
export function errorResponse(error: unknown): Response {
  const statusError = error instanceof StatusError ? error : internalError(error instanceof Error ? error.message : String(error));
  return new Response(JSON.stringify(statusError.status), {
    status: statusError.code,
    headers: { ...JSON_HEADERS, ...statusError.headers },
  });
}

/** `Warning: 299 - "<text>"` headers, as the apiserver sends for fieldValidation=Warn. */
export function warningHeaders(warnings: string[]): Headers {
  const headers = new Headers();
  for (const w of warnings) headers.append("Warning", `299 - ${JSON.stringify(w)}`);
  return headers;
}

/** Success Status returned by DELETE for kinds that do not return the object. */
export function successStatus(details: Record<string, unknown>): Record<string, unknown> {
  return { kind: "Status", apiVersion: "v1", metadata: {}, status: "Success", details };
}

/** Parses a Kubernetes query boolean (`true`, `1`, `True`; client-node sends explicit `false`). */
export function queryBool(value: string | null): boolean {
  return value !== null && ["true", "1", "t", "yes"].includes(value.toLowerCase());
}
