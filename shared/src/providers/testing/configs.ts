import type { RuntimeId } from "../../schemas/common";
import { DeploymentConfig } from "../../schemas/deployment-config";

/** Loose input: whatever a client might send; `makeConfig` parses it through the real schema. */
export type ConfigInput = { runtime: RuntimeId; engine: string } & Record<string, unknown>;

/** Parses a partial config through the real schema so defaults apply exactly as in the API. */
export function makeConfig<R extends RuntimeId>(
  input: { runtime: R; engine: string } & Record<string, unknown>,
): Extract<DeploymentConfig, { runtime: R }> {
  return DeploymentConfig.parse({ name: "demo", namespace: "team-a", model: "Qwen/Qwen3-0.6B", ...input }) as Extract<
    DeploymentConfig,
    { runtime: R }
  >;
}

/** Optional extras every combination is rendered with and without. */
export const VARIANTS: Record<string, Record<string, unknown>> = {
  plain: {},
  scheduling: {
    nodeSelector: { "nvidia.com/gpu.product": "NVIDIA-H100-80GB-HBM3", pool: "gpu" },
    tolerations: [
      { key: "sku", operator: "Equal", value: "gpu", effect: "NoSchedule" },
      { key: "dedicated", operator: "Exists" },
    ],
  },
  secret: { hfTokenSecret: { name: "hf-token", key: "HF_TOKEN" } },
  engineArgs: { engineArgs: ["--gpu-memory-utilization=0.85", "--enable-prefix-caching"], contextLength: 8192, cpu: "4", memory: "24Gi" },
  everything: {
    nodeSelector: { pool: "gpu" },
    tolerations: [{ key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" }],
    hfTokenSecret: { name: "hf-token", key: "token" },
    engineArgs: ["--dtype", "bfloat16"],
    contextLength: 32768,
    replicas: 2,
    gpusPerReplica: 2,
  },
};

/** Every runtime × engine × mode the providers support, with the base fields each needs. */
export const COMBINATIONS: { label: string; input: ConfigInput }[] = [
  {
    label: "kaito vllm preset",
    input: { runtime: "kaito", engine: "vllm", model: "phi-4-mini-instruct", kaito: { instanceType: "Standard_NC24ads_A100_v4" } },
  },
  { label: "kaito vllm hf id", input: { runtime: "kaito", engine: "vllm", model: "Qwen/Qwen3-0.6B" } },
  {
    label: "kaito llamacpp cpu",
    input: {
      runtime: "kaito",
      engine: "llamacpp",
      model: "bartowski/Qwen3-0.6B-GGUF",
      gpusPerReplica: 0,
      kaito: { ggufFile: "Qwen3-0.6B-Q4_K_M.gguf" },
    },
  },
  {
    label: "kaito llamacpp gpu",
    input: {
      runtime: "kaito",
      engine: "llamacpp",
      model: "bartowski/Qwen3-0.6B-GGUF",
      gpusPerReplica: 1,
      kaito: { ggufFile: "Qwen3-0.6B-Q4_K_M.gguf" },
    },
  },
  {
    // No GGUF file: llama-server picks the repo's default (Q4_K_M, else the first .gguf).
    label: "kaito llamacpp gguf repo, default file",
    input: { runtime: "kaito", engine: "llamacpp", model: "bartowski/Qwen3-0.6B-GGUF", gpusPerReplica: 0 },
  },
  { label: "kuberay vllm", input: { runtime: "kuberay", engine: "vllm" } },
  { label: "kuberay vllm autoscaling", input: { runtime: "kuberay", engine: "vllm", kuberay: { minReplicas: 1, maxReplicas: 4 } } },
  ...(["vllm", "sglang", "trtllm"] as const).flatMap((engine) => [
    { label: `dynamo ${engine} aggregated`, input: { runtime: "dynamo" as const, engine, mode: "aggregated" } },
    {
      label: `dynamo ${engine} disaggregated kv`,
      input: { runtime: "dynamo" as const, engine, mode: "disaggregated", dynamo: { router: "kv", prefillReplicas: 2, prefillGpus: 1 } },
    },
  ]),
];
