import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { makeConfig } from "../testing/configs";
import { toManifests } from "./manifests";

type Spec = {
  serveConfigV2: string;
  rayClusterConfig: {
    enableInTreeAutoscaling?: boolean;
    headGroupSpec: { template: { spec: Record<string, unknown> } };
    workerGroupSpecs: {
      replicas: number;
      minReplicas: number;
      maxReplicas: number;
      rayStartParams: Record<string, string>;
      template: { spec: { containers: Record<string, unknown>[] } & Record<string, unknown> };
    }[];
  };
};
const spec = (input: Record<string, unknown>) => toManifests(makeConfig({ runtime: "kuberay", engine: "vllm", ...input }))[0]?.spec as Spec;

describe("KubeRay manifests", () => {
  it("serves the model with Ray Serve LLM, tensor parallel over the worker's GPUs, user args as kwargs", () => {
    const s = spec({
      gpusPerReplica: 2,
      contextLength: 4096,
      engineArgs: ["--gpu-memory-utilization", "0.8"],
      kuberay: { minReplicas: 1, maxReplicas: 3 },
    });
    const app = parse(s.serveConfigV2).applications[0];
    expect(app.import_path).toBe("ray.serve.llm:build_openai_app");
    const llm = app.args.llm_configs[0];
    expect(llm.model_loading_config).toEqual({ model_id: "Qwen/Qwen3-0.6B", model_source: "Qwen/Qwen3-0.6B" });
    expect(llm.engine_kwargs).toEqual({ tensor_parallel_size: 2, max_model_len: 4096, gpu_memory_utilization: 0.8 });
    expect(llm.deployment_config.autoscaling_config).toMatchObject({ min_replicas: 1, max_replicas: 3 });
    const [worker] = s.rayClusterConfig.workerGroupSpecs;
    expect(worker).toMatchObject({ replicas: 1, minReplicas: 1, maxReplicas: 3, rayStartParams: { "num-gpus": "2" } });
    expect(worker?.template.spec.containers[0]?.resources).toMatchObject({ limits: { "nvidia.com/gpu": "2" } });
    expect(s.rayClusterConfig.enableInTreeAutoscaling).toBe(true);
  });

  it("pins the worker count without autoscaling bounds", () => {
    const s = spec({ replicas: 2 });
    expect(s.rayClusterConfig.workerGroupSpecs[0]).toMatchObject({ replicas: 2, minReplicas: 2, maxReplicas: 2 });
    expect(s.rayClusterConfig.enableInTreeAutoscaling).toBeUndefined();
  });

  it("puts the node selector on GPU workers only and the token as a Secret reference", () => {
    const s = spec({ nodeSelector: { pool: "gpu" }, hfTokenSecret: { name: "hf-token", key: "hf_token" } });
    const worker = s.rayClusterConfig.workerGroupSpecs[0]?.template.spec;
    expect(worker?.nodeSelector).toEqual({ pool: "gpu" });
    expect(worker?.tolerations).toEqual([{ key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" }]);
    expect(s.rayClusterConfig.headGroupSpec.template.spec.nodeSelector).toBeUndefined();
    expect(worker?.containers[0]?.env).toContainEqual({
      name: "HF_TOKEN",
      valueFrom: { secretKeyRef: { name: "hf-token", key: "hf_token" } },
    });
  });
});
