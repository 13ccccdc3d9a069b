import type { Engine } from "../../schemas/common";
import type { ProviderDescriptor } from "../../schemas/providers";

/**
 * NVIDIA Dynamo DynamoGraphDeployment (nvidia.com/v1alpha1). Pods carry
 * `nvidia.com/dynamo-graph-deployment-name=<name>`; the frontend Service `<name>-frontend` serves
 * the OpenAI API on 8000.
 * @see https://github.com/ai-dynamo/dynamo/tree/main/deploy/operator
 */
export const descriptor = {
  id: "dynamo",
  displayName: "NVIDIA Dynamo",
  description: "Datacenter-scale serving with vLLM, SGLang or TensorRT-LLM; aggregated or disaggregated prefill/decode, KV-aware routing.",
  docsUrl: "https://docs.nvidia.com/dynamo/latest/",
  crd: {
    group: "nvidia.com",
    version: "v1alpha1",
    kind: "DynamoGraphDeployment",
    plural: "dynamographdeployments",
    name: "dynamographdeployments.nvidia.com",
  },
  engines: ["vllm", "sglang", "trtllm"],
  modes: ["aggregated", "disaggregated"],
  capabilities: { cpuOnly: false, multiNode: true, autoscaling: false, disaggregated: true },
  instanceLabel: "nvidia.com/dynamo-graph-deployment-name",
  operatorLabels: { "app.kubernetes.io/name": "dynamo-operator" },
  servicePort: 8000,
  openaiBasePath: "/v1",
} satisfies ProviderDescriptor;

export const DYNAMO_VERSION = "1.0.0";

type DynamoEngine = Extract<Engine, "vllm" | "sglang" | "trtllm">;

/** Per engine: runtime image, Python module, and the service-name prefix the upstream examples use. */
export const DYNAMO_ENGINES: Record<DynamoEngine, { image: string; module: string; servicePrefix: string; workingDir: string }> = {
  vllm: {
    image: `nvcr.io/nvidia/ai-dynamo/vllm-runtime:${DYNAMO_VERSION}`,
    module: "dynamo.vllm",
    servicePrefix: "Vllm",
    workingDir: "/workspace/examples/backends/vllm",
  },
  sglang: {
    image: `nvcr.io/nvidia/ai-dynamo/sglang-runtime:${DYNAMO_VERSION}`,
    module: "dynamo.sglang",
    servicePrefix: "SGLang",
    workingDir: "/workspace/examples/backends/sglang",
  },
  trtllm: {
    image: `nvcr.io/nvidia/ai-dynamo/tensorrtllm-runtime:${DYNAMO_VERSION}`,
    module: "dynamo.trtllm",
    servicePrefix: "TRTLLM",
    workingDir: "/workspace/examples/backends/trtllm",
  },
};

export const FRONTEND_SERVICE = "Frontend";
