import type { ProviderDescriptor } from "../../schemas/providers";

/**
 * KAITO Workspace (kaito.sh/v1beta1). Pods carry `kaito.sh/workspace=<name>`; the Service `<name>`
 * listens on 80 → 5000 and speaks the OpenAI API at `/v1`.
 * @see https://github.com/kaito-project/kaito/blob/main/config/crd/bases/kaito.sh_workspaces.yaml
 */
export const descriptor = {
  id: "kaito",
  displayName: "KAITO",
  description: "Kubernetes AI Toolchain Operator: vLLM presets or any HuggingFace model, and llama.cpp (GGUF) on CPU or GPU.",
  docsUrl: "https://kaito-project.github.io/kaito/docs/",
  crd: { group: "kaito.sh", version: "v1beta1", kind: "Workspace", plural: "workspaces", name: "workspaces.kaito.sh" },
  engines: ["vllm", "llamacpp"],
  modes: ["aggregated"],
  capabilities: { cpuOnly: true, multiNode: true, autoscaling: false, disaggregated: false },
  instanceLabel: "kaito.sh/workspace",
  operatorLabels: { "app.kubernetes.io/name": "workspace" },
  servicePort: 80,
  openaiBasePath: "/v1",
} satisfies ProviderDescriptor;

/** Port the inference container must serve on: the generated Service targets it. */
export const KAITO_CONTAINER_PORT = 5000;

/** llama.cpp server images (ggml-org); `-cuda` offloads layers to NVIDIA GPUs. */
export const LLAMACPP_IMAGES = {
  cpu: "ghcr.io/ggml-org/llama.cpp:server",
  gpu: "ghcr.io/ggml-org/llama.cpp:server-cuda",
} as const;
