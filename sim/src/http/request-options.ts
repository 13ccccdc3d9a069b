/**
 * Query/body options shared by write handlers: dryRun, fieldValidation, DeleteOptions.
 */

import { StatusError } from "../store/errors";
import type { DeleteOptions, WriteOptions } from "../store/types";

function optionsInvalid(kind: string, field: string, value: string, supported: string[]): StatusError {
  const message = `Unsupported value: "${value}": supported values: ${supported.map((s) => `"${s}"`).join(", ")}`;
  return new StatusError({
    message: `${kind}.meta.k8s.io "" is invalid: ${field}: ${message}`,
    reason: "Invalid",
    details: { group: "meta.k8s.io", kind, causes: [{ reason: "FieldValueNotSupported", message, field }] },
    code: 422,
  });
}

/** dryRun + fieldValidation from the query string. */
export function writeOptions(
  url: URL,
  kind: "CreateOptions" | "UpdateOptions" | "PatchOptions" | "DeleteOptions",
): WriteOptions & { warnings: string[] } {
  const dryRuns = url.searchParams.getAll("dryRun").filter((v) => v !== "");
  for (const v of dryRuns) if (v !== "All") throw optionsInvalid(kind, "dryRun", v, ["All"]);
  const validation = url.searchParams.get("fieldValidation");
  const out: WriteOptions & { warnings: string[] } = { dryRun: dryRuns.length > 0, warnings: [] };
  if (validation === "Strict" || validation === "Warn" || validation === "Ignore") out.fieldValidation = validation;
  return out;
}

/** DeleteOptions from the body (kubectl) merged with query parameters (client-node). */
export function deleteOptions(url: URL, body: unknown): DeleteOptions & { warnings: string[] } {
  const base = writeOptions(url, "DeleteOptions");
  const b = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  const out: DeleteOptions & { warnings: string[] } = { ...base };
  if (Array.isArray(b["dryRun"])) {
    for (const v of b["dryRun"] as string[]) if (v !== "All") throw optionsInvalid("DeleteOptions", "dryRun", String(v), ["All"]);
    if ((b["dryRun"] as string[]).length > 0) out.dryRun = true;
  }
  const grace = b["gracePeriodSeconds"] ?? url.searchParams.get("gracePeriodSeconds") ?? undefined;
  if (grace !== undefined && grace !== null && grace !== "") out.gracePeriodSeconds = Number(grace);
  const policy = (b["propagationPolicy"] ?? url.searchParams.get("propagationPolicy") ?? undefined) as string | undefined;
  if (policy) {
    if (policy !== "Background" && policy !== "Foreground" && policy !== "Orphan") {
      throw optionsInvalid("DeleteOptions", "propagationPolicy", policy, ["Foreground", "Background", "Orphan"]);
    }
    out.propagationPolicy = policy;
  } else if (b["orphanDependents"] === true || url.searchParams.get("orphanDependents") === "true") out.propagationPolicy = "Orphan";
  const pre = b["preconditions"] as { uid?: string; resourceVersion?: string } | undefined;
  if (pre && (pre.uid || pre.resourceVersion)) out.preconditions = pre;
  return out;
}
