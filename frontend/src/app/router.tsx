import { createBrowserRouter, Navigate, type RouteObject } from "react-router";
import { AppShell } from "./app-shell";
import { RouteError } from "./route-error";

/**
 * One lazily loaded chunk per page, so the first page downloads only what it shows
 * (budget: 250 KB gzipped of JavaScript).
 */
export const routes: RouteObject[] = [
  {
    element: <AppShell />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <Navigate to="/deployments" replace /> },
      {
        path: "deployments",
        lazy: async () => ({ Component: (await import("../features/deployments/deployments-page")).DeploymentsPage }),
      },
      {
        path: "deployments/:namespace/:name",
        lazy: async () => ({ Component: (await import("../features/deployment-details/details-page")).DeploymentDetailsPage }),
      },
      { path: "deploy", lazy: async () => ({ Component: (await import("../features/deploy/deploy-page")).DeployPage }) },
      { path: "models", lazy: async () => ({ Component: (await import("../features/models/models-page")).ModelsPage }) },
      { path: "runtimes", lazy: async () => ({ Component: (await import("../features/runtimes/runtimes-page")).RuntimesPage }) },
      { path: "settings", lazy: async () => ({ Component: (await import("../features/settings/settings-page")).SettingsPage }) },
      { path: "*", lazy: async () => ({ Component: (await import("./not-found-page")).NotFoundPage }) },
    ],
  },
];

export const createAppRouter = () => createBrowserRouter(routes);
