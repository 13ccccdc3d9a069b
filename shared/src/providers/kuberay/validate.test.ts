import { describe, expect, it } from "vitest";
import { capacity } from "../testing/capacity";
import { makeConfig } from "../testing/configs";
import { validate } from "./validate";

describe("KubeRay validate", () => {
  it("rejects zero GPUs: vLLM on Ray needs GPUs and KubeRay has no CPU path", () => {
    expect(validate(makeConfig({ runtime: "kuberay", engine: "vllm", gpusPerReplica: 0 })).errors).toEqual([
      { path: "gpusPerReplica", message: "vllm needs at least one GPU per replica" },
    ]);
  });

  it("keeps replicas inside the autoscaling bounds", () => {
    const result = validate(makeConfig({ runtime: "kuberay", engine: "vllm", replicas: 5, kuberay: { minReplicas: 1, maxReplicas: 3 } }));
    expect(result.errors).toEqual([{ path: "replicas", message: "replicas (5) is above kuberay.maxReplicas (3)" }]);
  });

  it("warns on scale to zero, huge contexts and a tensor-parallel size that does not match the GPUs", () => {
    const result = validate(
      makeConfig({ runtime: "kuberay", engine: "vllm", replicas: 0, contextLength: 262144, engineArgs: ["--tensor-parallel-size=4"] }),
    );
    expect(result.errors).toEqual([]);
    expect(result.warnings.map((w) => w.path)).toEqual(["replicas", "contextLength", "engineArgs"]);
  });

  it("warns when the cluster cannot fit the request", () => {
    const config = makeConfig({ runtime: "kuberay", engine: "vllm", replicas: 2, gpusPerReplica: 4 });
    const warnings = validate(config, capacity("NVIDIA-H100-80GB-HBM3", 2, 8, 3)).warnings;
    expect(warnings).toEqual([
      { path: "gpusPerReplica", message: "No node has 4 free GPUs right now (the most on one node is 3); pods will wait for GPUs." },
      { path: "replicas", message: "This asks for 8 GPUs but only 3 are free; some replicas will stay Pending." },
    ]);
    expect(validate(config, capacity("NVIDIA-H100-80GB-HBM3", 2, 8, 16)).warnings).toEqual([]);
  });

  it("checks capacity of the GPU type the node selector asks for", () => {
    const config = makeConfig({ runtime: "kuberay", engine: "vllm", nodeSelector: { "nvidia.com/gpu.product": "NVIDIA-L4" } });
    expect(validate(config, capacity("NVIDIA-H100-80GB-HBM3", 1, 8, 8)).warnings).toEqual([
      { path: "gpusPerReplica", message: "The cluster has no GPUs of type NVIDIA-L4: the pods will stay Pending until GPU nodes join." },
    ]);
  });
});
