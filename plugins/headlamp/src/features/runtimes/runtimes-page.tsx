import { SectionBox, SimpleTable, StatusLabel } from "@kinvolk/headlamp-plugin/lib/CommonComponents";
import type { RuntimeStatus } from "@kubeairunway/shared/schemas/runtimes";
import { useBackendQuery } from "../../backend/use-backend";
import { ConnectionBanner } from "../../components/connection-banner";

function installLabel(r: RuntimeStatus) {
  if (!r.installed) return <StatusLabel status="">Not installed</StatusLabel>;
  if (!r.operator.healthy) return <StatusLabel status="warning">Operator not healthy</StatusLabel>;
  return <StatusLabel status="success">Installed</StatusLabel>;
}

const columns = [
  { label: "Runtime", getter: (r: RuntimeStatus) => r.displayName },
  { label: "Status", getter: installLabel },
  { label: "CRD", getter: (r: RuntimeStatus) => `${r.crdName}${r.crdVersions.length ? ` (${r.crdVersions.join(", ")})` : ""}` },
  {
    label: "Operator",
    getter: (r: RuntimeStatus) =>
      r.operator.found
        ? `${r.operator.namespace}/${r.operator.name} ${r.operator.version ?? ""} (${r.operator.availableReplicas} ready)`
        : "—",
  },
  { label: "Notes", getter: (r: RuntimeStatus) => r.message ?? "" },
];

/** Which runtimes are installed in the cluster and whether their operators are healthy (from the backend). */
export function RuntimesPage() {
  const runtimes = useBackendQuery((api) => api.listRuntimes(), "runtimes");
  return (
    <SectionBox title="Runtimes">
      <ConnectionBanner error={runtimes.error} where={runtimes.where} onRetry={runtimes.reload} />
      <SimpleTable
        columns={columns}
        data={runtimes.error ? [] : (runtimes.data?.items ?? null)}
        emptyMessage={runtimes.error ? "Runtime status comes from the backend, which is not reachable." : "No runtimes known."}
      />
    </SectionBox>
  );
}
