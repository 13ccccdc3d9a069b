import { z } from "zod";
import { RuntimeId } from "./common";

export const RuntimeStatus = z.object({
  id: RuntimeId,
  displayName: z.string(),
  installed: z.boolean(),
  crdName: z.string(),
  /** Versions the CRD serves, storage version first. */
  crdVersions: z.array(z.string()),
  operator: z.object({
    found: z.boolean(),
    healthy: z.boolean(),
    namespace: z.string().optional(),
    name: z.string().optional(),
    version: z.string().optional(),
    availableReplicas: z.number().int(),
  }),
  message: z.string().optional(),
});
export type RuntimeStatus = z.infer<typeof RuntimeStatus>;

export const RuntimeList = z.object({ items: z.array(RuntimeStatus) });
