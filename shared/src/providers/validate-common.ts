import type { Engine } from "../schemas/common";
import type { DeploymentConfig } from "../schemas/deployment-config";
import type { GpuCapacity } from "../schemas/gpu";
import type { ProviderDescriptor } from "../schemas/providers";
import { flagNames } from "./engine-args";
import { totalGpus } from "./labels";
import type { ValidationHints, ValidationIssue, ValidationResult } from "./types";

const GPU_ONLY: readonly Engine[] = ["vllm", "sglang", "trtllm"];
/** Beyond this, the KV cache of even one sequence takes tens of GiB on most models. */
export const LARGE_CONTEXT = 131_072;
/** Orgs whose HuggingFace repos are gated (licence acceptance + token) when the catalog does not say. */
const GATED_PREFIXES = ["meta-llama/", "mistralai/", "google/gemma", "google/medgemma", "llama-"];

export function isLikelyGated(model: string): boolean {
  const lower = model.toLowerCase();
  return GATED_PREFIXES.some((p) => lower.startsWith(p));
}

/** Collects issues; `finish` returns them in the contract's shape. */
export class Issues {
  readonly errors: ValidationIssue[] = [];
  readonly warnings: ValidationIssue[] = [];
  error(path: string, message: string): void {
    this.errors.push({ path, message });
  }
  warn(path: string, message: string): void {
    this.warnings.push({ path, message });
  }
  finish(): ValidationResult {
    return { errors: this.errors, warnings: this.warnings };
  }
}

/** Engine args that would fight the flags we generate: an error naming the index. */
export function checkReservedFlags(issues: Issues, config: DeploymentConfig, reserved: readonly string[], why: string): void {
  config.engineArgs.forEach((arg, i) => {
    const [name] = [...flagNames([arg])];
    if (name && reserved.includes(name)) issues.error(`engineArgs.${i}`, `--${name} is set by KubeAIRunway (${why}); remove it`);
  });
}

function checkCapacity(issues: Issues, config: DeploymentConfig, cluster: GpuCapacity): void {
  const needed = totalGpus(config);
  if (needed === 0) return;
  const product = config.nodeSelector["nvidia.com/gpu.product"];
  const pools = product ? cluster.pools.filter((p) => p.product === product) : cluster.pools;
  const where = product ? ` of type ${product}` : "";
  const total = pools.reduce((n, p) => n + p.total, 0);
  if (total === 0) {
    issues.warn("gpusPerReplica", `The cluster has no GPUs${where}: the pods will stay Pending until GPU nodes join.`);
    return;
  }
  const largest = Math.max(0, ...pools.map((p) => p.largestFreeOnOneNode));
  if (largest < config.gpusPerReplica) {
    issues.warn(
      "gpusPerReplica",
      `No node has ${config.gpusPerReplica} free GPUs${where} right now (the most on one node is ${largest}); pods will wait for GPUs.`,
    );
  }
  const free = pools.reduce((n, p) => n + p.free, 0);
  if (free < needed)
    issues.warn("replicas", `This asks for ${needed} GPUs${where} but only ${free} are free; some replicas will stay Pending.`);
}

/**
 * Checks every runtime shares: engine and mode support, GPU-only engines on zero GPUs, scale-to-zero,
 * gated models without a token, very long contexts, and (with `cluster`) whether the GPUs fit.
 */
export function commonChecks(
  config: DeploymentConfig,
  descriptor: ProviderDescriptor,
  cluster?: GpuCapacity,
  hints: ValidationHints = {},
): Issues {
  const issues = new Issues();
  if (!descriptor.engines.includes(config.engine)) {
    issues.error("engine", `${descriptor.displayName} does not run ${config.engine}; it supports ${descriptor.engines.join(", ")}`);
  }
  if (!descriptor.modes.includes(config.mode)) issues.error("mode", `${descriptor.displayName} does not support ${config.mode} serving`);
  if (config.gpusPerReplica === 0 && GPU_ONLY.includes(config.engine)) {
    const cpuNote = descriptor.capabilities.cpuOnly ? "; use llama.cpp for CPU-only serving" : "";
    issues.error("gpusPerReplica", `${config.engine} needs at least one GPU per replica${cpuNote}`);
  }
  if (config.replicas === 0) issues.warn("replicas", "replicas is 0: nothing will serve requests until you scale up");
  if (!config.hfTokenSecret && (hints.gated ?? isLikelyGated(config.model))) {
    issues.warn("hfTokenSecret", `${config.model} is gated on HuggingFace: without a token Secret the download fails with 401`);
  }
  if (config.contextLength !== undefined && config.contextLength > LARGE_CONTEXT) {
    issues.warn(
      "contextLength",
      `A ${config.contextLength}-token context needs a large KV cache; the engine may refuse to start on these GPUs`,
    );
  }
  if (cluster) checkCapacity(issues, config, cluster);
  return issues;
}
