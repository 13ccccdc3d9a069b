import type { KubeRequest } from "../kube/request";

/**
 * Headlamp's `ApiProxy.request` bound to the simulated cluster as one seeded user: the same
 * contract as Headlamp's clusterRequest (JSON by default, the raw Response with `isJSON: false`,
 * and on failure an Error `"<statusText> - <message>"` carrying `status`), with the user's token
 * where Headlamp's server would attach the user's cookie-held token.
 */
export function simRequest(baseUrl: string, token: string): KubeRequest {
  return async (path, params = {}) => {
    const { isJSON = true, autoLogoutOnAuthError: _ignored, headers = {}, ...init } = params;
    const res = await fetch(`${baseUrl}${path}`, { ...init, headers: { ...headers, Authorization: `Bearer ${token}` } });
    if (!res.ok) {
      let message = res.statusText;
      const text = await res.text().catch(() => "");
      try {
        const json = JSON.parse(text) as { message?: string };
        message += ` - ${isJSON ? json.message : json.message || text}`;
      } catch {
        if (text) message += ` - ${text}`;
      }
      throw Object.assign(new Error(message), { status: res.status });
    }
    return isJSON ? res.json() : res;
  };
}
