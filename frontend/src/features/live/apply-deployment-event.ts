import type { DeploymentEvent, DeploymentList, DeploymentListQuery, DeploymentSummary } from "@kubeairunway/shared";

/** Whether a deployment belongs in a list fetched with these filters (mirrors the backend's filter). */
export function matchesListFilters(d: DeploymentSummary, filters: DeploymentListQuery): boolean {
  if (filters.namespace && d.namespace !== filters.namespace) return false;
  if (filters.runtime && d.runtime !== filters.runtime) return false;
  if (filters.phase && d.phase !== filters.phase) return false;
  if (filters.text) {
    const text = filters.text.toLowerCase();
    if (!`${d.name} ${d.namespace} ${d.model}`.toLowerCase().includes(text)) return false;
  }
  return true;
}

const sameDeployment = (a: { namespace: string; name: string; runtime: string }, b: { namespace: string; name: string; runtime: string }) =>
  a.namespace === b.namespace && a.name === b.name && a.runtime === b.runtime;

/**
 * Applies one change from `/api/stream` to a cached list, returning a new list (or the same object
 * when nothing changed, so React Query does not re-render for it). An update that arrives with an
 * older resourceVersion than the cached row is ignored: a late event must not roll a row back.
 */
export function applyDeploymentEvent(list: DeploymentList, event: DeploymentEvent, filters: DeploymentListQuery): DeploymentList {
  if (event.type === "stale") return list.stale === event.stale ? list : { ...list, stale: event.stale };
  if (event.type === "deleted") {
    const items = list.items.filter((d) => !sameDeployment(d, event));
    return items.length === list.items.length ? list : { ...list, items, total: Math.max(0, list.total - 1) };
  }
  const incoming = event.deployment;
  const index = list.items.findIndex((d) => sameDeployment(d, incoming));
  const belongs = matchesListFilters(incoming, filters);
  if (index < 0) {
    return belongs ? { ...list, items: [...list.items, incoming], total: list.total + 1 } : list;
  }
  const current = list.items[index];
  if (current && isOlder(incoming.resourceVersion, current.resourceVersion)) return list;
  const items = [...list.items];
  if (belongs) items[index] = incoming;
  else items.splice(index, 1);
  return { ...list, items, total: belongs ? list.total : Math.max(0, list.total - 1) };
}

const keyOf = (d: { namespace: string; name: string; runtime: string }) => `${d.runtime}/${d.namespace}/${d.name}`;

/**
 * Applies a batch of events in one pass over the list (O(list + events)). A fresh stream opens
 * with every deployment as `added`, so applying them one by one would copy the list per event.
 */
export function applyDeploymentEvents(
  list: DeploymentList,
  events: readonly DeploymentEvent[],
  filters: DeploymentListQuery,
): DeploymentList {
  if (events.length === 1 && events[0]) return applyDeploymentEvent(list, events[0], filters);
  const rows = new Map(list.items.map((d) => [keyOf(d), d]));
  let stale = list.stale;
  let changed = false;
  for (const event of events) {
    if (event.type === "stale") {
      changed ||= stale !== event.stale;
      stale = event.stale;
    } else if (event.type === "deleted") {
      changed = rows.delete(keyOf(event)) || changed;
    } else {
      const key = keyOf(event.deployment);
      const current = rows.get(key);
      if (current === event.deployment) continue;
      if (current && isOlder(event.deployment.resourceVersion, current.resourceVersion)) continue;
      if (matchesListFilters(event.deployment, filters)) {
        if (current && current.resourceVersion === event.deployment.resourceVersion && current.phase === event.deployment.phase) continue;
        rows.set(key, event.deployment);
        changed = true;
      } else if (current) {
        rows.delete(key);
        changed = true;
      }
    }
  }
  if (!changed) return list;
  const items = [...rows.values()];
  return { ...list, items, stale, total: list.total + (items.length - list.items.length) };
}

/** resourceVersions are opaque, but numeric ones (etcd, the sim) can be compared to drop stale events. */
function isOlder(incoming: string, current: string): boolean {
  if (!/^\d+$/.test(incoming) || !/^\d+$/.test(current)) return false;
  return BigInt(incoming) < BigInt(current);
}
