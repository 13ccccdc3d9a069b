/**
 * The admission hook installed for each CRD: prune unknown fields, apply defaults, validate
 * against the version's openAPIV3Schema (kube-api.md §10 "Request processing for CR writes").
 */

import type { AdmitFn, KubeObject, StatusCause } from "../store/types";
import { applyDefaults, prune } from "./prune";
import { type Schema, validateValue } from "./schema";

interface VersionWithSchema {
  name: string;
  schema?: { openAPIV3Schema?: Record<string, unknown> };
}

/** Builds the admit function for a CRD spec; versions without a schema accept anything. */
export function makeCrdAdmit(spec: { versions?: VersionWithSchema[] }, _hasStatus: boolean): AdmitFn {
  const schemas = new Map<string, Schema>();
  for (const v of spec.versions ?? []) {
    if (v.schema?.openAPIV3Schema) schemas.set(v.name, v.schema.openAPIV3Schema as Schema);
  }
  return (object: KubeObject, version: string, unknownFields?: string[]): StatusCause[] => {
    const schema = schemas.get(version);
    if (!schema) return [];
    const pruned = prune(object, schema);
    unknownFields?.push(...pruned);
    applyDefaults(object, schema);
    const causes: StatusCause[] = [];
    const { metadata: _metadata, ...rest } = object;
    const withoutMeta: Schema = { ...schema, properties: { ...(schema.properties ?? {}) } };
    delete withoutMeta.properties?.["metadata"];
    validateValue(rest, withoutMeta, "", causes);
    return causes;
  };
}
