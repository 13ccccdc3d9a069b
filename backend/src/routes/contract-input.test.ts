import { contract, type Endpoint, type ErrorBody, type FieldIssue } from "@kubeairunway/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { type SimBackend, startSimBackend } from "../testing/sim-backend";

/**
 * Every route of the contract that takes params, a query or a body gets one malformed request per
 * input field and must answer 400 `invalid_input` naming that field — never a 500, never a 404
 * from a handler that ran with garbage. Cases are derived from the contract, so a new endpoint or
 * a new field is covered without editing this file.
 */

/** Values tried in turn until the field's own schema rejects one. */
const CANDIDATES = ["Bad_Value!", "-1", "x".repeat(300), "not-a-token", "0", "maybe", ""];

function shapeOf(schema: z.ZodType | undefined): Record<string, z.ZodType> {
  const shape = (schema as unknown as { shape?: Record<string, z.ZodType> } | undefined)?.shape;
  return shape ?? {};
}

function badValueFor(field: z.ZodType): string {
  const bad = CANDIDATES.find((v) => !field.safeParse(v).success);
  if (bad === undefined) throw new Error("no candidate value is rejected by this field");
  return bad;
}

/** A param value that is a valid path segment, for the params not under test. */
const GOOD_PARAM = "team-a";

interface Case {
  name: string;
  field: string;
  location: "params" | "query" | "body";
  method: string;
  path: string;
  body?: string;
}

function casesFor(name: string, endpoint: Endpoint): Case[] {
  const params = shapeOf(endpoint.params);
  const fill = (overrides: Record<string, string>) =>
    endpoint.path.replace(/:([A-Za-z]+)/g, (_, key: string) => encodeURIComponent(overrides[key] ?? GOOD_PARAM));
  const out: Case[] = [];
  const body = endpoint.body ? "{}" : undefined;
  const validBody = endpoint.body
    ? JSON.stringify({ runtime: "kuberay", engine: "vllm", model: "a/b", name: "ok", namespace: "team-a" })
    : undefined;
  for (const [key, schema] of Object.entries(params)) {
    out.push({
      name,
      field: key,
      location: "params",
      method: endpoint.method,
      path: fill({ [key]: badValueFor(schema) }),
      body: validBody,
    });
  }
  for (const [key, schema] of Object.entries(shapeOf(endpoint.query))) {
    const query = `?${key}=${encodeURIComponent(badValueFor(schema))}`;
    out.push({ name, field: key, location: "query", method: endpoint.method, path: `${fill({})}${query}`, body: validBody });
  }
  // An empty object misses every required field; the first one the schema reports is named.
  if (body) out.push({ name, field: "runtime", location: "body", method: endpoint.method, path: fill({}), body });
  return out;
}

const CASES = Object.entries(contract as Record<string, Endpoint>).flatMap(([name, endpoint]) => casesFor(name, endpoint));

let env: SimBackend;
beforeAll(async () => {
  env = await startSimBackend({ gpuNodes: 0 });
});
afterAll(async () => {
  await env?.stop();
});

describe("malformed input to every route of the contract", () => {
  it("covers every endpoint that takes input", () => {
    const withInput = Object.entries(contract as Record<string, Endpoint>).filter(([, e]) => e.params || e.query || e.body);
    expect(new Set(CASES.map((c) => c.name))).toEqual(new Set(withInput.map(([n]) => n)));
  });

  it("serves every endpoint of the contract, so no client method can hit a missing route", async () => {
    const withoutInput = Object.values(contract as Record<string, Endpoint>).filter((e) => !e.params && !e.query && !e.body);
    for (const endpoint of withoutInput) {
      const res = await env.call(endpoint.path, { method: endpoint.method });
      expect(await res.text(), endpoint.path).not.toContain("no route for");
    }
  });

  it.each(CASES)("$name: bad $location field $field → 400 invalid_input naming it", async (c) => {
    const res = await env.call(c.path, { method: c.method, body: c.body, headers: c.body ? { "Content-Type": "application/json" } : {} });
    const text = await res.text();
    expect(res.status, text).toBe(400);
    const error = (JSON.parse(text) as ErrorBody).error;
    expect(error.code).toBe("invalid_input");
    const issues = (error.details as { issues: FieldIssue[] }).issues;
    expect(issues, text).toContainEqual(expect.objectContaining({ path: c.field, location: c.location }));
  });
});
