import { type ProviderDescriptor, providers, type RuntimeId } from "@kubeairunway/shared";

/**
 * The runtimes' descriptors by id, read from the shared provider registry (the one list of
 * runtimes); the caches and detection iterate this.
 */
export const providerDescriptors: Record<RuntimeId, ProviderDescriptor> = {
  kaito: providers.kaito.descriptor,
  kuberay: providers.kuberay.descriptor,
  dynamo: providers.dynamo.descriptor,
};
