import { z } from "zod";

export const Health = z.object({ status: z.literal("ok") });

export const Ready = z.object({
  ready: z.boolean(),
  /** Informer caches and whether each has synced. */
  caches: z.record(z.string(), z.boolean()),
});

export const Version = z.object({
  version: z.string(),
  commit: z.string(),
  runtime: z.string(),
});
export type Version = z.infer<typeof Version>;

export const WhoAmI = z.object({
  authMode: z.enum(["none", "kubernetes"]),
  authenticated: z.boolean(),
  username: z.string().optional(),
  groups: z.array(z.string()),
});
export type WhoAmI = z.infer<typeof WhoAmI>;
