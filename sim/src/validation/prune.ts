/**
 * Pruning and defaulting of custom resources against a structural schema, as the apiserver does
 * on decode (apiextensions pkg/apiserver/schema/pruning/algorithm.go, defaulting/algorithm.go).
 */

import type { Schema } from "./schema";

const OBJECT_META_FIELDS = new Set([
  "name",
  "generateName",
  "namespace",
  "selfLink",
  "uid",
  "resourceVersion",
  "generation",
  "creationTimestamp",
  "deletionTimestamp",
  "deletionGracePeriodSeconds",
  "labels",
  "annotations",
  "ownerReferences",
  "finalizers",
  "managedFields",
]);

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/**
 * Deletes fields the schema does not know (in place) and returns their paths
 * (`spec.foo`, `spec.items[0].bar`), which `fieldValidation=Strict|Warn` report.
 */
export function prune(value: unknown, schema: Schema, path = "", root = true): string[] {
  const pruned: string[] = [];
  pruneInto(value, schema, path, root, pruned);
  return pruned;
}

function pruneInto(value: unknown, schema: Schema, path: string, keepTypeMeta: boolean, pruned: string[]): void {
  if (Array.isArray(value)) {
    if (schema.items) {
      for (const [i, item] of value.entries()) pruneInto(item, schema.items as Schema, `${path}[${i}]`, false, pruned);
    }
    return;
  }
  if (!isObject(value)) return;
  const preserve = schema["x-kubernetes-preserve-unknown-fields"] === true;
  const embedded = keepTypeMeta || schema["x-kubernetes-embedded-resource"] === true;
  for (const key of Object.keys(value)) {
    const childPath = path ? `${path}.${key}` : key;
    if (embedded && (key === "apiVersion" || key === "kind")) continue;
    if (embedded && key === "metadata") {
      pruneMetadata(value[key], childPath, pruned);
      continue;
    }
    const sub = schema.properties?.[key] ?? (isObject(schema.additionalProperties) ? schema.additionalProperties : undefined);
    if (sub) pruneInto(value[key], sub, childPath, false, pruned);
    else if (!preserve && schema.additionalProperties !== true) {
      delete value[key];
      pruned.push(childPath);
    }
  }
}

function pruneMetadata(metadata: unknown, path: string, pruned: string[]): void {
  if (!isObject(metadata)) return;
  for (const key of Object.keys(metadata)) {
    if (!OBJECT_META_FIELDS.has(key)) {
      delete metadata[key];
      pruned.push(`${path}.${key}`);
    }
  }
}

/** Fills `default:` values for absent properties whose parent object exists (in place). */
export function applyDefaults(value: unknown, schema: Schema): void {
  if (Array.isArray(value)) {
    if (schema.items) for (const item of value) applyDefaults(item, schema.items);
    return;
  }
  if (!isObject(value)) return;
  for (const [key, sub] of Object.entries(schema.properties ?? {})) {
    if (value[key] === null && !sub.nullable && sub.default !== undefined) delete value[key];
    if (value[key] === undefined && sub.default !== undefined) value[key] = structuredClone(sub.default);
    if (value[key] !== undefined) applyDefaults(value[key], sub);
  }
  if (isObject(schema.additionalProperties)) {
    for (const [key, child] of Object.entries(value)) {
      if (!schema.properties?.[key]) applyDefaults(child, schema.additionalProperties);
    }
  }
}
