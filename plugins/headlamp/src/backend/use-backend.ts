import { K8s } from "@kinvolk/headlamp-plugin/lib";
import type { ApiClient } from "@kubeairunway/shared/api/client";
import { useMemo } from "react";
import { type AsyncState, useAsync } from "../components/use-async";
import { headlampRequest } from "../kube/headlamp-request";
import { createBackendClient } from "./client";
import { type BackendTarget, describeTarget, resolveBackend } from "./locate";
import { settingsStore } from "./settings-store";

export interface BackendConnection {
  client: ApiClient | undefined;
  target: BackendTarget | undefined;
  /** Human description of where the backend is expected (for banners). */
  where: string;
}

/** The backend client for the current cluster, resolved from the plugin's settings. */
export function useBackend(): BackendConnection {
  const cluster = K8s.useCluster();
  const settings = settingsStore().useConfig()();
  const clusterSettings = cluster ? settings?.[cluster] : undefined;
  const request = useMemo(() => headlampRequest(cluster), [cluster]);
  const namespaces = K8s.cluster.getAllowedNamespaces(cluster);
  const key = `${cluster}|${JSON.stringify(clusterSettings ?? {})}|${namespaces.join(",")}`;
  const resolved = useAsync(() => resolveBackend(request, clusterSettings, namespaces), key);
  const client = useMemo(() => (resolved.data ? createBackendClient(request, resolved.data) : undefined), [request, resolved.data]);
  return { client, target: resolved.data, where: resolved.data ? describeTarget(resolved.data) : "" };
}

/** Runs one backend call once the backend is located; `key` names what is asked (refetch on change). */
export function useBackendQuery<T>(run: (api: ApiClient) => Promise<T>, key: string): AsyncState<T> & BackendConnection {
  const backend = useBackend();
  const { client } = backend;
  const state = useAsync(client ? () => run(client) : undefined, `${backend.where}|${key}`);
  return { ...state, ...backend, loading: state.loading || !client };
}
