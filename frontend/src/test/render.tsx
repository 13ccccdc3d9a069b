import { createApiClient } from "@kubeairunway/shared";
import { QueryClient } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import { createMemoryRouter, RouterProvider } from "react-router";
import { AppProviders } from "../app/providers";
import { createTokenStore } from "../features/auth/token-store";
import { createLiveStatusStore } from "../features/live/live-status";
import { type Handlers, mockFetch } from "./fetch-mock";

/**
 * Mounts a component under the real providers with a backend answered by `handlers` (at the
 * fetch level, through the real shared client) and a fresh QueryClient that never retries.
 */
export function renderWithApp(ui: ReactElement, options: { handlers: Handlers; path?: string; route?: string }) {
  const network = mockFetch(options.handlers);
  const tokens = createTokenStore(window.sessionStorage);
  const api = createApiClient({ baseUrl: "", fetch: network.fetch, getToken: () => tokens.get() });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const live = createLiveStatusStore();
  const router = createMemoryRouter(
    [
      { path: options.path ?? "/", element: ui },
      { path: "*", element: <div data-testid="elsewhere" /> },
    ],
    { initialEntries: [options.route ?? "/"] },
  );
  const result = render(
    <AppProviders services={{ api, tokens, live, reconnectDelaysMs: [20] }} queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { ...result, network, router, queryClient, tokens, live };
}
