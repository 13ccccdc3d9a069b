import type { CatalogModel, Engine, RuntimeId } from "@kubeairunway/shared";
import facts from "./model-facts.json" with { type: "json" };

type Fact = (typeof facts)[number];

/** Which runtime can serve which engine (runtimes.md: llama.cpp only via KAITO, SGLang/TRT-LLM only via Dynamo). */
const RUNTIMES_FOR_ENGINE: Record<Engine, RuntimeId[]> = {
  vllm: ["kaito", "kuberay", "dynamo"],
  llamacpp: ["kaito"],
  sglang: ["dynamo"],
  trtllm: ["dynamo"],
};

function enginesOf(fact: Fact): Engine[] {
  const e = fact.engines as Record<string, unknown>;
  return (["vllm", "sglang", "trtllm", "llamacpp"] as const).filter((name) => e[name] === true);
}

function toCatalogModel(fact: Fact): CatalogModel {
  const engines = enginesOf(fact);
  const mem = fact.minGpuMemoryGiB as Record<string, unknown>;
  const gpus = (mem.gpus80GB ?? {}) as Record<string, number | undefined>;
  const minGpuMemoryGiB = (mem.bf16 as number | null) ?? (mem.native as number | null) ?? 0;
  return {
    id: fact.id,
    name: fact.name,
    family: fact.family,
    parametersB: fact.parameters.totalB,
    activeParametersB: fact.parameters.activeB ?? null,
    contextLength: fact.contextLength,
    license: fact.license,
    gated: fact.gated === true,
    engines,
    runtimes: [...new Set(engines.flatMap((e) => RUNTIMES_FOR_ENGINE[e]))],
    minGpuMemoryGiB,
    gpus80GB: gpus.bf16 ?? gpus.native ?? 1,
    cpuFriendly: fact.cpuFriendly === true,
    gguf: fact.gguf ?? [],
    kaitoPreset: fact.kaito?.legacyPreset ?? null,
    notes: typeof fact.notes === "string" ? fact.notes : undefined,
  };
}

/** The curated catalog, built once from the shipped model facts (../shared/data/model-facts.json). */
export const catalog: readonly CatalogModel[] = facts.map(toCatalogModel);

export interface CatalogQuery {
  search?: string;
  runtime?: RuntimeId;
  engine?: Engine;
}

export function searchCatalog(query: CatalogQuery, models: readonly CatalogModel[] = catalog): CatalogModel[] {
  const text = query.search?.trim().toLowerCase();
  return models.filter(
    (m) =>
      (!text || m.id.toLowerCase().includes(text) || m.name.toLowerCase().includes(text) || m.family.toLowerCase().includes(text)) &&
      (!query.runtime || m.runtimes.includes(query.runtime)) &&
      (!query.engine || m.engines.includes(query.engine)),
  );
}
