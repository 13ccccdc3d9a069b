import type { DeploymentListQuery, LogsQuery } from "../schemas";

/**
 * Query keys come only from these factories, so invalidation by prefix is reliable in both UIs
 * (`deploymentKeys.all` invalidates every deployment query).
 */
export const deploymentKeys = {
  all: ["deployments"] as const,
  lists: () => [...deploymentKeys.all, "list"] as const,
  list: (filters: DeploymentListQuery) => [...deploymentKeys.lists(), filters] as const,
  details: () => [...deploymentKeys.all, "detail"] as const,
  detail: (namespace: string, name: string) => [...deploymentKeys.details(), namespace, name] as const,
  events: (namespace: string, name: string) => [...deploymentKeys.detail(namespace, name), "events"] as const,
  logs: (namespace: string, name: string, query: LogsQuery) => [...deploymentKeys.detail(namespace, name), "logs", query] as const,
  metrics: (namespace: string, name: string) => [...deploymentKeys.detail(namespace, name), "metrics"] as const,
};

export const catalogKeys = {
  models: (query: { search?: string; runtime?: string; engine?: string } = {}) => ["models", query] as const,
  providers: () => ["providers"] as const,
  runtimes: () => ["runtimes"] as const,
  gpuCapacity: () => ["gpu", "capacity"] as const,
};

export const systemKeys = {
  health: () => ["system", "health"] as const,
  version: () => ["system", "version"] as const,
  whoami: () => ["system", "whoami"] as const,
  settings: () => ["system", "settings"] as const,
};

export const renderKeys = {
  render: (config: unknown) => ["render", config] as const,
};
