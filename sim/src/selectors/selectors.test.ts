import { describe, expect, it } from "vitest";
import type { KubeObject } from "../store/types";
import { parseFieldSelector } from "./field-selector";
import { parseLabelSelector } from "./label-selector";

const labels = { app: "web", tier: "front", n: "7" };

describe("label selectors", () => {
  it.each([
    ["app=web", true],
    ["app==web", true],
    ["app!=web", false],
    ["missing!=x", true],
    ["tier in (front,back)", true],
    ["tier notin (front)", false],
    ["missing notin (x)", true],
    ["app", true],
    ["!app", false],
    ["!missing", true],
    ["n>5,n<8", true],
    ["app=web, tier in (back)", false],
    ["", true],
  ])("%s → %s", (selector, expected) => {
    expect(parseLabelSelector(selector).matches(labels)).toBe(expected);
  });

  it("accepts matchLabels maps and rejects malformed input with 400", () => {
    expect(parseLabelSelector({ app: "web" }).matches(labels)).toBe(true);
    for (const bad of ["a in (b", "app=we b", "n>x", "-bad=1"])
      expect(() => parseLabelSelector(bad)).toThrowError(expect.objectContaining({ code: 400 }));
  });
});

describe("field selectors", () => {
  const pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "p", namespace: "ns" },
    spec: { nodeName: "n1" },
    status: { phase: "Running" },
  } as KubeObject;
  it("matches =, == and != on the kind's fields", () => {
    const fields = ["spec.nodeName", "status.phase"];
    expect(parseFieldSelector("spec.nodeName=n1,status.phase!=Pending", fields).matches(pod)).toBe(true);
    expect(parseFieldSelector("spec.host==n2", fields).matches(pod)).toBe(false);
    expect(parseFieldSelector("metadata.name=p", fields).exactName).toBe("p");
  });
  it("rejects unknown fields with the apiserver's messages", () => {
    expect(() => parseFieldSelector("spec.x=1", ["spec.nodeName"])).toThrowError("field label not supported: spec.x");
    expect(() => parseFieldSelector("spec.x=1")).toThrowError(
      '"spec.x" is not a known field selector: only "metadata.name", "metadata.namespace"',
    );
  });
});
