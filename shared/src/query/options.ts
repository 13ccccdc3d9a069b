import type { ApiClient } from "../api/client";
import type { DeploymentConfigInput, DeploymentListQuery, LogsQuery } from "../schemas";
import { catalogKeys, deploymentKeys, renderKeys, systemKeys } from "./keys";

/**
 * `queryOptions` per domain, shared by the SPA and the Headlamp plugin. Each takes the client so
 * each UI supplies its own transport; the objects plug straight into `useQuery`.
 * Live data arrives by server-sent events, so nothing here polls.
 */
export const deploymentQueries = {
  list: (api: ApiClient, filters: DeploymentListQuery = {}) => ({
    queryKey: deploymentKeys.list(filters),
    queryFn: ({ signal }: { signal?: AbortSignal }) => api.listDeployments({ query: filters, signal }),
  }),
  detail: (api: ApiClient, namespace: string, name: string) => ({
    queryKey: deploymentKeys.detail(namespace, name),
    queryFn: ({ signal }: { signal?: AbortSignal }) => api.getDeployment({ params: { namespace, name }, signal }),
  }),
  events: (api: ApiClient, namespace: string, name: string) => ({
    queryKey: deploymentKeys.events(namespace, name),
    queryFn: ({ signal }: { signal?: AbortSignal }) => api.deploymentEvents({ params: { namespace, name }, signal }),
  }),
  logs: (api: ApiClient, namespace: string, name: string, query: LogsQuery) => ({
    queryKey: deploymentKeys.logs(namespace, name, query),
    queryFn: ({ signal }: { signal?: AbortSignal }) => api.deploymentLogs({ params: { namespace, name }, query, signal }),
  }),
  metrics: (api: ApiClient, namespace: string, name: string) => ({
    queryKey: deploymentKeys.metrics(namespace, name),
    queryFn: ({ signal }: { signal?: AbortSignal }) => api.deploymentMetrics({ params: { namespace, name }, signal }),
  }),
  render: (api: ApiClient, config: DeploymentConfigInput) => ({
    queryKey: renderKeys.render(config),
    queryFn: ({ signal }: { signal?: AbortSignal }) => api.renderDeployment({ body: config, signal }),
  }),
};

export const catalogQueries = {
  models: (
    api: ApiClient,
    query: { search?: string; runtime?: "kaito" | "kuberay" | "dynamo"; engine?: "vllm" | "sglang" | "trtllm" | "llamacpp" } = {},
  ) => ({
    queryKey: catalogKeys.models(query),
    queryFn: ({ signal }: { signal?: AbortSignal }) => api.listModels({ query, signal }),
    staleTime: 5 * 60_000,
  }),
  providers: (api: ApiClient) => ({
    queryKey: catalogKeys.providers(),
    queryFn: ({ signal }: { signal?: AbortSignal }) => api.listProviders({ signal }),
    staleTime: 30_000,
  }),
  runtimes: (api: ApiClient) => ({
    queryKey: catalogKeys.runtimes(),
    queryFn: ({ signal }: { signal?: AbortSignal }) => api.listRuntimes({ signal }),
    staleTime: 30_000,
  }),
  gpuCapacity: (api: ApiClient) => ({
    queryKey: catalogKeys.gpuCapacity(),
    queryFn: ({ signal }: { signal?: AbortSignal }) => api.gpuCapacity({ signal }),
    staleTime: 15_000,
  }),
};

export const systemQueries = {
  health: (api: ApiClient) => ({
    queryKey: systemKeys.health(),
    queryFn: ({ signal }: { signal?: AbortSignal }) => api.health({ signal }),
  }),
  version: (api: ApiClient) => ({
    queryKey: systemKeys.version(),
    queryFn: ({ signal }: { signal?: AbortSignal }) => api.version({ signal }),
    staleTime: Number.POSITIVE_INFINITY,
  }),
  whoami: (api: ApiClient) => ({
    queryKey: systemKeys.whoami(),
    queryFn: ({ signal }: { signal?: AbortSignal }) => api.whoami({ signal }),
  }),
  settings: (api: ApiClient) => ({
    queryKey: systemKeys.settings(),
    queryFn: ({ signal }: { signal?: AbortSignal }) => api.settings({ signal }),
  }),
};
