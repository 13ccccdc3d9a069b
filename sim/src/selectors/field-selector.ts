/**
 * Field selectors (apimachinery pkg/fields/selector.go): only `=`, `==`, `!=`, comma = AND.
 * Each kind supports metadata.name and metadata.namespace plus its own list (kube-api.md §3);
 * an unknown field is a 400 BadRequest like the real server's.
 */

import { badRequest } from "../store/errors";
import type { KubeObject } from "../store/types";

interface FieldRequirement {
  field: string;
  equal: boolean;
  value: string;
}

export interface FieldSelector {
  readonly empty: boolean;
  /** The `metadata.name=<x>` value when the selector pins one name (lets the store skip a scan). */
  readonly exactName?: string;
  readonly exactNamespace?: string;
  matches(object: KubeObject): boolean;
}

const EVERYTHING: FieldSelector = { empty: true, matches: () => true };

/**
 * Parses `input` for a kind whose extra selectable fields are `extraFields`.
 * Throws 400 `"<f>" is not a known field selector: only "metadata.name", "metadata.namespace"` for others.
 */
export function parseFieldSelector(input: string | undefined, extraFields: readonly string[] = []): FieldSelector {
  if (input === undefined || input.trim() === "") return EVERYTHING;
  const reqs: FieldRequirement[] = [];
  for (const raw of input.split(",")) {
    const part = raw.trim();
    if (part === "") continue;
    const m = /^([^=!]+?)\s*(==|=|!=)\s*(.*)$/.exec(part);
    if (!m) throw badRequest(`invalid selector: '${input}'; can't understand '${part}'`);
    const field = (m[1] as string).trim() === "spec.host" ? "spec.nodeName" : (m[1] as string).trim();
    if (field !== "metadata.name" && field !== "metadata.namespace" && !extraFields.includes(field)) {
      throw badRequest(
        extraFields.length > 0
          ? `field label not supported: ${field}`
          : `"${field}" is not a known field selector: only "metadata.name", "metadata.namespace"`,
      );
    }
    reqs.push({ field, equal: m[2] !== "!=", value: (m[3] as string).trim() });
  }
  if (reqs.length === 0) return EVERYTHING;
  const exactName = reqs.find((r) => r.equal && r.field === "metadata.name")?.value;
  const exactNamespace = reqs.find((r) => r.equal && r.field === "metadata.namespace")?.value;
  return {
    empty: false,
    ...(exactName !== undefined ? { exactName } : {}),
    ...(exactNamespace !== undefined ? { exactNamespace } : {}),
    matches(object) {
      for (const r of reqs) {
        const actual = fieldValue(object, r.field);
        if ((actual === r.value) !== r.equal) return false;
      }
      return true;
    },
  };
}

/** The string value of a dotted field as the apiserver's ToSelectableFields renders it ("" when absent). */
export function fieldValue(object: KubeObject, path: string): string {
  if (path === "source") {
    const source = object["source"] as { component?: string } | undefined;
    return source?.component ?? "";
  }
  let current: unknown = object;
  for (const key of path.split(".")) {
    if (current === null || typeof current !== "object") return "";
    current = (current as Record<string, unknown>)[key];
  }
  if (current === undefined || current === null) return "";
  if (typeof current === "object") return "";
  return String(current);
}
