import { ApiError } from "@kubeairunway/shared";
import { describe, expect, it } from "vitest";
import { testApp } from "./testing/test-app";

describe("contract client against the app in-process", () => {
  it("returns typed health and version", async () => {
    const { client } = testApp();
    await expect(client.health()).resolves.toEqual({ status: "ok" });
    const version = await client.version();
    expect(version.version).toBe("0.0.0-test");
    expect(version.runtime).toMatch(/^bun /);
  });

  it("filters the model catalog by runtime and search text", async () => {
    const { client } = testApp();
    const all = await client.listModels();
    expect(all.items.length).toBeGreaterThanOrEqual(12);
    const llamacpp = await client.listModels({ query: { engine: "llamacpp" } });
    expect(llamacpp.items.every((m) => m.runtimes.includes("kaito"))).toBe(true);
    const qwen = await client.listModels({ query: { search: "qwen3-8b" } });
    expect(qwen.items.map((m) => m.id)).toEqual(["Qwen/Qwen3-8B"]);
  });

  it("throws a typed ApiError with invalid_input naming the field for a bad query", async () => {
    const { client } = testApp();
    const err = await client.listModels({ query: { runtime: "openshift" as never } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    const apiError = err as ApiError;
    expect(apiError.status).toBe(400);
    expect(apiError.code).toBe("invalid_input");
    expect(apiError.fieldIssues.map((i) => i.path)).toEqual(["runtime"]);
  });

  it("answers unknown API paths with 404 not_found in the shared error body", async () => {
    const { app } = testApp();
    const res = await app.request("/api/nope");
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: "not_found" } });
  });

  it("sets security headers on API responses", async () => {
    const { app } = testApp();
    const res = await app.request("/api/health");
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("allows CORS only for configured origins", async () => {
    const { app } = testApp({}, { CORS_ORIGINS: "http://allowed.example" });
    const ok = await app.request("/api/health", { headers: { Origin: "http://allowed.example" } });
    expect(ok.headers.get("access-control-allow-origin")).toBe("http://allowed.example");
    const other = await app.request("/api/health", { headers: { Origin: "http://evil.example" } });
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
  });
});
