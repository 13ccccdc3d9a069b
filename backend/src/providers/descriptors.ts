import type { ProviderDescriptor, RuntimeId } from "@kubeairunway/shared";
import { descriptor as dynamo } from "@kubeairunway/shared/providers/dynamo/descriptor";
import { descriptor as kaito } from "@kubeairunway/shared/providers/kaito/descriptor";
import { descriptor as kuberay } from "@kubeairunway/shared/providers/kuberay/descriptor";

/** The runtimes' descriptors by id: the single list the backend's caches and detection iterate. */
export const providerDescriptors: Record<RuntimeId, ProviderDescriptor> = { kaito, kuberay, dynamo };
