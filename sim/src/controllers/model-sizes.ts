/**
 * Model sizes the simulated kubelet needs (load time, whether a model fits GPU memory), extracted
 * from ../shared/data/model-facts.json (weights and minimum GPU memory per replica in GiB, gated). Names not
 * listed are estimated from the parameter count in the name (`7B` → 2 bytes per parameter).
 */

export interface ModelSize {
  id: string;
  /** Licence must be accepted on HuggingFace: downloads need a token. */
  gated: boolean;
  /** KAITO preset name, when KAITO has one. */
  kaitoPreset: string | null;
  weightsGiB: number;
  /** Weights + one 8k-token KV sequence + per-GPU overhead, /0.9 (model-facts.json "basis"). */
  minGpuMemoryGiB: number;
  contextLength: number;
  architecture: string;
}

export const MODEL_SIZES: readonly ModelSize[] = [
  {
    id: "meta-llama/Llama-3.2-1B-Instruct",
    gated: true,
    kaitoPreset: null,
    weightsGiB: 2.3,
    minGpuMemoryGiB: 5.6,
    contextLength: 131072,
    architecture: "LlamaForCausalLM",
  },
  {
    id: "meta-llama/Llama-3.2-3B-Instruct",
    gated: true,
    kaitoPreset: null,
    weightsGiB: 5.98,
    minGpuMemoryGiB: 10.4,
    contextLength: 131072,
    architecture: "LlamaForCausalLM",
  },
  {
    id: "Qwen/Qwen3-0.6B",
    gated: false,
    kaitoPreset: null,
    weightsGiB: 1.11,
    minGpuMemoryGiB: 5.0,
    contextLength: 40960,
    architecture: "Qwen3ForCausalLM",
  },
  {
    id: "Qwen/Qwen3-1.7B",
    gated: false,
    kaitoPreset: null,
    weightsGiB: 3.2,
    minGpuMemoryGiB: 7.3,
    contextLength: 40960,
    architecture: "Qwen3ForCausalLM",
  },
  {
    id: "microsoft/Phi-4-mini-instruct",
    gated: false,
    kaitoPreset: "phi-4-mini-instruct",
    weightsGiB: 7.15,
    minGpuMemoryGiB: 11.8,
    contextLength: 131072,
    architecture: "Phi3ForCausalLM",
  },
  {
    id: "google/gemma-3-4b-it",
    gated: true,
    kaitoPreset: "gemma-3-4b-instruct",
    weightsGiB: 8.01,
    minGpuMemoryGiB: 12.0,
    contextLength: 131072,
    architecture: "Gemma3ForConditionalGeneration",
  },
  {
    id: "meta-llama/Llama-3.1-8B-Instruct",
    gated: true,
    kaitoPreset: "llama-3.1-8b-instruct",
    weightsGiB: 14.96,
    minGpuMemoryGiB: 20.5,
    contextLength: 131072,
    architecture: "LlamaForCausalLM",
  },
  {
    id: "Qwen/Qwen3-8B",
    gated: false,
    kaitoPreset: null,
    weightsGiB: 15.26,
    minGpuMemoryGiB: 21.0,
    contextLength: 40960,
    architecture: "Qwen3ForCausalLM",
  },
  {
    id: "mistralai/Ministral-3-8B-Instruct-2512",
    gated: false,
    kaitoPreset: "ministral-3-8b-instruct",
    weightsGiB: 16.39,
    minGpuMemoryGiB: 22.2,
    contextLength: 262144,
    architecture: "Mistral3ForConditionalGeneration",
  },
  {
    id: "microsoft/phi-4",
    gated: false,
    kaitoPreset: "phi-4",
    weightsGiB: 27.31,
    minGpuMemoryGiB: 34.9,
    contextLength: 16384,
    architecture: "Phi3ForCausalLM",
  },
  {
    id: "openai/gpt-oss-20b",
    gated: false,
    kaitoPreset: "gpt-oss-20b",
    weightsGiB: 13.72,
    minGpuMemoryGiB: 18.2,
    contextLength: 131072,
    architecture: "GptOssForCausalLM",
  },
  {
    id: "Qwen/Qwen3-30B-A3B",
    gated: false,
    kaitoPreset: null,
    weightsGiB: 56.87,
    minGpuMemoryGiB: 66.8,
    contextLength: 40960,
    architecture: "Qwen3MoeForCausalLM",
  },
  {
    id: "Qwen/Qwen3-32B",
    gated: false,
    kaitoPreset: null,
    weightsGiB: 61.02,
    minGpuMemoryGiB: 72.8,
    contextLength: 40960,
    architecture: "Qwen3ForCausalLM",
  },
  {
    id: "google/gemma-3-27b-it",
    gated: true,
    kaitoPreset: "gemma-3-27b-instruct",
    weightsGiB: 51.1,
    minGpuMemoryGiB: 60.7,
    contextLength: 131072,
    architecture: "Gemma3ForConditionalGeneration",
  },
  {
    id: "nvidia/NVIDIA-Nemotron-3-Nano-30B-A3B-BF16",
    gated: false,
    kaitoPreset: null,
    weightsGiB: 58.82,
    minGpuMemoryGiB: 68.2,
    contextLength: 262144,
    architecture: "NemotronHForCausalLM",
  },
  {
    id: "Qwen/Qwen3.6-35B-A3B",
    gated: false,
    kaitoPreset: null,
    weightsGiB: 66.97,
    minGpuMemoryGiB: 77.4,
    contextLength: 262144,
    architecture: "Qwen3_5MoeForConditionalGeneration",
  },
  {
    id: "google/gemma-4-26B-A4B-it",
    gated: false,
    kaitoPreset: null,
    weightsGiB: 48.07,
    minGpuMemoryGiB: 56.6,
    contextLength: 262144,
    architecture: "Gemma4ForConditionalGeneration",
  },
  {
    id: "meta-llama/Llama-3.3-70B-Instruct",
    gated: true,
    kaitoPreset: "llama-3.3-70b-instruct",
    weightsGiB: 131.42,
    minGpuMemoryGiB: 154.4,
    contextLength: 131072,
    architecture: "LlamaForCausalLM",
  },
  {
    id: "openai/gpt-oss-120b",
    gated: false,
    kaitoPreset: "gpt-oss-120b",
    weightsGiB: 64.4,
    minGpuMemoryGiB: 74.7,
    contextLength: 131072,
    architecture: "GptOssForCausalLM",
  },
  {
    id: "deepseek-ai/DeepSeek-R1-0528",
    gated: false,
    kaitoPreset: "deepseek-r1-0528",
    weightsGiB: 1249.83,
    minGpuMemoryGiB: 1496.7,
    contextLength: 163840,
    architecture: "DeepseekV3ForCausalLM",
  },
];

const byKey = new Map<string, ModelSize>();
for (const m of MODEL_SIZES) {
  byKey.set(m.id.toLowerCase(), m);
  byKey.set(m.id.split("/")[1]!.toLowerCase(), m);
  if (m.kaitoPreset) byKey.set(m.kaitoPreset, m);
}

/** Size facts for a model id, KAITO preset or served name; estimated from the name when unknown. */
export function modelSize(model: string): ModelSize {
  const known = byKey.get(model.toLowerCase()) ?? byKey.get(model.split("/").pop()!.toLowerCase());
  if (known) return known;
  const params = /(\d+(?:\.\d+)?)[bB](?![a-zA-Z])/.exec(model);
  const billions = params ? Number(params[1]) : 7;
  const weightsGiB = Math.round(billions * 1.86 * 100) / 100;
  return {
    id: model,
    gated: false,
    kaitoPreset: null,
    weightsGiB,
    minGpuMemoryGiB: Math.round(((weightsGiB + 1 + 2.5) / 0.9) * 10) / 10,
    contextLength: 32768,
    architecture: "LlamaForCausalLM",
  };
}
