import { z } from "zod";
import {
  CreateDeploymentResult,
  DeleteDeploymentResult,
  DeploymentConfig,
  DeploymentDetail,
  DeploymentEvents,
  DeploymentList,
  DeploymentListQuery,
  DeploymentMetrics,
  DeploymentParams,
  GpuCapacity,
  Health,
  LogsQuery,
  LogsResult,
  ModelList,
  ModelsQuery,
  ProviderList,
  Ready,
  RenderResult,
  RuntimeList,
  Settings,
  Version,
  WhoAmI,
} from "../schemas";
import type { Endpoint } from "./endpoint";

const StreamQuery = z.object({ namespace: z.string().max(63).optional() });

/**
 * The whole HTTP API. Every route the backend serves is one entry here; `createApiClient` turns
 * each entry into a typed method of the same name.
 */
export const contract = {
  health: { method: "GET", path: "/api/health", access: "public", response: Health },
  ready: { method: "GET", path: "/api/ready", access: "public", response: Ready },
  version: { method: "GET", path: "/api/version", access: "public", response: Version },
  whoami: { method: "GET", path: "/api/whoami", access: "public", response: WhoAmI },
  settings: { method: "GET", path: "/api/settings", access: "public", response: Settings },

  listProviders: { method: "GET", path: "/api/providers", access: "cluster", response: ProviderList },
  listRuntimes: { method: "GET", path: "/api/runtimes", access: "cluster", response: RuntimeList },
  listModels: { method: "GET", path: "/api/models", access: "public", query: ModelsQuery, response: ModelList },
  gpuCapacity: { method: "GET", path: "/api/gpu/capacity", access: "cluster", response: GpuCapacity },

  listDeployments: { method: "GET", path: "/api/deployments", access: "user", query: DeploymentListQuery, response: DeploymentList },
  renderDeployment: { method: "POST", path: "/api/deployments/render", access: "public", body: DeploymentConfig, response: RenderResult },
  createDeployment: {
    method: "POST",
    path: "/api/deployments",
    access: "user",
    body: DeploymentConfig,
    response: CreateDeploymentResult,
    successStatus: 201,
  },
  getDeployment: {
    method: "GET",
    path: "/api/deployments/:namespace/:name",
    access: "user",
    params: DeploymentParams,
    response: DeploymentDetail,
  },
  deleteDeployment: {
    method: "DELETE",
    path: "/api/deployments/:namespace/:name",
    access: "user",
    params: DeploymentParams,
    response: DeleteDeploymentResult,
  },
  deploymentEvents: {
    method: "GET",
    path: "/api/deployments/:namespace/:name/events",
    access: "user",
    params: DeploymentParams,
    response: DeploymentEvents,
  },
  deploymentLogs: {
    method: "GET",
    path: "/api/deployments/:namespace/:name/logs",
    access: "user",
    params: DeploymentParams,
    query: LogsQuery,
    response: LogsResult,
  },
  deploymentMetrics: {
    method: "GET",
    path: "/api/deployments/:namespace/:name/metrics",
    access: "cluster",
    params: DeploymentParams,
    response: DeploymentMetrics,
  },
  stream: { method: "GET", path: "/api/stream", access: "user", query: StreamQuery, response: z.never(), stream: "sse" },
} as const satisfies Record<string, Endpoint>;

export type Contract = typeof contract;
export type EndpointName = keyof Contract;
