/**
 * Recognises the failures that dominate LLM server crash loops from the last log lines, so the
 * explanation can name the cause instead of just "it crashes".
 */
export interface LogHint {
  summary: string;
  fix: string;
}

const HINTS: { pattern: RegExp; hint: LogHint }[] = [
  {
    pattern: /GatedRepoError|gated repo|Access to model .* is restricted|401 Client Error|Invalid user token|Repository Not Found/i,
    hint: {
      summary: "The model cannot be downloaded from HuggingFace: it is gated or private, or the token is missing/invalid.",
      fix: "Accept the model's licence on huggingface.co, store a token in a Secret and set hfTokenSecret on the deployment.",
    },
  },
  {
    pattern:
      /larger than the maximum number of tokens that can be stored in KV cache|No available memory for the cache blocks|max_model_len.*(too large|greater than)/i,
    hint: {
      summary: "The context length does not fit in the GPU memory left for the KV cache.",
      fix: "Lower the context length (--max-model-len), or use more or larger GPUs.",
    },
  },
  {
    pattern: /CUDA out of memory|torch\.OutOfMemoryError|OutOfMemoryError|cudaErrorMemoryAllocation/i,
    hint: {
      summary: "The model does not fit in GPU memory.",
      fix: "Use more GPUs per replica (tensor parallelism), larger GPUs, a quantized model, or a smaller context length.",
    },
  },
  {
    pattern: /no CUDA-capable device|CUDA driver version is insufficient|NVIDIA driver.*(not|too old)|Found no NVIDIA driver/i,
    hint: {
      summary: "The container sees no usable NVIDIA GPU or the driver is too old for the image.",
      fix: "Check the node's driver and device plugin (nvidia-smi on the node), and that the pod requests a GPU.",
    },
  },
  {
    pattern: /is not a supported architecture|Model architectures .* are not supported|does not support|ValueError: .*architecture/i,
    hint: {
      summary: "The engine does not support this model's architecture.",
      fix: "Pick another engine or runtime version, or a model the engine supports.",
    },
  },
];

/** The first known cause found in `lines`, if any. */
export function hintFromLogs(lines: readonly string[]): LogHint | undefined {
  const text = lines.join("\n");
  return HINTS.find((h) => h.pattern.test(text))?.hint;
}
