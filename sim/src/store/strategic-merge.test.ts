import { describe, expect, it } from "vitest";
import { strategicMerge } from "./strategic-merge";

const deployment = {
  metadata: { name: "web", finalizers: ["a"] },
  spec: {
    template: {
      spec: {
        containers: [
          { name: "app", image: "nginx:1", ports: [{ containerPort: 80, name: "http" }], env: [{ name: "A", value: "1" }] },
          { name: "sidecar", image: "envoy" },
        ],
      },
    },
  },
};

describe("strategic merge patch", () => {
  it("merges containers by name and keeps fields the patch does not mention (kubectl apply)", () => {
    const patch = {
      $setElementOrder: { containers: [{ name: "app" }, { name: "sidecar" }] },
      spec: {
        template: {
          spec: { $setElementOrder_containers: [], containers: [{ name: "app", image: "nginx:2", env: [{ name: "B", value: "2" }] }] },
        },
      },
    };
    const out = strategicMerge(deployment, patch) as typeof deployment;
    expect(out.spec.template.spec.containers).toEqual([
      {
        name: "app",
        image: "nginx:2",
        ports: [{ containerPort: 80, name: "http" }],
        env: [
          { name: "A", value: "1" },
          { name: "B", value: "2" },
        ],
      },
      { name: "sidecar", image: "envoy" },
    ]);
  });

  it("honours $patch: delete and replace, nulls, and unions merged primitive lists", () => {
    const out = strategicMerge(deployment, {
      metadata: { finalizers: ["b"] },
      spec: {
        template: {
          spec: {
            containers: [
              { name: "sidecar", $patch: "delete" },
              { name: "app", ports: [{ containerPort: 80, $patch: "delete" }], env: null },
            ],
          },
        },
      },
    }) as typeof deployment;
    expect(out.metadata.finalizers).toEqual(["a", "b"]);
    expect(out.spec.template.spec.containers).toEqual([{ name: "app", image: "nginx:1", ports: [] }]);
    const replaced = strategicMerge(deployment, {
      spec: { template: { spec: { containers: [{ name: "only", image: "x" }, { $patch: "replace" }] } } },
    }) as typeof deployment;
    expect(replaced.spec.template.spec.containers).toEqual([{ name: "only", image: "x" }]);
  });
});
