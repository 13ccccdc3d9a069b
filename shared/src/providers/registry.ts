import type { RuntimeId } from "../schemas/common";
import type { DeploymentConfig } from "../schemas/deployment-config";
import type { GpuCapacity } from "../schemas/gpu";
import { dynamo } from "./dynamo";
import { kaito } from "./kaito";
import { kuberay } from "./kuberay";
import type { KubeManifest, KubeObject, Provider, ValidationHints, ValidationResult } from "./types";

/** Every runtime's core. Adding a runtime is one folder and one line here. */
export const providers = { kaito, kuberay, dynamo } satisfies Record<RuntimeId, Provider>;

/** The core for a runtime id. */
export function providerFor(runtime: RuntimeId): Provider {
  return providers[runtime];
}

/** Manifests for any config, dispatched on `config.runtime`. */
export function renderManifests(config: DeploymentConfig): KubeManifest[] {
  switch (config.runtime) {
    case "kaito":
      return kaito.toManifests(config);
    case "kuberay":
      return kuberay.toManifests(config);
    case "dynamo":
      return dynamo.toManifests(config);
  }
}

/** Validation for any config, dispatched on `config.runtime`. */
export function validateConfig(config: DeploymentConfig, cluster?: GpuCapacity, hints?: ValidationHints): ValidationResult {
  switch (config.runtime) {
    case "kaito":
      return kaito.validate(config, cluster, hints);
    case "kuberay":
      return kuberay.validate(config, cluster, hints);
    case "dynamo":
      return dynamo.validate(config, cluster, hints);
  }
}

/** Which runtime owns a custom resource, by group and kind (any served version); undefined if none. */
export function runtimeOf(resource: KubeObject): RuntimeId | undefined {
  const group = resource.apiVersion?.split("/")[0];
  for (const id of Object.keys(providers) as RuntimeId[]) {
    const { crd } = providers[id].descriptor;
    if (crd.group === group && crd.kind === resource.kind) return id;
  }
  return undefined;
}
