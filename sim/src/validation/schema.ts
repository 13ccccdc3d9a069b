/**
 * A small structural-schema validator for custom resources, written to reproduce the apiserver's
 * field paths and messages (kube-api.md §10; kube-openapi pkg/validation + apiextensions
 * kubeOpenAPIResultToFieldErrors). Supported: type, nullable, required, enum, pattern, format (ignored),
 * minimum/maximum (+exclusive), multipleOf, minLength/maxLength, minItems/maxItems, uniqueItems,
 * minProperties/maxProperties, properties, additionalProperties, items, allOf/anyOf/oneOf/not,
 * x-kubernetes-int-or-string, x-kubernetes-preserve-unknown-fields, x-kubernetes-embedded-resource.
 * Other x-kubernetes-* keywords (list types, CEL validations) are tolerated and not enforced.
 */

import { cause, formatValue } from "../store/errors";
import type { StatusCause } from "../store/types";

export interface Schema {
  type?: string;
  nullable?: boolean;
  required?: string[];
  enum?: unknown[];
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  multipleOf?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minProperties?: number;
  maxProperties?: number;
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  items?: Schema;
  allOf?: Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  not?: Schema;
  default?: unknown;
  "x-kubernetes-int-or-string"?: boolean;
  "x-kubernetes-preserve-unknown-fields"?: boolean;
  "x-kubernetes-embedded-resource"?: boolean;
  [key: string]: unknown;
}

/** JSON type name as kube-openapi reports it. */
export function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
const patternCache = new Map<string, RegExp | null>();

function compilePattern(pattern: string): RegExp | null {
  if (!patternCache.has(pattern)) {
    try {
      patternCache.set(pattern, new RegExp(pattern, "u"));
    } catch {
      patternCache.set(pattern, null);
    }
  }
  return patternCache.get(pattern) ?? null;
}

/** Validates `value` at `path` against `schema`, appending causes (one per failing field/keyword). */
export function validateValue(value: unknown, schema: Schema, path: string, causes: StatusCause[]): void {
  if (value === null) {
    if (schema.nullable || (schema["x-kubernetes-preserve-unknown-fields"] && !schema.type)) return;
    if (schema.type || schema["x-kubernetes-int-or-string"]) {
      causes.push(cause.typeInvalid(path, "null", `${path} in body must be of type ${expectedType(schema)}: "null"`));
    }
    return;
  }
  if (!typeMatches(value, schema)) {
    const actual = jsonType(value);
    causes.push(cause.typeInvalid(path, actual, `${path} in body must be of type ${expectedType(schema)}: "${actual}"`));
    return;
  }
  if (schema.enum && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) {
    causes.push(cause.notSupported(path, value, schema.enum));
  }
  if (typeof value === "string") validateString(value, schema, path, causes);
  if (typeof value === "number") validateNumber(value, schema, path, causes);
  if (Array.isArray(value)) validateArray(value, schema, path, causes);
  if (isObject(value)) validateObject(value, schema, path, causes);
  for (const sub of schema.allOf ?? []) validateValue(value, sub, path, causes);
  if (schema.anyOf && !schema["x-kubernetes-int-or-string"] && !schema.anyOf.some((s) => passes(value, s, path))) {
    causes.push(cause.invalid(path, value, `${path} in body must validate at least one schema (anyOf)`));
  }
  if (schema.oneOf && schema.oneOf.filter((s) => passes(value, s, path)).length !== 1) {
    causes.push(cause.invalid(path, value, `${path} in body must validate one and only one schema (oneOf)`));
  }
  if (schema.not && passes(value, schema.not, path))
    causes.push(cause.invalid(path, value, `${path} in body must not validate the schema (not)`));
}

function passes(value: unknown, schema: Schema, path: string): boolean {
  const local: StatusCause[] = [];
  validateValue(value, schema, path, local);
  return local.length === 0;
}

function expectedType(schema: Schema): string {
  if (schema["x-kubernetes-int-or-string"]) return "integer,string";
  return schema.type ?? "object";
}

function typeMatches(value: unknown, schema: Schema): boolean {
  if (schema["x-kubernetes-int-or-string"]) return typeof value === "string" || (typeof value === "number" && Number.isInteger(value));
  switch (schema.type) {
    case undefined:
      return true;
    case "object":
      return isObject(value);
    case "array":
      return Array.isArray(value);
    case "string":
      return typeof value === "string";
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    case "number":
      return typeof value === "number";
    case "boolean":
      return typeof value === "boolean";
    default:
      return true;
  }
}

function validateString(value: string, schema: Schema, path: string, causes: StatusCause[]): void {
  const length = [...value].length;
  if (schema.maxLength !== undefined && length > schema.maxLength) causes.push(cause.tooLong(path, schema.maxLength));
  if (schema.minLength !== undefined && length < schema.minLength) {
    causes.push(cause.invalid(path, value, `${path} in body should be at least ${schema.minLength} chars long`));
  }
  if (schema.pattern !== undefined) {
    const re = compilePattern(schema.pattern);
    if (re && !re.test(value)) causes.push(cause.invalid(path, value, `${path} in body should match '${schema.pattern}'`));
  }
}

function validateNumber(value: number, schema: Schema, path: string, causes: StatusCause[]): void {
  if (schema.minimum !== undefined) {
    const bad = schema.exclusiveMinimum ? value <= schema.minimum : value < schema.minimum;
    const word = schema.exclusiveMinimum ? "greater than" : "greater than or equal to";
    if (bad) causes.push(cause.invalid(path, value, `${path} in body should be ${word} ${schema.minimum}`));
  }
  if (schema.maximum !== undefined) {
    const bad = schema.exclusiveMaximum ? value >= schema.maximum : value > schema.maximum;
    const word = schema.exclusiveMaximum ? "less than" : "less than or equal to";
    if (bad) causes.push(cause.invalid(path, value, `${path} in body should be ${word} ${schema.maximum}`));
  }
  if (
    schema.multipleOf !== undefined &&
    schema.multipleOf > 0 &&
    Math.abs(value / schema.multipleOf - Math.round(value / schema.multipleOf)) > 1e-9
  ) {
    causes.push(cause.invalid(path, value, `${path} in body should be a multiple of ${schema.multipleOf}`));
  }
}

function validateArray(value: unknown[], schema: Schema, path: string, causes: StatusCause[]): void {
  if (schema.maxItems !== undefined && value.length > schema.maxItems) causes.push(cause.tooMany(path, value.length, schema.maxItems));
  if (schema.minItems !== undefined && value.length < schema.minItems) {
    causes.push(cause.invalid(path, value, `${path} in body should have at least ${schema.minItems} items`));
  }
  if (schema.uniqueItems) {
    const seen = new Set<string>();
    for (const item of value) {
      const key = JSON.stringify(item);
      if (seen.has(key)) causes.push(cause.duplicate(path, item));
      seen.add(key);
    }
  }
  if (schema.items) {
    for (const [i, item] of value.entries()) validateValue(item, schema.items as Schema, `${path}[${i}]`, causes);
  }
}

function validateObject(value: Record<string, unknown>, schema: Schema, path: string, causes: StatusCause[]): void {
  const count = Object.keys(value).length;
  if (schema.maxProperties !== undefined && count > schema.maxProperties) causes.push(cause.tooMany(path, count, schema.maxProperties));
  if (schema.minProperties !== undefined && count < schema.minProperties) {
    causes.push(cause.invalid(path, value, `${path} in body should have at least ${schema.minProperties} properties`));
  }
  for (const name of schema.required ?? []) {
    if (value[name] === undefined) causes.push(cause.required(join(path, name)));
  }
  if (schema["x-kubernetes-embedded-resource"]) {
    for (const name of ["apiVersion", "kind"]) {
      if (typeof value[name] !== "string" || value[name] === "") causes.push(cause.required(join(path, name), "must not be empty"));
    }
  }
  for (const [key, child] of Object.entries(value)) {
    const sub = schema.properties?.[key] ?? (isObject(schema.additionalProperties) ? schema.additionalProperties : undefined);
    if (sub && child !== undefined) validateValue(child, sub, join(path, key), causes);
  }
}

/** Message helper for tests and callers that need the apiserver's rendering of a value. */
export { formatValue };
