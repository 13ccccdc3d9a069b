import { descriptor as dynamoDescriptor } from "@kubeairunway/shared/providers/dynamo/descriptor";
import { toManifests as dynamoManifests } from "@kubeairunway/shared/providers/dynamo/manifests";
import * as dynamoStatus from "@kubeairunway/shared/providers/dynamo/status";
import { descriptor as kaitoDescriptor } from "@kubeairunway/shared/providers/kaito/descriptor";
import { toManifests as kaitoManifests } from "@kubeairunway/shared/providers/kaito/manifests";
import * as kaitoStatus from "@kubeairunway/shared/providers/kaito/status";
import { descriptor as kuberayDescriptor } from "@kubeairunway/shared/providers/kuberay/descriptor";
import { toManifests as kuberayManifests } from "@kubeairunway/shared/providers/kuberay/manifests";
import * as kuberayStatus from "@kubeairunway/shared/providers/kuberay/status";
import type { KubeManifest, Provider } from "@kubeairunway/shared/providers/types";
import type { RuntimeId } from "@kubeairunway/shared/schemas/common";
import type { DeploymentConfig } from "@kubeairunway/shared/schemas/deployment-config";

/**
 * The parts of the shared provider cores the plugin uses: the same descriptors, manifests and
 * status functions the backend's registry holds. Imported per module rather than through
 * `providers/registry` so that `validate` (not used here) stays out of the size-limited bundle.
 */
export type RuntimeCore = Pick<Provider, "descriptor" | "toStatus" | "summarize" | "podSelector">;

const core = (descriptor: Provider["descriptor"], status: Pick<Provider, "toStatus" | "summarize">): RuntimeCore => ({
  descriptor,
  toStatus: status.toStatus,
  summarize: status.summarize,
  podSelector: (name) => ({ [descriptor.instanceLabel]: name }),
});

export const runtimes: Record<RuntimeId, RuntimeCore> = {
  kaito: core(kaitoDescriptor, kaitoStatus),
  kuberay: core(kuberayDescriptor, kuberayStatus),
  dynamo: core(dynamoDescriptor, dynamoStatus),
};

export const RUNTIME_IDS = Object.keys(runtimes) as RuntimeId[];

/** The manifests the shared core renders for a validated config, in apply order. */
export function manifestsFor(config: DeploymentConfig): KubeManifest[] {
  switch (config.runtime) {
    case "kaito":
      return kaitoManifests(config);
    case "kuberay":
      return kuberayManifests(config);
    case "dynamo":
      return dynamoManifests(config);
  }
}

/** Labels selecting every pod of instance `name` of a runtime. */
export function podSelector(runtime: RuntimeId, name: string): Record<string, string> {
  return runtimes[runtime].podSelector(name);
}

/** The runtime a custom resource belongs to, by its apiVersion group and kind. */
export function runtimeOfResource(resource: { apiVersion?: string; kind?: string }): RuntimeId | undefined {
  const group = resource.apiVersion?.split("/")[0];
  return RUNTIME_IDS.find((id) => runtimes[id].descriptor.crd.group === group && runtimes[id].descriptor.crd.kind === resource.kind);
}
