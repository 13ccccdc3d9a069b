import { z } from "zod";

/** The error codes every non-2xx response carries (design.md §2). UIs switch on these. */
export const ErrorCode = z.enum([
  "invalid_input",
  "unauthenticated",
  "forbidden",
  "not_found",
  "conflict",
  "runtime_not_installed",
  "upstream_unavailable",
  "internal",
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** HTTP status used for each code; `upstream_unavailable` may also be 502. */
export const errorStatus: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  runtime_not_installed: 412,
  upstream_unavailable: 503,
  internal: 500,
};

/** A field-level problem inside `details.issues` of an `invalid_input` error. */
export const FieldIssue = z.object({
  /** Dotted path of the offending field, e.g. `replicas` or `engineArgs.2`. */
  path: z.string(),
  message: z.string(),
  /** Which part of the request held the field. */
  location: z.enum(["params", "query", "body"]).optional(),
});
export type FieldIssue = z.infer<typeof FieldIssue>;

export const ErrorBody = z.object({
  error: z.object({
    code: ErrorCode,
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** Thrown by the API client for every non-2xx answer; also used for network failures. */
export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  /** Worth retrying: the upstream was unavailable or rate-limited, not the request at fault. */
  get retryable(): boolean {
    return this.code === "upstream_unavailable" || this.status === 429;
  }

  /** Field issues of an `invalid_input` error, empty for other codes. */
  get fieldIssues(): FieldIssue[] {
    const parsed = z.object({ issues: z.array(FieldIssue) }).safeParse(this.details);
    return parsed.success ? parsed.data.issues : [];
  }

  /** Reads the shared error body; a body of another shape still yields a typed error. */
  static async fromResponse(res: Response): Promise<ApiError> {
    const text = await res.text().catch(() => "");
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const body = ErrorBody.safeParse(json);
    if (body.success) {
      const { code, message, details } = body.data.error;
      return new ApiError(res.status, code, message, details);
    }
    return new ApiError(res.status, codeForStatus(res.status), text.slice(0, 500) || res.statusText || `HTTP ${res.status}`);
  }
}

/** Best code for a status that arrived without our error body (e.g. from a proxy in between). */
export function codeForStatus(status: number): ErrorCode {
  if (status === 400 || status === 422) return "invalid_input";
  if (status === 401) return "unauthenticated";
  if (status === 403) return "forbidden";
  if (status === 404) return "not_found";
  if (status === 409) return "conflict";
  if (status === 412) return "runtime_not_installed";
  if (status === 429 || status === 502 || status === 503 || status === 504) return "upstream_unavailable";
  return "internal";
}

/** Turns zod issues into the `details` of an `invalid_input` error, one entry per field. */
export function issuesFromZod(error: z.ZodError, location?: FieldIssue["location"]): FieldIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join(".") || location || "(root)";
    return location ? { path, message: issue.message, location } : { path, message: issue.message };
  });
}
