import { describe, expect, it } from "vitest";
import type { StatusCause } from "../store/types";
import { applyDefaults, prune } from "./prune";
import { type Schema, validateValue } from "./schema";

function causesOf(value: unknown, schema: Schema): StatusCause[] {
  const causes: StatusCause[] = [];
  validateValue(value, schema, "spec", causes);
  return causes;
}

describe("structural schema validation", () => {
  it("reports each failing keyword with the apiserver's cause and message", () => {
    const schema: Schema = {
      type: "object",
      required: ["name"],
      properties: {
        name: { type: "string", maxLength: 3, pattern: "^[a-z]+$" },
        replicas: { type: "integer", minimum: 1, maximum: 5 },
        mode: { type: "string", enum: ["a", "b"] },
        items: { type: "array", maxItems: 1, items: { type: "string" } },
        port: { "x-kubernetes-int-or-string": true },
      },
    };
    expect(causesOf({ name: "ABCD", replicas: 0, mode: "c", items: ["x", "y"], port: 1.5 }, schema)).toEqual([
      { reason: "FieldValueTooLong", message: "Too long: may not be more than 3 bytes", field: "spec.name" },
      { reason: "FieldValueInvalid", message: "Invalid value: \"ABCD\": spec.name in body should match '^[a-z]+$'", field: "spec.name" },
      {
        reason: "FieldValueInvalid",
        message: "Invalid value: 0: spec.replicas in body should be greater than or equal to 1",
        field: "spec.replicas",
      },
      { reason: "FieldValueNotSupported", message: 'Unsupported value: "c": supported values: "a", "b"', field: "spec.mode" },
      { reason: "FieldValueTooMany", message: "Too many: 2: must have at most 1 items", field: "spec.items" },
      {
        reason: "FieldValueTypeInvalid",
        message: 'Invalid value: "number": spec.port in body must be of type integer,string: "number"',
        field: "spec.port",
      },
    ]);
    expect(causesOf({}, schema)).toEqual([{ reason: "FieldValueRequired", message: "Required value", field: "spec.name" }]);
  });

  it("requires apiVersion and kind in embedded resources and allows anything under preserve-unknown-fields", () => {
    const schema: Schema = {
      type: "object",
      properties: { template: { type: "object", "x-kubernetes-embedded-resource": true, "x-kubernetes-preserve-unknown-fields": true } },
    };
    expect(causesOf({ template: { spec: {} } }, schema).map((c) => c.field)).toEqual(["spec.template.apiVersion", "spec.template.kind"]);
  });
});

describe("pruning and defaulting", () => {
  it("drops unknown fields except where preserved and fills defaults under existing parents", () => {
    const schema: Schema = {
      type: "object",
      properties: {
        spec: {
          type: "object",
          properties: {
            a: { type: "string", default: "x" },
            keep: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
            nested: { type: "object", properties: { b: { type: "integer", default: 1 } } },
          },
        },
      },
    };
    const object: Record<string, unknown> = {
      apiVersion: "v1",
      kind: "K",
      metadata: { name: "n", bogus: 1 },
      spec: { keep: { anything: true }, junk: 1, list: [] },
      top: 1,
    };
    expect(prune(object, schema).sort()).toEqual(["metadata.bogus", "spec.junk", "spec.list", "top"]);
    applyDefaults(object, schema);
    expect(object).toEqual({ apiVersion: "v1", kind: "K", metadata: { name: "n" }, spec: { a: "x", keep: { anything: true } } });
  });
});
