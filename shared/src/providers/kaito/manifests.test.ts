import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { makeConfig } from "../testing/configs";
import { toManifests } from "./manifests";

describe("KAITO manifests", () => {
  it("puts vLLM engine args and the context length in a companion inference_config.yaml ConfigMap", () => {
    const [cm, ws] = toManifests(
      makeConfig({
        runtime: "kaito",
        engine: "vllm",
        model: "phi-4",
        contextLength: 8192,
        engineArgs: ["--gpu-memory-utilization=0.9", "--enable-prefix-caching"],
      }),
    );
    expect(cm?.kind).toBe("ConfigMap");
    expect(parse((cm!.data as Record<string, string>)["inference_config.yaml"] ?? "")).toEqual({
      vllm: { "max-model-len": 8192, "gpu-memory-utilization": 0.9, "enable-prefix-caching": true },
    });
    expect(ws?.inference).toEqual({ preset: { name: "phi-4" }, config: "demo-inference-config" });
    expect(ws).not.toHaveProperty("spec");
  });

  it("references the token Secret by name as modelAccessSecret", () => {
    const [ws] = toManifests(makeConfig({ runtime: "kaito", engine: "vllm", hfTokenSecret: { name: "hf-token", key: "HF_TOKEN" } }));
    expect(ws?.inference).toEqual({ preset: { name: "Qwen/Qwen3-0.6B", presetOptions: { modelAccessSecret: "hf-token" } } });
  });

  it("picks nodes by label selector, else node selector, else apps=<name>, and sets the instance type", () => {
    const pick = (input: Record<string, unknown>) =>
      toManifests(makeConfig({ runtime: "kaito", engine: "vllm", ...input })).at(-1)?.resource;
    expect(pick({ kaito: { instanceType: "Standard_NC24ads_A100_v4" } })).toEqual({
      instanceType: "Standard_NC24ads_A100_v4",
      labelSelector: { matchLabels: { apps: "demo" } },
    });
    expect(pick({ nodeSelector: { pool: "gpu" } })).toEqual({ labelSelector: { matchLabels: { pool: "gpu" } } });
    expect(pick({ nodeSelector: { pool: "gpu" }, kaito: { labelSelector: { apps: "x" } } })).toEqual({
      labelSelector: { matchLabels: { apps: "x" } },
    });
  });

  it("runs llama.cpp from a GGUF file on port 5000, on CPU without GPU requests and on GPU with offload", () => {
    const gguf = {
      runtime: "kaito" as const,
      engine: "llamacpp",
      model: "bartowski/Qwen3-0.6B-GGUF",
      kaito: { ggufFile: "Qwen3-0.6B-Q4_K_M.gguf" },
    };
    const container = (gpus: number) => {
      const ws = toManifests(
        makeConfig({
          ...gguf,
          gpusPerReplica: gpus,
          tolerations: [{ key: "pool", operator: "Equal", value: "cpu", effect: "NoSchedule" }],
        }),
      );
      expect(ws).toHaveLength(1);
      const template = (ws[0]!.inference as { template: { spec: { containers: Record<string, unknown>[]; tolerations: unknown[] } } })
        .template;
      return { c: template.spec.containers[0] ?? {}, tolerations: template.spec.tolerations };
    };
    const cpu = container(0);
    expect(cpu.c.image).toBe("ghcr.io/ggml-org/llama.cpp:server");
    expect(cpu.c.args).toEqual(expect.arrayContaining(["--hf-file", "Qwen3-0.6B-Q4_K_M.gguf", "--port", "5000"]));
    expect(JSON.stringify(cpu.c.resources)).not.toContain("nvidia.com/gpu");
    expect(cpu.tolerations).toEqual([{ key: "pool", operator: "Equal", value: "cpu", effect: "NoSchedule" }]);
    const gpu = container(1);
    expect(gpu.c.image).toBe("ghcr.io/ggml-org/llama.cpp:server-cuda");
    expect(gpu.c.args).toEqual(expect.arrayContaining(["--n-gpu-layers", "999"]));
    expect(gpu.c.resources).toMatchObject({ limits: { "nvidia.com/gpu": "1" } });
    expect(gpu.tolerations).toContainEqual({ key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" });
  });

  it("lets llama-server pick the GGUF repo's default file when none is set (never an empty --hf-file)", () => {
    const [ws] = toManifests(makeConfig({ runtime: "kaito", engine: "llamacpp", model: "bartowski/Qwen3-0.6B-GGUF", gpusPerReplica: 0 }));
    const args = (ws!.inference as { template: { spec: { containers: { args: string[] }[] } } }).template.spec.containers[0]?.args;
    expect(args?.slice(0, 2)).toEqual(["--hf-repo", "bartowski/Qwen3-0.6B-GGUF"]);
    expect(args).not.toContain("--hf-file");
    expect(args).not.toContain("");
  });
});
