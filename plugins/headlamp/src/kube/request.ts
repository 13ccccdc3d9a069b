/**
 * The one transport the plugin's data layer uses: the shape of Headlamp's `ApiProxy.request`.
 * In Headlamp it sends the call through the current cluster's connection as the signed-in user;
 * in tests it is bound to the simulated cluster with a seeded user's token (testing/sim-request.ts).
 */
export interface KubeRequestParams {
  method?: string;
  body?: string;
  headers?: Record<string, string>;
  /** false: resolve with the raw `Response` instead of parsed JSON (Headlamp's `isJSON`). */
  isJSON?: boolean;
  /** Headlamp logs the user out on a 401 unless this is false; a plugin probe must never do that. */
  autoLogoutOnAuthError?: boolean;
  signal?: AbortSignal;
}

// biome-ignore lint/suspicious/noExplicitAny: mirrors ApiProxy.request, which resolves to whatever JSON the apiserver sent.
export type KubeRequest = (path: string, params?: KubeRequestParams) => Promise<any>;

/**
 * Headlamp rejects with an `Error` carrying `status` and the message
 * `"<statusText> - <apiserver message or body>"`; this reads both back.
 */
export interface KubeFailure {
  status: number;
  /** The apiserver's own words (the part after `statusText - `), kept verbatim for the UI. */
  message: string;
}

export function kubeFailure(err: unknown): KubeFailure {
  const status = typeof (err as { status?: unknown })?.status === "number" ? (err as { status: number }).status : 0;
  const raw = err instanceof Error ? err.message : String(err);
  const sep = raw.indexOf(" - ");
  const message = sep >= 0 ? raw.slice(sep + 3) : raw;
  return { status, message: message || raw };
}

export function isStatus(err: unknown, status: number): boolean {
  return kubeFailure(err).status === status;
}

/** A failed cluster call with the apiserver's message, typed for the UI (never an empty list). */
export class KubeCallError extends Error {
  override readonly name = "KubeCallError";
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }

  static from(err: unknown): KubeCallError {
    if (err instanceof KubeCallError) return err;
    const { status, message } = kubeFailure(err);
    return new KubeCallError(status, message);
  }
}

export const JSON_HEADERS = { "Content-Type": "application/json", Accept: "application/json" };
