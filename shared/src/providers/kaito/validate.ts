import type { KaitoConfig } from "../../schemas/deployment-config";
import type { GpuCapacity } from "../../schemas/gpu";
import type { ValidationHints, ValidationResult } from "../types";
import { checkReservedFlags, commonChecks } from "../validate-common";
import { descriptor } from "./descriptor";

/** Taints KAITO's preset pods already tolerate (runtimes.md §1.4). */
const PRESET_TOLERATED = new Set(["nvidia.com/gpu", "sku"]);

/**
 * Whether a model id names a GGUF repo by the Hub's convention (`bartowski/Qwen3-0.6B-GGUF`,
 * `ggml-org/gemma-3-1b-it-GGUF`): llama-server then picks a file itself (Q4_K_M, else the first).
 */
export function isGgufRepo(model: string): boolean {
  return /gguf$/i.test(model.split("/").at(-1) ?? "");
}

/** KAITO-specific rules on top of the common checks. */
export function validate(config: KaitoConfig, cluster?: GpuCapacity, hints?: ValidationHints): ValidationResult {
  const issues = commonChecks(config, descriptor, cluster, hints);
  if (config.replicas !== 1) {
    issues.error("replicas", "A KAITO Workspace serves exactly one replica; set replicas to 1 (delete the deployment to stop it)");
  }
  if (config.engine === "llamacpp") {
    if (!config.kaito.ggufFile && !isGgufRepo(config.model)) {
      issues.error(
        "kaito.ggufFile",
        `llama.cpp loads GGUF weights and ${config.model} does not look like a GGUF repo (its name does not end in GGUF): set kaito.ggufFile to the .gguf file to load (e.g. model-Q4_K_M.gguf), or pick a GGUF repo`,
      );
    }
    checkReservedFlags(
      issues,
      config,
      ["hf-repo", "hf-file", "host", "port", "m", "model"],
      "llama-server must serve on port 5000 for KAITO's Service",
    );
  } else {
    if (config.kaito.ggufFile) issues.warn("kaito.ggufFile", "The GGUF file is only used with llama.cpp; vLLM presets ignore it");
    checkReservedFlags(issues, config, ["host", "port", "model"], "KAITO runs vLLM for the preset");
    const untolerated = config.tolerations.filter((t) => !t.key || !PRESET_TOLERATED.has(t.key));
    if (untolerated.length > 0) {
      issues.warn(
        "tolerations",
        "KAITO presets cannot carry custom tolerations (their pods tolerate nvidia.com/gpu and sku=gpu only); the others are not applied",
      );
    }
    if (config.hfTokenSecret && config.hfTokenSecret.key !== "HF_TOKEN") {
      issues.warn("hfTokenSecret.key", "KAITO reads the token from the Secret's HF_TOKEN key; other keys are ignored");
    }
    if (config.gpusPerReplica > 1) {
      issues.warn(
        "gpusPerReplica",
        "KAITO sizes presets from the node's GPUs (instance type or GPU labels); gpusPerReplica is not applied",
      );
    }
  }
  const hasSelector = Object.keys(config.kaito.labelSelector ?? {}).length > 0 || Object.keys(config.nodeSelector).length > 0;
  if (!config.kaito.instanceType && !hasSelector) {
    issues.warn(
      "kaito.labelSelector",
      `No instance type or node labels: KAITO will use nodes labelled apps=${config.name}; label the GPU nodes or set a node selector`,
    );
  }
  return issues.finish();
}
