import type { DeploymentConfig } from "../schemas/deployment-config";
import type { KubeManifest } from "./types";

/** Value of `app.kubernetes.io/managed-by` on everything KubeAIRunway creates. */
export const MANAGED_BY = "kubeairunway";

/** Labels put on every object we create; selectable, so the backend can list "ours" cheaply. */
export const LABELS = {
  managedBy: "app.kubernetes.io/managed-by",
  runtime: "kubeairunway.io/runtime",
  /** Name of the deployment an object belongs to (the custom resource's name). */
  deployment: "kubeairunway.io/deployment",
} as const;

/**
 * Annotations that let the UIs read a deployment's choices back without reverse-engineering the
 * runtime's spec (model ids contain `/`, which label values cannot).
 */
export const ANNOTATIONS = {
  model: "kubeairunway.io/model",
  engine: "kubeairunway.io/engine",
  mode: "kubeairunway.io/mode",
  /** Total GPUs the deployment asks for (replicas × GPUs per replica, prefill included). */
  gpus: "kubeairunway.io/gpus",
} as const;

/** Total GPUs a config asks for: what the annotation records and what capacity checks compare. */
export function totalGpus(config: DeploymentConfig): number {
  const main = config.replicas * config.gpusPerReplica;
  if (config.runtime === "dynamo" && config.mode === "disaggregated") {
    return main + config.dynamo.prefillReplicas * config.dynamo.prefillGpus;
  }
  return main;
}

/** Metadata for an object of deployment `config`, named `name` (companions get their own names). */
export function manifestMetadata(config: DeploymentConfig, name: string = config.name): KubeManifest["metadata"] {
  return {
    name,
    namespace: config.namespace,
    labels: {
      [LABELS.managedBy]: MANAGED_BY,
      [LABELS.runtime]: config.runtime,
      [LABELS.deployment]: config.name,
    },
    annotations: {
      [ANNOTATIONS.model]: config.model,
      [ANNOTATIONS.engine]: config.engine,
      [ANNOTATIONS.mode]: config.mode,
      [ANNOTATIONS.gpus]: String(totalGpus(config)),
    },
  };
}
