import { z } from "zod";
import { Engine, RuntimeId } from "./common";

/** One entry of the curated model catalog (shipped as data, see backend/src/services/catalog). */
export const CatalogModel = z.object({
  id: z.string(),
  name: z.string(),
  family: z.string(),
  parametersB: z.number(),
  activeParametersB: z.number().nullable(),
  contextLength: z.number().int(),
  license: z.string(),
  gated: z.boolean(),
  engines: z.array(Engine),
  runtimes: z.array(RuntimeId),
  /** Total GPU memory one replica needs at BF16, in GiB. */
  minGpuMemoryGiB: z.number(),
  /** Smallest number of 80 GB GPUs that fits one BF16 replica. */
  gpus80GB: z.number().int(),
  cpuFriendly: z.boolean(),
  gguf: z.array(z.string()),
  kaitoPreset: z.string().nullable(),
  notes: z.string().optional(),
});
export type CatalogModel = z.infer<typeof CatalogModel>;

export const ModelsQuery = z.object({
  search: z.string().max(200).optional(),
  runtime: RuntimeId.optional(),
  engine: Engine.optional(),
});

export const ModelList = z.object({ items: z.array(CatalogModel) });
export type ModelList = z.infer<typeof ModelList>;
