import { type DetailsViewSectionProps, K8s } from "@kinvolk/headlamp-plugin/lib";
import { Link, NameValueTable, SectionBox } from "@kinvolk/headlamp-plugin/lib/CommonComponents";
import type { KubeObject, KubePod } from "@kubeairunway/shared/providers/types";
import type { RuntimeId } from "@kubeairunway/shared/schemas/common";
import { PhaseLabel } from "../../components/phase-label";
import { ROUTES } from "../../routes";
import { runtimeOfResource, runtimes } from "../../runtimes";

/**
 * On Headlamp's own Workspace / RayService / DynamoGraphDeployment pages: the KubeAIRunway status
 * of that resource (shared core, from the resource itself) and a link to the plugin's page.
 */
export function DetailsViewSection({ resource }: DetailsViewSectionProps) {
  const json = (resource as { jsonData?: KubeObject } | undefined)?.jsonData;
  const runtime = json ? runtimeOfResource(json) : undefined;
  return json && runtime ? <RuntimeStatusSection runtime={runtime} resource={json} /> : null;
}

/** The status from the resource and its pods (listed live, as the user), like the plugin's own pages. */
function RuntimeStatusSection({ runtime, resource }: { runtime: RuntimeId; resource: KubeObject }) {
  const { name = "", namespace = "" } = resource.metadata ?? {};
  const labelSelector = Object.entries(runtimes[runtime].podSelector(name))
    .map(([k, v]) => `${k}=${v}`)
    .join(",");
  const [pods] = K8s.ResourceClasses.Pod.useList({ namespace, labelSelector });
  const summary = runtimes[runtime].summarize(
    resource,
    (pods ?? []).map((p) => p.jsonData as KubePod),
  );
  return (
    <SectionBox title="KubeAIRunway">
      <NameValueTable
        rows={[
          { name: "Phase", value: <PhaseLabel phase={summary.phase} /> },
          { name: "Model", value: summary.model },
          { name: "Replicas", value: `${summary.replicas.ready}/${summary.replicas.desired} ready` },
          { name: "Status", value: summary.explanation },
          {
            name: "Details",
            value: (
              <Link routeName={ROUTES.deployment.name} params={{ namespace: summary.namespace, name: summary.name }}>
                Open in KubeAIRunway (pods, pending explanation, logs)
              </Link>
            ),
          },
        ]}
      />
    </SectionBox>
  );
}
