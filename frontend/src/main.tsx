import { createApiClient } from "@kubeairunway/shared";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { RouterProvider } from "react-router/dom";
import { AppProviders } from "./app/providers";
import { createAppQueryClient } from "./app/query-client";
import { createAppRouter } from "./app/router";
import { loadEnv } from "./config/env";
import { adoptTokenFromHash, createTokenStore } from "./features/auth/token-store";
import { createLiveStatusStore } from "./features/live/live-status";

const env = loadEnv(import.meta.env);
const tokens = createTokenStore(window.sessionStorage);
adoptTokenFromHash(window.location, window.history, tokens);
const api = createApiClient({
  baseUrl: env.apiBaseUrl,
  fetch: (input, init) => window.fetch(input, init),
  getToken: () => tokens.get(),
});
const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

createRoot(root).render(
  <StrictMode>
    <AppProviders
      services={{ api, tokens, live: createLiveStatusStore() }}
      queryClient={createAppQueryClient()}
      colorStorage={window.localStorage}
    >
      <RouterProvider router={createAppRouter()} />
    </AppProviders>
  </StrictMode>,
);
