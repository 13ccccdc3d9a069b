import * as dynamoDescriptor from "@kubeairunway/shared/providers/dynamo/descriptor";
import * as dynamoManifests from "@kubeairunway/shared/providers/dynamo/manifests";
import * as dynamoStatus from "@kubeairunway/shared/providers/dynamo/status";
import * as kaitoDescriptor from "@kubeairunway/shared/providers/kaito/descriptor";
import * as kaitoManifests from "@kubeairunway/shared/providers/kaito/manifests";
import * as kaitoStatus from "@kubeairunway/shared/providers/kaito/status";
import * as kuberayDescriptor from "@kubeairunway/shared/providers/kuberay/descriptor";
import * as kuberayManifests from "@kubeairunway/shared/providers/kuberay/manifests";
import * as kuberayStatus from "@kubeairunway/shared/providers/kuberay/status";
import type { KubeEvent, KubeManifest, KubeObject, KubePod, StatusOptions } from "@kubeairunway/shared/providers/types";
import type { RuntimeId } from "@kubeairunway/shared/schemas/common";
import type { DeploymentConfig } from "@kubeairunway/shared/schemas/deployment-config";
import type { DeploymentStatus, DeploymentSummary } from "@kubeairunway/shared/schemas/deployments";
import type { ProviderDescriptor } from "@kubeairunway/shared/schemas/providers";

/** The shared provider core of one runtime, as the plugin uses it (the backend uses the same functions). */
export interface RuntimeCore {
  readonly descriptor: ProviderDescriptor;
  toStatus(resource: KubeObject, pods: KubePod[], events: KubeEvent[], options?: StatusOptions): DeploymentStatus;
  summarize(resource: KubeObject, pods: KubePod[], options?: StatusOptions): DeploymentSummary;
}

export const RUNTIME_IDS = ["kaito", "kuberay", "dynamo"] as const satisfies readonly RuntimeId[];

export const runtimes: Record<RuntimeId, RuntimeCore> = {
  kaito: { descriptor: kaitoDescriptor.descriptor, toStatus: kaitoStatus.toStatus, summarize: kaitoStatus.summarize },
  kuberay: { descriptor: kuberayDescriptor.descriptor, toStatus: kuberayStatus.toStatus, summarize: kuberayStatus.summarize },
  dynamo: { descriptor: dynamoDescriptor.descriptor, toStatus: dynamoStatus.toStatus, summarize: dynamoStatus.summarize },
};

/** The manifests the shared core renders for a validated config, in apply order. */
export function manifestsFor(config: DeploymentConfig): KubeManifest[] {
  switch (config.runtime) {
    case "kaito":
      return kaitoManifests.toManifests(config);
    case "kuberay":
      return kuberayManifests.toManifests(config);
    case "dynamo":
      return dynamoManifests.toManifests(config);
  }
}

/** Labels selecting every pod of instance `name` of a runtime. */
export function podSelector(runtime: RuntimeId, name: string): Record<string, string> {
  return { [runtimes[runtime].descriptor.instanceLabel]: name };
}

/** The runtime a custom resource belongs to, by its apiVersion group and kind. */
export function runtimeOfResource(resource: { apiVersion?: string; kind?: string }): RuntimeId | undefined {
  const group = resource.apiVersion?.split("/")[0];
  return RUNTIME_IDS.find((id) => runtimes[id].descriptor.crd.group === group && runtimes[id].descriptor.crd.kind === resource.kind);
}
