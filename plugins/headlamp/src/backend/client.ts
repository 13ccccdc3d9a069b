import { type ApiClient, createApiClient } from "@kubeairunway/shared/api/client";
import type { KubeRequest } from "../kube/request";
import { type BackendTarget, describeTarget, serviceProxyBase } from "./locate";
import { createServiceProxyFetch } from "./proxy-fetch";

/**
 * The shared typed client over the right transport: the Kubernetes service proxy (Headlamp's
 * cluster connection; carries no identity, RBAC on `services/proxy` decides), or a plain fetch
 * to a development URL.
 */
export function createBackendClient(request: KubeRequest, target: BackendTarget, plainFetch: typeof fetch = fetch): ApiClient {
  if (target.kind === "url") {
    return createApiClient({ baseUrl: target.url, fetch: (input, init) => plainFetch(input, init) });
  }
  return createApiClient({ baseUrl: serviceProxyBase(target), fetch: createServiceProxyFetch(request, describeTarget(target)) });
}
