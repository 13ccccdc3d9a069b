import { type ErrorCode, errorStatus, type FieldIssue } from "@kubeairunway/shared";

/**
 * Domain errors. Code anywhere in the backend throws one of these; the single `onError` in
 * app.ts turns it into the shared error body. Nothing else writes error responses.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly status: number = errorStatus[code],
    /** Seconds a client should wait before retrying (429/503 from upstream). */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class InvalidInputError extends AppError {
  constructor(message: string, issues: FieldIssue[]) {
    super("invalid_input", message, { issues });
  }
}
export class UnauthenticatedError extends AppError {
  constructor(message = "a valid Kubernetes bearer token is required") {
    super("unauthenticated", message);
  }
}
export class ForbiddenError extends AppError {
  constructor(message: string) {
    super("forbidden", message);
  }
}
export class NotFoundError extends AppError {
  constructor(message: string) {
    super("not_found", message);
  }
}
export class ConflictError extends AppError {
  constructor(message: string) {
    super("conflict", message);
  }
}
export class RuntimeNotInstalledError extends AppError {
  constructor(message: string) {
    super("runtime_not_installed", message);
  }
}
export class UpstreamError extends AppError {
  constructor(message: string, status: 502 | 503 = 503, retryAfter?: number) {
    super("upstream_unavailable", message, undefined, status, retryAfter);
  }
}
