import { ApiError, type ErrorBody, type ErrorCode } from "@kubeairunway/shared/errors";
import { type KubeRequest, kubeFailure } from "../kube/request";

/** What went wrong between Headlamp and the backend, so the UI can say what to check. */
export type ConnectionProblem = "service-missing" | "no-endpoints" | "forbidden" | "unreachable" | "backend";

/** `details` the proxy fetch attaches to errors that did not come from the backend itself. */
export interface ConnectionDetails {
  connection: ConnectionProblem;
  target: string;
}

function errorResponse(status: number, code: ErrorCode, message: string, details: ConnectionDetails): Response {
  const body: ErrorBody = { error: { code, message, details } };
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

/** The backend's own error body, when the failure carries one (then it is the backend speaking). */
function backendBody(message: string): string | undefined {
  const start = message.indexOf("{");
  if (start < 0) return undefined;
  try {
    const parsed = JSON.parse(message.slice(start)) as { error?: { code?: unknown } };
    return typeof parsed?.error?.code === "string" ? message.slice(start) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Tells the apiserver's answers apart from the backend's: a 404 `services "x" not found` means the
 * Service is missing, a 503 `no endpoints available` means no ready pod behind it, a 403 means the
 * user may not use `services/proxy`, and anything carrying our error body is the backend's own.
 */
export function classifyProxyFailure(err: unknown, target: string): Response {
  const { status, message } = kubeFailure(err);
  const own = backendBody(message);
  if (own) return new Response(own, { status: status || 500, headers: { "Content-Type": "application/json" } });
  const details = (connection: ConnectionProblem): ConnectionDetails => ({ connection, target });
  if (status === 404 && /services? "[^"]*" not found/i.test(message)) {
    return errorResponse(404, "not_found", `Service ${target} not found (${message})`, details("service-missing"));
  }
  if (status === 503 && /no endpoints available/i.test(message)) {
    return errorResponse(503, "upstream_unavailable", `Service ${target} has no ready endpoints (${message})`, details("no-endpoints"));
  }
  if (status === 403) return errorResponse(403, "forbidden", message, details("forbidden"));
  if (status === 0 || status === 408 || status === 502 || status === 503 || /error trying to reach service/i.test(message)) {
    return errorResponse(status || 503, "upstream_unavailable", `cannot reach ${target}: ${message}`, details("unreachable"));
  }
  return errorResponse(status, status === 404 ? "not_found" : "internal", message, details("backend"));
}

/**
 * A `fetch` over Headlamp's cluster connection: the apiserver's service proxy carries the call to
 * the backend's Service. It never logs the user out on a 401 (a probe must not end a session).
 */
export function createServiceProxyFetch(request: KubeRequest, target: string) {
  return async (input: string, init: RequestInit = {}): Promise<Response> => {
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, key) => {
      headers[key] = value;
    });
    try {
      const params: Parameters<KubeRequest>[1] = { method: init.method ?? "GET", headers, isJSON: false, autoLogoutOnAuthError: false };
      if (typeof init.body === "string") params.body = init.body;
      if (init.signal) params.signal = init.signal;
      const res = await request(input, params);
      return res instanceof Response ? res : new Response(JSON.stringify(res), { status: 200 });
    } catch (err) {
      if ((err as Error)?.name === "AbortError") throw err;
      return classifyProxyFailure(err, target);
    }
  };
}

/** The connection problem an error from the backend client stands for. */
export function connectionProblem(err: unknown): ConnectionProblem {
  if (!(err instanceof ApiError)) return "backend";
  const details = err.details as Partial<ConnectionDetails> | undefined;
  if (details?.connection) return details.connection;
  if (err.status === 0) return "unreachable";
  return "backend";
}
