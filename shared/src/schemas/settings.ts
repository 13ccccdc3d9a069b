import { z } from "zod";

export const Settings = z.object({
  authMode: z.enum(["none", "kubernetes"]),
  cluster: z.object({ server: z.string().optional(), context: z.string().optional(), inCluster: z.boolean() }),
  version: z.string(),
  allowAnonymousClusterReads: z.boolean(),
});
export type Settings = z.infer<typeof Settings>;
