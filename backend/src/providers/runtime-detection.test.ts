import { describe, expect, it } from "vitest";
import { imageTag, operatorVersion } from "./runtime-detection";

describe("operator version", () => {
  it.each([
    ["quay.io/kuberay/operator:v1.7.0", "1.7.0"],
    ["mcr.microsoft.com/aks/kaito/workspace:0.12.0", "0.12.0"],
    ["registry:5000/dynamo/operator:1.1.0@sha256:abcd", "1.1.0"],
    ["registry:5000/dynamo/operator", undefined],
    ["nginx:latest", undefined],
    [undefined, undefined],
  ])("reads the tag of %s", (image, version) => {
    expect(imageTag(image)).toBe(version);
  });

  it("prefers app.kubernetes.io/version over the image tag", () => {
    const deployment = {
      metadata: { labels: { "app.kubernetes.io/version": "v1.7.0" } },
      spec: { template: { spec: { containers: [{ image: "operator:dev" }] } } },
    };
    expect(operatorVersion(deployment)).toBe("1.7.0");
    expect(operatorVersion({ spec: { template: { spec: { containers: [{ image: "x/op:2.0.1" }] } } } })).toBe("2.0.1");
  });
});
