import type { z } from "zod";
import { ApiError, codeForStatus } from "../errors";
import { type Contract, contract } from "./contract";
import { buildPath, type Endpoint, type RequestInput, type ResponseOf } from "./endpoint";

export interface ApiClientOptions {
  /** Origin (and optional prefix) of the backend; `""` for same-origin. */
  baseUrl: string;
  /** Injected transport: `window.fetch`, Headlamp's ApiProxy, or an in-process app in tests. */
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
  /** Bearer token for `AUTH_MODE=kubernetes`; read on every call so sign-in/out takes effect at once. */
  getToken?: () => string | undefined | null;
}

type RequestOptions = { signal?: AbortSignal };
/** Params and body are required when declared; a query alone is optional. */
type NeedsInput<E extends Endpoint> = E["params"] extends z.ZodType ? true : E["body"] extends z.ZodType ? true : false;
type Method<E extends Endpoint> =
  NeedsInput<E> extends true
    ? (input: RequestInput<E> & RequestOptions) => Promise<ResponseOf<E>>
    : (input?: RequestInput<E> & RequestOptions) => Promise<ResponseOf<E>>;

/** Every non-streaming endpoint of the contract as a typed method. */
export type ApiClient = {
  [K in keyof Contract as Contract[K] extends { stream: "sse" } ? never : K]: Method<Contract[K]>;
} & {
  /** URL (with query) of a streaming or plain endpoint, for EventSource or links. */
  url<K extends keyof Contract>(name: K, input?: { params?: Record<string, string>; query?: Record<string, unknown> }): string;
  /** Headers a raw request needs (the Bearer token), for streaming readers. */
  headers(): Record<string, string>;
  readonly fetch: (input: string, init: RequestInit) => Promise<Response>;
};

export function queryString(query: Record<string, unknown> | undefined): string {
  if (!query) return "";
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === "") continue;
    search.set(key, String(value));
  }
  const s = search.toString();
  return s ? `?${s}` : "";
}

/** Builds the client from the contract; there is no hand-written method anywhere. */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const doFetch = options.fetch ?? ((input: string, init: RequestInit) => globalThis.fetch(input, init));
  const headers = (): Record<string, string> => {
    const token = options.getToken?.();
    return token ? { Authorization: `Bearer ${token}` } : {};
  };
  const url = (name: keyof Contract, input?: { params?: Record<string, string>; query?: Record<string, unknown> }) =>
    `${options.baseUrl}${buildPath(contract[name].path, input?.params)}${queryString(input?.query)}`;

  const call = async (endpoint: Endpoint, name: keyof Contract, input: Record<string, unknown> = {}) => {
    const init: RequestInit = { method: endpoint.method, headers: { Accept: "application/json", ...headers() } };
    if (input.signal) init.signal = input.signal as AbortSignal;
    if (endpoint.body) {
      init.body = JSON.stringify(input.body);
      (init.headers as Record<string, string>)["Content-Type"] = "application/json";
    }
    let res: Response;
    try {
      res = await doFetch(url(name, input as never), init);
    } catch (err) {
      if (err instanceof ApiError) throw err;
      if ((err as Error)?.name === "AbortError") throw err;
      throw new ApiError(0, "upstream_unavailable", `cannot reach the backend: ${(err as Error)?.message ?? String(err)}`);
    }
    if (!res.ok) throw await ApiError.fromResponse(res);
    try {
      return await res.json();
    } catch {
      throw new ApiError(res.status, codeForStatus(502), "the backend answered with a body that is not JSON");
    }
  };

  const client: Record<string, unknown> = { url, headers, fetch: doFetch };
  for (const [name, endpoint] of Object.entries(contract) as [keyof Contract, Endpoint][]) {
    if (endpoint.stream) continue;
    client[name] = (input?: Record<string, unknown>) => call(endpoint, name, input);
  }
  return client as ApiClient;
}
