import { ApiProxy } from "@kinvolk/headlamp-plugin/lib";
import type { KubeRequest } from "./request";

/**
 * Headlamp's `ApiProxy.request` bound to one cluster: the call goes through Headlamp's connection
 * for that cluster, as the signed-in user. Without a cluster, Headlamp takes it from the URL.
 */
export function headlampRequest(cluster?: string | null): KubeRequest {
  return (path, params = {}) => ApiProxy.request(path, cluster ? { ...params, cluster } : params);
}
