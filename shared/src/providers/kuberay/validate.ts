import type { KubeRayConfig } from "../../schemas/deployment-config";
import type { GpuCapacity } from "../../schemas/gpu";
import { parseEngineArgs } from "../engine-args";
import type { ValidationHints, ValidationResult } from "../types";
import { checkReservedFlags, commonChecks } from "../validate-common";
import { descriptor } from "./descriptor";

/** KubeRay-specific rules on top of the common checks. */
export function validate(config: KubeRayConfig, cluster?: GpuCapacity, hints?: ValidationHints): ValidationResult {
  const issues = commonChecks(config, descriptor, cluster, hints);
  const { minReplicas, maxReplicas } = config.kuberay;
  if (minReplicas !== undefined && config.replicas < minReplicas)
    issues.error("replicas", `replicas (${config.replicas}) is below kuberay.minReplicas (${minReplicas})`);
  if (maxReplicas !== undefined && config.replicas > maxReplicas)
    issues.error("replicas", `replicas (${config.replicas}) is above kuberay.maxReplicas (${maxReplicas})`);
  checkReservedFlags(issues, config, ["model", "host", "port"], "Ray Serve LLM loads the model and serves it");
  const tp = parseEngineArgs(config.engineArgs).get("tensor-parallel-size");
  if (tp !== undefined && tp !== config.gpusPerReplica) {
    issues.warn(
      "engineArgs",
      `--tensor-parallel-size=${tp} differs from gpusPerReplica (${config.gpusPerReplica}); each worker has ${config.gpusPerReplica} GPU(s)`,
    );
  }
  if (config.name.length > 40) {
    issues.warn("name", "KubeRay derives Ray cluster and Service names from it (plus suffixes); names over 40 characters get truncated");
  }
  return issues.finish();
}
