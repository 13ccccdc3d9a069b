import type { DeploymentSummary } from "@kubeairunway/shared";
import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../errors";
import { encodeContinue, filterKey, matches, pageStart, type Row, SEE_ALL, sortRows, type Visibility } from "./list-query";

function summary(name: string, namespace: string, extra: Partial<DeploymentSummary> = {}): DeploymentSummary {
  return {
    name,
    namespace,
    runtime: "kaito",
    model: "Qwen/Qwen3-0.6B",
    phase: "Running",
    replicas: { desired: 1, ready: 1 },
    gpus: 1,
    pods: { total: 1, ready: 1, restarts: 0 },
    explanation: "",
    createdAt: "2026-01-01T00:00:00Z",
    resourceVersion: "1",
    ...extra,
  };
}
const row = (s: DeploymentSummary): Row => ({ summary: s, json: JSON.stringify(s) });

describe("list filtering", () => {
  const teamA: Visibility = { kaito: new Set(["team-a"]), kuberay: new Set(["team-a"]), dynamo: "all" };

  it("hides namespaces the caller may not list, per runtime", () => {
    expect(matches(summary("a", "team-a"), {}, teamA, undefined)).toBe(true);
    expect(matches(summary("b", "team-b"), {}, teamA, undefined)).toBe(false);
    expect(matches(summary("c", "team-b", { runtime: "dynamo" }), {}, teamA, undefined)).toBe(true);
  });

  it("matches text against name, namespace and model, case-insensitively", () => {
    const s = summary("chat", "ml", { model: "meta-llama/Llama-3.1-8B" });
    expect(matches(s, {}, SEE_ALL, "llama-3")).toBe(true);
    expect(matches(s, {}, SEE_ALL, "mistral")).toBe(false);
    expect(matches(s, { phase: "Pending" }, SEE_ALL, undefined)).toBe(false);
    expect(matches(s, { runtime: "kuberay" }, SEE_ALL, undefined)).toBe(false);
  });

  it("keys caches by filter and by the set of visible namespaces, whatever their order", () => {
    const one: Visibility = { kaito: new Set(["a", "b"]), kuberay: "all", dynamo: "all" };
    const same: Visibility = { kaito: new Set(["b", "a"]), kuberay: "all", dynamo: "all" };
    expect(filterKey({ text: "X" }, one)).toBe(filterKey({ text: "x" }, same));
    expect(filterKey({}, one)).not.toBe(filterKey({}, SEE_ALL));
  });
});

describe("sorting and paging", () => {
  const rows = [row(summary("b", "ns1")), row(summary("a", "ns2")), row(summary("c", "ns1", { createdAt: "2025-01-01T00:00:00Z" }))];

  it("sorts by the field, ties by namespace then name; '-' reverses only the field", () => {
    expect(sortRows(rows, "namespace").map((r) => r.summary.name)).toEqual(["b", "c", "a"]);
    expect(sortRows(rows, "-namespace").map((r) => r.summary.name)).toEqual(["a", "b", "c"]);
    expect(sortRows(rows, "name").map((r) => r.summary.name)).toEqual(["a", "b", "c"]);
    expect(sortRows(rows, "age").map((r) => r.summary.name)).toEqual(["c", "b", "a"]);
  });

  it("continues after the last row returned even when rows were inserted before it", () => {
    const sorted = sortRows(rows, "name");
    const token = encodeContinue((sorted[0] as Row).summary, "name");
    const grown = sortRows([...rows, row(summary("0-new", "ns9"))], "name");
    expect(grown[pageStart(grown, token, "name")]?.summary.name).toBe("b");
  });

  it("rejects a forged token, or one issued for another sort, as invalid input naming continue", () => {
    const token = encodeContinue(summary("a", "ns"), "name");
    expect(() => pageStart(rows, token, "-age")).toThrow(InvalidInputError);
    expect(() => pageStart(rows, "not-a-token", "name")).toThrow(/continue/);
  });
});
