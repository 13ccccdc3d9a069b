import { useSyncExternalStore } from "react";

/** State of the `/api/stream` connection, which doubles as "can we reach the backend". */
export type LiveStatus =
  | { state: "connecting" }
  | { state: "connected" }
  | { state: "disconnected"; message: string; since: number; retryInMs: number };

export interface LiveStatusStore {
  get(): LiveStatus;
  set(status: LiveStatus): void;
  subscribe(listener: () => void): () => void;
}

export function createLiveStatusStore(): LiveStatusStore {
  let status: LiveStatus = { state: "connecting" };
  const listeners = new Set<() => void>();
  return {
    get: () => status,
    set: (next) => {
      status = next;
      for (const listener of listeners) listener();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function useLiveStatus(store: LiveStatusStore): LiveStatus {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}
