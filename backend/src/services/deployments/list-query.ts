import type { DeploymentSummary, Phase, RuntimeId } from "@kubeairunway/shared";
import { InvalidInputError } from "../../errors";

/** Sort orders of `GET /api/deployments` (DeploymentSort in the contract). */
export type SortOrder = "name" | "-name" | "namespace" | "-namespace" | "age" | "-age" | "phase" | "-phase" | "runtime" | "-runtime";

/** The filter part of a list request, already validated by the contract. */
export interface ListFilter {
  namespace?: string;
  runtime?: RuntimeId;
  phase?: Phase;
  text?: string;
  sort?: SortOrder;
}

/**
 * Which namespaces a caller may list, per runtime (RBAC grants each custom resource separately):
 * `"all"`, or a set of namespaces.
 */
export type Visibility = Readonly<Record<RuntimeId, "all" | ReadonlySet<string>>>;

/** A caller who may see everything (AUTH_MODE=none, or a cluster-wide reader). */
export const SEE_ALL: Visibility = { kaito: "all", kuberay: "all", dynamo: "all" };

/** Whether `visibility` lets the caller see namespace `namespace` of `runtime`. */
export function canSee(visibility: Visibility, runtime: RuntimeId, namespace: string): boolean {
  const allowed = visibility[runtime];
  return allowed === "all" || allowed.has(namespace);
}

export interface Row {
  summary: DeploymentSummary;
  json: string;
}

/** Stable text for a filter + visibility: the key of every list cache. */
export function filterKey(filter: ListFilter, visibility: Visibility): string {
  const ns = (["kaito", "kuberay", "dynamo"] as const).map((r) => {
    const allowed = visibility[r];
    return allowed === "all" ? "*" : [...allowed].sort().join(",");
  });
  return JSON.stringify([
    filter.namespace ?? "",
    filter.runtime ?? "",
    filter.phase ?? "",
    filter.text?.trim().toLowerCase() ?? "",
    filter.sort ?? "",
    ns,
  ]);
}

/** Keeps the rows the filter and the caller's visibility allow. */
export function matches(summary: DeploymentSummary, filter: ListFilter, visibility: Visibility, text: string | undefined): boolean {
  if (!canSee(visibility, summary.runtime, summary.namespace)) return false;
  if (filter.namespace && summary.namespace !== filter.namespace) return false;
  if (filter.runtime && summary.runtime !== filter.runtime) return false;
  if (filter.phase && summary.phase !== filter.phase) return false;
  if (text) {
    const haystack = `${summary.name} ${summary.namespace} ${summary.model} ${summary.runtime} ${summary.engine ?? ""}`.toLowerCase();
    if (!haystack.includes(text)) return false;
  }
  return true;
}

type SortTuple = [string, string, string, string];

/** The tuple rows are ordered by: the sort field, then namespace, name and runtime as tie-breakers. */
export function sortTuple(
  summary: Pick<DeploymentSummary, "name" | "namespace" | "runtime" | "phase" | "createdAt">,
  sort: SortOrder,
): SortTuple {
  const field = sort.replace(/^-/, "");
  const primary =
    field === "age"
      ? summary.createdAt
      : field === "phase"
        ? summary.phase
        : field === "runtime"
          ? summary.runtime
          : field === "name"
            ? summary.name
            : summary.namespace;
  return [primary, summary.namespace, summary.name, summary.runtime];
}

function compareTuples(a: SortTuple, b: SortTuple): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as string;
    const y = b[i] as string;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** Orders rows; `-field` reverses only the primary field so ties stay alphabetical. "age" sorts oldest first. */
export function sortRows(rows: Row[], sort: SortOrder): Row[] {
  const descending = sort.startsWith("-");
  const keyed = rows.map((row) => ({ row, key: sortTuple(row.summary, sort) }));
  keyed.sort((a, b) => compareRowKeys(a.key, b.key, descending));
  return keyed.map((k) => k.row);
}

function compareRowKeys(a: SortTuple, b: SortTuple, descending: boolean): number {
  if (a[0] !== b[0]) return (a[0] < b[0] ? -1 : 1) * (descending ? -1 : 1);
  return compareTuples(a, b);
}

/**
 * Continue tokens name the last row returned (its sort tuple), not an offset, so a page boundary
 * survives inserts and deletes between requests, as Kubernetes' own continue tokens do.
 */
export function encodeContinue(summary: DeploymentSummary, sort: SortOrder): string {
  return Buffer.from(JSON.stringify({ s: sort, k: sortTuple(summary, sort) })).toString("base64url");
}

function decodeContinue(token: string, sort: SortOrder): SortTuple {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    parsed = undefined;
  }
  const ok =
    typeof parsed === "object" &&
    parsed !== null &&
    (parsed as { s?: unknown }).s === sort &&
    Array.isArray((parsed as { k?: unknown }).k) &&
    (parsed as { k: unknown[] }).k.length === 4 &&
    (parsed as { k: unknown[] }).k.every((v) => typeof v === "string");
  if (!ok) {
    throw new InvalidInputError("invalid query: continue: not a token from this list (or the sort changed)", [
      { path: "continue", message: "not a continue token issued for this sort order", location: "query" },
    ]);
  }
  return (parsed as { k: SortTuple }).k;
}

/** Index of the first row after the continue token's row (binary search over the sorted rows). */
export function pageStart(rows: readonly Row[], token: string | undefined, sort: SortOrder): number {
  if (!token) return 0;
  const after = decodeContinue(token, sort);
  const descending = sort.startsWith("-");
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const row = rows[mid] as Row;
    if (compareRowKeys(sortTuple(row.summary, sort), after, descending) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
