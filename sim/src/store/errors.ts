/**
 * Kubernetes `Status` errors with the real reasons, codes and message shapes
 * (kube-api.md §5; apimachinery pkg/api/errors/errors.go). The store throws them; the HTTP layer
 * writes `error.status` as the response body with `error.status.code` as the HTTP status.
 */

import type { KubeStatus, ResourceInfo, StatusCause } from "./types";

/** An error that carries the Status object the apiserver would answer with. */
export class StatusError extends Error {
  readonly status: KubeStatus;
  /** Extra response headers (e.g. Retry-After). */
  readonly headers: Record<string, string>;

  constructor(status: Omit<KubeStatus, "kind" | "apiVersion" | "metadata" | "status">, headers: Record<string, string> = {}) {
    super(status.message ?? status.reason ?? "error");
    this.status = { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", ...status };
    this.headers = headers;
  }

  get code(): number {
    return this.status.code ?? 500;
  }
}

/** `pods` for core resources, `deployments.apps` / `workspaces.kaito.sh` otherwise. */
export function qualifiedResource(group: string, resource: string): string {
  return group ? `${resource}.${group}` : resource;
}

type ResourceRef = Pick<ResourceInfo, "group" | "resource">;

function details(ref: ResourceRef, name: string | undefined): KubeStatus["details"] {
  return { ...(name !== undefined ? { name } : {}), ...(ref.group ? { group: ref.group } : {}), kind: ref.resource };
}

export function notFound(ref: ResourceRef, name: string): StatusError {
  return new StatusError({
    message: `${qualifiedResource(ref.group, ref.resource)} "${name}" not found`,
    reason: "NotFound",
    details: details(ref, name),
    code: 404,
  });
}

export function alreadyExists(ref: ResourceRef, name: string): StatusError {
  return new StatusError({
    message: `${qualifiedResource(ref.group, ref.resource)} "${name}" already exists`,
    reason: "AlreadyExists",
    details: details(ref, name),
    code: 409,
  });
}

export function conflict(ref: ResourceRef, name: string, why?: string): StatusError {
  const reason = why ?? "the object has been modified; please apply your changes to the latest version and try again";
  return new StatusError({
    message: `Operation cannot be fulfilled on ${qualifiedResource(ref.group, ref.resource)} "${name}": ${reason}`,
    reason: "Conflict",
    details: details(ref, name),
    code: 409,
  });
}

/** 422 Invalid: `<Kind>[.<group>] "<name>" is invalid: <field>: <message>` (or a bracketed list for ≥2 causes). */
export function invalid(kind: string, group: string, name: string, causes: StatusCause[]): StatusError {
  const parts = causes.map((c) => (c.field ? `${c.field}: ${c.message}` : c.message));
  const summary = parts.length === 1 ? parts[0] : `[${parts.join(", ")}]`;
  return new StatusError({
    message: `${group ? `${kind}.${group}` : kind} "${name}" is invalid: ${summary}`,
    reason: "Invalid",
    details: { name, ...(group ? { group } : {}), kind, causes },
    code: 422,
  });
}

export function badRequest(message: string): StatusError {
  return new StatusError({ message, reason: "BadRequest", code: 400 });
}

export function forbidden(message: string, ref?: ResourceRef, name?: string): StatusError {
  return new StatusError({ message, reason: "Forbidden", ...(ref ? { details: details(ref, name) } : {}), code: 403 });
}

export function unauthorized(): StatusError {
  return new StatusError({ message: "Unauthorized", reason: "Unauthorized", code: 401 });
}

/** 410 Expired, used for too-old resourceVersions and continue tokens. */
export function expired(message: string): StatusError {
  return new StatusError({ message, reason: "Expired", code: 410 });
}

export function methodNotAllowed(verb: string, ref: ResourceRef): StatusError {
  return new StatusError({
    message: `${verb} is not supported on resources of kind "${qualifiedResource(ref.group, ref.resource)}"`,
    reason: "MethodNotAllowed",
    details: details(ref, undefined),
    code: 405,
  });
}

export function internalError(message: string): StatusError {
  return new StatusError({ message: `Internal error occurred: ${message}`, reason: "InternalError", code: 500 });
}

export function serviceUnavailable(message: string): StatusError {
  return new StatusError({ message, reason: "ServiceUnavailable", code: 503 });
}

export function unsupportedMediaType(message: string): StatusError {
  return new StatusError({ message, reason: "UnsupportedMediaType", code: 415 });
}

/** Cause helpers with the exact message bodies of apimachinery's field errors. */
export const cause = {
  required(field: string, detail?: string): StatusCause {
    return { reason: "FieldValueRequired", message: detail ? `Required value: ${detail}` : "Required value", field };
  },
  invalid(field: string, value: unknown, detail: string): StatusCause {
    return { reason: "FieldValueInvalid", message: `Invalid value: ${formatValue(value)}: ${detail}`, field };
  },
  notSupported(field: string, value: unknown, supported: unknown[]): StatusCause {
    const list = supported.map(formatValue).join(", ");
    return { reason: "FieldValueNotSupported", message: `Unsupported value: ${formatValue(value)}: supported values: ${list}`, field };
  },
  forbidden(field: string, detail: string): StatusCause {
    return { reason: "FieldValueForbidden", message: `Forbidden: ${detail}`, field };
  },
  tooLong(field: string, max: number): StatusCause {
    return { reason: "FieldValueTooLong", message: `Too long: may not be more than ${max} bytes`, field };
  },
  tooMany(field: string, actual: number, max: number, what = "items"): StatusCause {
    return { reason: "FieldValueTooMany", message: `Too many: ${actual}: must have at most ${max} ${what}`, field };
  },
  typeInvalid(field: string, value: unknown, detail: string): StatusCause {
    return { reason: "FieldValueTypeInvalid", message: `Invalid value: ${formatValue(value)}: ${detail}`, field };
  },
  duplicate(field: string, value: unknown): StatusCause {
    return { reason: "FieldValueDuplicate", message: `Duplicate value: ${formatValue(value)}`, field };
  },
};

/** Go's `%v`-ish rendering used in field errors: strings quoted, numbers/bools bare, objects as JSON. */
export function formatValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value === null || value === undefined) return "null";
  return JSON.stringify(value);
}
