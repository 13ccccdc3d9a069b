import { registerDetailsViewSection, registerPluginSettings, registerRoute, registerSidebarEntry } from "@kinvolk/headlamp-plugin/lib";
import { CreateWizard } from "./features/create/create-wizard";
import { DeploymentDetail } from "./features/deployments/deployment-detail";
import { DeploymentList } from "./features/deployments/deployment-list";
import { DetailsViewSection } from "./features/integration/details-view-section";
import { IntegrationsPage } from "./features/integration/integrations-page";
import { ModelsPage } from "./features/models/models-page";
import { RuntimesPage } from "./features/runtimes/runtimes-page";
import { BackendSettings } from "./features/settings/backend-settings";
import { SettingsPage } from "./features/settings/settings-page";
import { PLUGIN_NAME } from "./plugin-name";
import { ROUTES, SIDEBAR } from "./routes";

// Icons are from Headlamp's bundled offline set (headlamp-plugin.md §7).
registerSidebarEntry({
  parent: null,
  name: SIDEBAR.root,
  label: "KubeAIRunway",
  url: ROUTES.deployments.path,
  icon: "mdi:rocket-launch-outline",
});
registerSidebarEntry({ parent: SIDEBAR.root, name: SIDEBAR.deployments, label: "Deployments", url: ROUTES.deployments.path });
registerSidebarEntry({ parent: SIDEBAR.root, name: SIDEBAR.models, label: "Models", url: ROUTES.models.path });
registerSidebarEntry({ parent: SIDEBAR.root, name: SIDEBAR.runtimes, label: "Runtimes", url: ROUTES.runtimes.path });
registerSidebarEntry({ parent: SIDEBAR.root, name: SIDEBAR.integrations, label: "Integrations", url: ROUTES.integrations.path });
registerSidebarEntry({ parent: SIDEBAR.root, name: SIDEBAR.settings, label: "Settings", url: ROUTES.settings.path });

// `create` before `:namespace/:name`, or "create" would be read as a namespace.
registerRoute({ ...ROUTES.deployments, sidebar: SIDEBAR.deployments, exact: true, component: () => <DeploymentList /> });
registerRoute({ ...ROUTES.create, sidebar: SIDEBAR.deployments, exact: true, component: () => <CreateWizard /> });
registerRoute({ ...ROUTES.deployment, sidebar: SIDEBAR.deployments, exact: true, component: () => <DeploymentDetail /> });
registerRoute({ ...ROUTES.models, sidebar: SIDEBAR.models, exact: true, component: () => <ModelsPage /> });
registerRoute({ ...ROUTES.runtimes, sidebar: SIDEBAR.runtimes, exact: true, component: () => <RuntimesPage /> });
registerRoute({ ...ROUTES.integrations, sidebar: SIDEBAR.integrations, exact: true, component: () => <IntegrationsPage /> });
registerRoute({ ...ROUTES.settings, sidebar: SIDEBAR.settings, exact: true, component: () => <SettingsPage /> });

registerDetailsViewSection(DetailsViewSection);
registerPluginSettings(PLUGIN_NAME, BackendSettings, true);
