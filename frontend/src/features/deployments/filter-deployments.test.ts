import { describe, expect, it } from "vitest";
import { aDeployment } from "../../test/fixtures";
import { filterDeployments } from "./filter-deployments";

const items = [
  aDeployment({ name: "llama", namespace: "team-b", runtime: "kuberay", phase: "Running", model: "meta-llama/Llama-3.1-8B" }),
  aDeployment({ name: "qwen", namespace: "team-a", runtime: "kaito", phase: "Pending" }),
  aDeployment({ name: "phi", namespace: "team-a", runtime: "dynamo", phase: "Failed", model: "microsoft/phi-4" }),
];
const byName = { key: "name", desc: false } as const;

describe("filterDeployments", () => {
  it("matches text against name, model and namespace, case-insensitively", () => {
    expect(filterDeployments(items, { text: "LLAMA-3" }, byName).map((d) => d.name)).toEqual(["llama"]);
    expect(filterDeployments(items, { text: "team-a" }, byName).map((d) => d.name)).toEqual(["phi", "qwen"]);
  });
  it("combines namespace, runtime and phase filters", () => {
    expect(filterDeployments(items, { namespace: "team-a", phase: "Pending" }, byName).map((d) => d.name)).toEqual(["qwen"]);
    expect(filterDeployments(items, { runtime: "kuberay" }, byName).map((d) => d.name)).toEqual(["llama"]);
  });
  it("sorts by phase with failures first, and reverses on desc", () => {
    expect(filterDeployments(items, {}, { key: "phase", desc: false }).map((d) => d.phase)).toEqual(["Failed", "Pending", "Running"]);
    expect(filterDeployments(items, {}, { key: "name", desc: true }).map((d) => d.name)).toEqual(["qwen", "phi", "llama"]);
  });
});
