import { describe, expect, it } from "vitest";
import { makeConfig } from "../testing/configs";
import { validate } from "./validate";

describe("Dynamo validate", () => {
  it("accepts every engine in both modes", () => {
    for (const engine of ["vllm", "sglang", "trtllm"]) {
      for (const mode of ["aggregated", "disaggregated"])
        expect(validate(makeConfig({ runtime: "dynamo", engine, mode })).errors).toEqual([]);
    }
  });

  it("needs a GPU per worker", () => {
    expect(validate(makeConfig({ runtime: "dynamo", engine: "sglang", gpusPerReplica: 0 })).errors.map((e) => e.path)).toEqual([
      "gpusPerReplica",
    ]);
  });

  it("needs a decode replica and two GPUs for disaggregated serving", () => {
    const result = validate(makeConfig({ runtime: "dynamo", engine: "vllm", mode: "disaggregated", replicas: 0, gpusPerReplica: 0 }));
    expect(result.errors.map((e) => e.path)).toEqual(["gpusPerReplica", "replicas", "mode"]);
  });

  it("rejects engine args that fight the generated model and parallelism flags", () => {
    const result = validate(makeConfig({ runtime: "dynamo", engine: "sglang", engineArgs: ["--mem-fraction-static=0.8", "--tp", "2"] }));
    expect(result.errors).toEqual([{ path: "engineArgs.1", message: expect.stringMatching(/^--tp is set by KubeAIRunway/) }]);
  });

  it("rejects names whose child resources would exceed 63 characters", () => {
    const result = validate(makeConfig({ runtime: "dynamo", engine: "vllm", mode: "disaggregated", name: "a".repeat(50) }));
    expect(result.errors).toEqual([{ path: "name", message: expect.stringMatching(/use at most 45$/) }]);
  });

  it("warns that KV routing needs several workers", () => {
    expect(validate(makeConfig({ runtime: "dynamo", engine: "vllm", dynamo: { router: "kv" } })).warnings.map((w) => w.path)).toEqual([
      "dynamo.router",
    ]);
  });
});
