import type { DynamoConfig } from "../../schemas/deployment-config";
import type { GpuCapacity } from "../../schemas/gpu";
import type { ValidationHints, ValidationResult } from "../types";
import { checkReservedFlags, commonChecks } from "../validate-common";
import { descriptor } from "./descriptor";
import { componentResourceName, serviceNames } from "./manifests";

const RESERVED = ["model", "model-path", "served-model-name", "disaggregation-mode", "tensor-parallel-size", "tp", "tp-size"];

/** Dynamo-specific rules on top of the common checks. */
export function validate(config: DynamoConfig, cluster?: GpuCapacity, hints?: ValidationHints): ValidationResult {
  const issues = commonChecks(config, descriptor, cluster, hints);
  checkReservedFlags(issues, config, RESERVED, "it is derived from the model, GPUs and mode");
  const names = serviceNames(config);
  if (config.mode === "disaggregated") {
    if (config.replicas === 0) issues.error("replicas", "Disaggregated serving needs at least one decode replica");
    if (config.gpusPerReplica + config.dynamo.prefillGpus < 2) {
      issues.error("mode", "Disaggregated serving needs at least 2 GPUs: one for prefill and one for decode");
    }
  }
  if (config.dynamo.router === "kv" && config.mode === "aggregated" && config.replicas <= 1) {
    issues.warn("dynamo.router", "KV-aware routing only helps with more than one worker replica");
  }
  const longest = [names.frontend, names.decode, names.prefill ?? ""].reduce((a, b) => (b.length > a.length ? b : a));
  const child = componentResourceName(config.name, longest);
  if (child.length > 63) {
    issues.error(
      "name",
      `Too long for Dynamo: its child resource ${child} would exceed 63 characters; use at most ${63 - (child.length - config.name.length)}`,
    );
  }
  return issues.finish();
}
