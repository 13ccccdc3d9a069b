/** Route names and paths of the plugin; every link and registration takes them from here. */
export const ROUTES = {
  deployments: { name: "kubeairunway-deployments", path: "/kubeairunway/deployments" },
  create: { name: "kubeairunway-deployment-create", path: "/kubeairunway/deployments/create" },
  deployment: { name: "kubeairunway-deployment", path: "/kubeairunway/deployments/:namespace/:name" },
  models: { name: "kubeairunway-models", path: "/kubeairunway/models" },
  runtimes: { name: "kubeairunway-runtimes", path: "/kubeairunway/runtimes" },
  integrations: { name: "kubeairunway-integrations", path: "/kubeairunway/integrations" },
  settings: { name: "kubeairunway-settings", path: "/kubeairunway/settings" },
} as const;

/** Sidebar entry names (the parent and its children). */
export const SIDEBAR = {
  root: "kubeairunway",
  deployments: "kubeairunway-deployments",
  models: "kubeairunway-models",
  runtimes: "kubeairunway-runtimes",
  integrations: "kubeairunway-integrations",
  settings: "kubeairunway-settings",
} as const;
