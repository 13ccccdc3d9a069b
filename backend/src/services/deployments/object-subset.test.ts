import { describe, expect, it } from "vitest";
import { containsDesired } from "./object-subset";

describe("containsDesired", () => {
  it("accepts an object the apiserver decorated with metadata, defaults and status", () => {
    const desired = {
      kind: "Workspace",
      metadata: { name: "a", labels: { x: "1" } },
      resource: { count: 1, labelSelector: { matchLabels: { a: "b" } } },
    };
    const live = {
      ...desired,
      metadata: { ...desired.metadata, uid: "u", resourceVersion: "9" },
      resource: { ...desired.resource, extra: true },
      status: {},
    };
    expect(containsDesired(live, desired)).toBe(true);
  });

  it("rejects a different value, a missing field, or a list of another length", () => {
    expect(containsDesired({ spec: { replicas: 2 } }, { spec: { replicas: 1 } })).toBe(false);
    expect(containsDesired({ spec: {} }, { spec: { model: "m" } })).toBe(false);
    expect(containsDesired({ args: ["a", "b"] }, { args: ["a"] })).toBe(false);
  });
});
