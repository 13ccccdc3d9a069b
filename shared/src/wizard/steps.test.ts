import { describe, expect, it } from "vitest";
import { COMMON_STEP_OWNERS, type StepOwners, stepLabels, stepOfPath, WIZARD_STEPS } from "./steps";

const owners: StepOwners = { name: "model", kaito: "resources", "kaito.ggufFile": "advanced", tolerations: "resources" };

describe("wizard steps", () => {
  it("lists the six steps in the order both UIs walk them", () => {
    expect(WIZARD_STEPS).toEqual(["model", "runtime", "engine", "resources", "advanced", "review"]);
  });

  it("labels the steps in order, with a UI's own name for a step where it has one", () => {
    expect(stepLabels()).toEqual(["Model", "Runtime", "Engine", "Resources", "Advanced", "Review"]);
    expect(stepLabels({ engine: "Engine and mode" })[2]).toBe("Engine and mode");
  });

  it("places every field all runtimes share on a step before Review", () => {
    const fields = ["model", "name", "namespace", "runtime", "engine", "mode", "replicas", "gpusPerReplica", "cpu", "memory"];
    for (const field of [...fields, "nodeSelector", "engineArgs", "hfTokenSecret.key", "contextLength"]) {
      expect(WIZARD_STEPS.indexOf(stepOfPath(COMMON_STEP_OWNERS, field) ?? "review"), field).toBeLessThan(WIZARD_STEPS.length - 1);
    }
  });

  it("gives an issue to the step that owns its top-level field, however deep the path", () => {
    expect(stepOfPath(owners, "name")).toBe("model");
    expect(stepOfPath(owners, "tolerations.0.key")).toBe("resources");
  });

  it("lets a `key.sub` owner win over the whole object's owner", () => {
    expect(stepOfPath(owners, "kaito.ggufFile")).toBe("advanced");
    expect(stepOfPath(owners, "kaito.instanceType")).toBe("resources");
  });

  it("claims nothing for a field no step owns, including names inherited from Object", () => {
    expect(stepOfPath(owners, "replicas")).toBeUndefined();
    expect(stepOfPath(owners, "constructor")).toBeUndefined();
    expect(stepOfPath(owners, "")).toBeUndefined();
  });
});
