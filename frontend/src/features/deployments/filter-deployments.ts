import type { DeploymentSummary, Phase, RuntimeId } from "@kubeairunway/shared";

export type SortKey = "name" | "namespace" | "model" | "runtime" | "phase" | "gpus" | "age";
export interface SortState {
  key: SortKey;
  desc: boolean;
}
export interface DeploymentFilters {
  namespace?: string;
  runtime?: RuntimeId;
  phase?: Phase;
  text?: string;
}

/** Phases ordered by how much attention they need, so sorting by phase puts trouble first. */
const PHASE_ORDER: Record<Phase, number> = { Failed: 0, Degraded: 1, Pending: 2, Deploying: 3, Terminating: 4, Running: 5 };

const compare: Record<SortKey, (a: DeploymentSummary, b: DeploymentSummary) => number> = {
  name: (a, b) => a.name.localeCompare(b.name),
  namespace: (a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name),
  model: (a, b) => a.model.localeCompare(b.model),
  runtime: (a, b) => a.runtime.localeCompare(b.runtime),
  phase: (a, b) => PHASE_ORDER[a.phase] - PHASE_ORDER[b.phase],
  gpus: (a, b) => a.gpus - b.gpus,
  // Newest first reads naturally for "age ascending".
  age: (a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt),
};

/**
 * Filters and sorts the cached list in the browser: the whole list is already here (kept current
 * by the stream), so typing in the filter box never waits for the network. One pass, then a sort.
 */
export function filterDeployments(items: readonly DeploymentSummary[], filters: DeploymentFilters, sort: SortState): DeploymentSummary[] {
  const text = filters.text?.trim().toLowerCase();
  const out = items.filter(
    (d) =>
      (!filters.namespace || d.namespace === filters.namespace) &&
      (!filters.runtime || d.runtime === filters.runtime) &&
      (!filters.phase || d.phase === filters.phase) &&
      (!text || d.name.toLowerCase().includes(text) || d.model.toLowerCase().includes(text) || d.namespace.toLowerCase().includes(text)),
  );
  const cmp = compare[sort.key];
  out.sort((a, b) => (sort.desc ? -cmp(a, b) : cmp(a, b)) || a.name.localeCompare(b.name) || a.namespace.localeCompare(b.namespace));
  return out;
}
