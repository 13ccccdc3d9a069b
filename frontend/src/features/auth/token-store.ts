/**
 * Where the Kubernetes bearer token lives in the browser: sessionStorage, so it dies with the tab
 * and is never written to disk by localStorage. Listeners let the UI react to sign-in/out.
 */
export interface TokenStore {
  get(): string | undefined;
  set(token: string): void;
  clear(): void;
  subscribe(listener: () => void): () => void;
}

const KEY = "kubeairunway.token";

export function createTokenStore(storage: Pick<Storage, "getItem" | "setItem" | "removeItem"> | undefined): TokenStore {
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of listeners) listener();
  };
  return {
    get: () => storage?.getItem(KEY) ?? undefined,
    set: (token) => {
      storage?.setItem(KEY, token.trim());
      notify();
    },
    clear: () => {
      storage?.removeItem(KEY);
      notify();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * Takes a token from a `/#token=…` link. The fragment never reaches a server; it is removed from
 * the address bar at once so it does not linger in history or get copied along with the URL.
 */
export function adoptTokenFromHash(
  location: Pick<Location, "hash" | "pathname" | "search">,
  history: Pick<History, "replaceState">,
  store: TokenStore,
): boolean {
  const params = new URLSearchParams(location.hash.replace(/^#/, ""));
  const token = params.get("token");
  if (!token) return false;
  store.set(token);
  history.replaceState(null, "", `${location.pathname}${location.search}`);
  return true;
}
