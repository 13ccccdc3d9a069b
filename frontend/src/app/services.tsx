import type { ApiClient } from "@kubeairunway/shared";
import { createContext, type ReactNode, useContext } from "react";
import type { TokenStore } from "../features/auth/token-store";
import type { LiveStatusStore } from "../features/live/live-status";

/** Everything the app talks to, created once in main.tsx (or per test) and passed down. */
export interface AppServices {
  api: ApiClient;
  tokens: TokenStore;
  live: LiveStatusStore;
  /** Delays for reconnecting the live stream; tests shorten them. */
  reconnectDelaysMs?: number[];
}

const ServicesContext = createContext<AppServices | null>(null);

export function ServicesProvider({ services, children }: { services: AppServices; children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useServices(): AppServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error("useServices must be used inside ServicesProvider");
  return services;
}

/** The shared typed client: the only way any component reaches the backend. */
export function useApi(): ApiClient {
  return useServices().api;
}
