import { Link, NameValueTable, SectionBox } from "@kinvolk/headlamp-plugin/lib/CommonComponents";
import { Alert } from "@mui/material";
import { useBackendQuery } from "../../backend/use-backend";
import { ConnectionBanner } from "../../components/connection-banner";
import { ROUTES } from "../../routes";
import { RUNTIME_IDS, runtimes } from "../../runtimes";

/** How the plugin ties into Headlamp and the backend: which views it extends and where the backend is. */
export function IntegrationsPage() {
  const version = useBackendQuery((api) => api.version(), "integrations-version");
  return (
    <SectionBox title="Integrations">
      <ConnectionBanner error={version.error} where={version.where} onRetry={version.reload} />
      {version.data && (
        <Alert severity="success">
          Backend {version.data.version} at {version.where}.
        </Alert>
      )}
      <NameValueTable
        rows={[
          ...RUNTIME_IDS.map((id) => ({
            name: `${runtimes[id].descriptor.crd.kind} pages`,
            value: `Headlamp's ${runtimes[id].descriptor.crd.name} details show a KubeAIRunway section with the deployment's status.`,
          })),
          {
            name: "Deployments",
            value: "Read, created and deleted as you through Headlamp's cluster connection (Kubernetes RBAC applies).",
          },
          { name: "Catalog and runtime status", value: "From the backend through the Kubernetes service proxy." },
          { name: "Backend location", value: <Link routeName={ROUTES.settings.name}>Settings</Link> },
        ]}
      />
    </SectionBox>
  );
}
