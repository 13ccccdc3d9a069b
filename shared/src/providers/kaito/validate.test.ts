import { describe, expect, it } from "vitest";
import { makeConfig } from "../testing/configs";
import { validate } from "./validate";

const paths = (issues: { path: string }[]) => issues.map((i) => i.path);

describe("KAITO validate", () => {
  it("accepts a preset on an instance type without findings", () => {
    expect(
      validate(makeConfig({ runtime: "kaito", engine: "vllm", model: "phi-4", kaito: { instanceType: "Standard_NC24ads_A100_v4" } })),
    ).toEqual({
      errors: [],
      warnings: [],
    });
  });

  it("requires a GGUF file for llama.cpp unless the model is a GGUF repo (llama-server then picks Q4_K_M)", () => {
    const cpu = { runtime: "kaito", engine: "llamacpp", gpusPerReplica: 0, nodeSelector: { pool: "cpu" } } as const;
    const result = validate(makeConfig({ ...cpu, model: "Qwen/Qwen3-0.6B" }));
    expect(result.errors).toEqual([{ path: "kaito.ggufFile", message: expect.stringMatching(/set kaito\.ggufFile/) }]);
    expect(result.errors[0]?.message).toContain("Qwen/Qwen3-0.6B does not look like a GGUF repo");
    for (const model of ["bartowski/Qwen3-0.6B-GGUF", "microsoft/Phi-3-mini-4k-instruct-gguf"]) {
      expect(validate(makeConfig({ ...cpu, model })).errors).toEqual([]);
    }
    expect(validate(makeConfig({ ...cpu, model: "Qwen/Qwen3-0.6B", kaito: { ggufFile: "qwen3-0.6b-q8_0.gguf" } })).errors).toEqual([]);
  });

  it("lets llama.cpp run on CPU but not vLLM", () => {
    const cpu = { gpusPerReplica: 0, nodeSelector: { pool: "cpu" } };
    expect(validate(makeConfig({ runtime: "kaito", engine: "llamacpp", kaito: { ggufFile: "m.gguf" }, ...cpu })).errors).toEqual([]);
    expect(validate(makeConfig({ runtime: "kaito", engine: "vllm", ...cpu })).errors).toEqual([
      { path: "gpusPerReplica", message: "vllm needs at least one GPU per replica; use llama.cpp for CPU-only serving" },
    ]);
  });

  it("rejects replica counts a Workspace cannot express", () => {
    expect(paths(validate(makeConfig({ runtime: "kaito", engine: "vllm", replicas: 2 })).errors)).toEqual(["replicas"]);
    expect(paths(validate(makeConfig({ runtime: "kaito", engine: "vllm", replicas: 0 })).errors)).toEqual(["replicas"]);
  });

  it("rejects engine args that would move llama-server off KAITO's port", () => {
    const result = validate(
      makeConfig({ runtime: "kaito", engine: "llamacpp", kaito: { ggufFile: "m.gguf" }, engineArgs: ["--threads=8", "--port=8080"] }),
    );
    expect(result.errors).toEqual([{ path: "engineArgs.1", message: expect.stringMatching(/^--port is set by KubeAIRunway/) }]);
  });

  it("warns about gated models, unlabelled nodes, unsupported tolerations and the token key", () => {
    const warnings = validate(
      makeConfig({
        runtime: "kaito",
        engine: "vllm",
        model: "meta-llama/Llama-3.1-8B-Instruct",
        tolerations: [{ key: "dedicated", operator: "Exists" }],
      }),
    ).warnings;
    expect(paths(warnings)).toEqual(["hfTokenSecret", "tolerations", "kaito.labelSelector"]);
    const keyWarning = validate(
      makeConfig({ runtime: "kaito", engine: "vllm", nodeSelector: { a: "b" }, hfTokenSecret: { name: "hf", key: "token" } }),
    ).warnings;
    expect(paths(keyWarning)).toEqual(["hfTokenSecret.key"]);
  });

  it("trusts the catalog's gated flag over the name heuristic", () => {
    const config = makeConfig({ runtime: "kaito", engine: "vllm", model: "Qwen/Qwen3-0.6B", nodeSelector: { a: "b" } });
    expect(paths(validate(config, undefined, { gated: true }).warnings)).toEqual(["hfTokenSecret"]);
    expect(validate(config, undefined, { gated: false }).warnings).toEqual([]);
  });
});
