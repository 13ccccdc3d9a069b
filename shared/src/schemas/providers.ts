import { z } from "zod";
import { Engine, RuntimeId, ServingMode } from "./common";

export const CrdCoordinates = z.object({
  group: z.string(),
  version: z.string(),
  kind: z.string(),
  plural: z.string(),
  /** `<plural>.<group>`, the CRD object's name. */
  name: z.string(),
});

/** Pure data about a runtime: both UIs render from this, so adding a runtime touches no UI code. */
export const ProviderDescriptor = z.object({
  id: RuntimeId,
  displayName: z.string(),
  description: z.string(),
  docsUrl: z.string(),
  crd: CrdCoordinates,
  engines: z.array(Engine),
  modes: z.array(ServingMode),
  capabilities: z.object({ cpuOnly: z.boolean(), multiNode: z.boolean(), autoscaling: z.boolean(), disaggregated: z.boolean() }),
  /** Label that ties pods and Services to an instance; its value is the resource's name. */
  instanceLabel: z.string(),
  /** Labels that identify the runtime's operator Deployment. */
  operatorLabels: z.record(z.string(), z.string()),
  servicePort: z.number().int(),
  openaiBasePath: z.string(),
});
export type ProviderDescriptor = z.infer<typeof ProviderDescriptor>;

export const InstallStatus = z.object({
  crdServed: z.boolean(),
  operatorAvailable: z.boolean(),
  installed: z.boolean(),
  /** Why it is not usable, in a sentence, when it is not. */
  message: z.string().optional(),
});

export const ProviderInfo = ProviderDescriptor.extend({ install: InstallStatus });
export type ProviderInfo = z.infer<typeof ProviderInfo>;

export const ProviderList = z.object({ items: z.array(ProviderInfo) });
