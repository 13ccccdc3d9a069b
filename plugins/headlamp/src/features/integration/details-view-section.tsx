import type { DetailsViewSectionProps } from "@kinvolk/headlamp-plugin/lib";
import { Link, NameValueTable, SectionBox } from "@kinvolk/headlamp-plugin/lib/CommonComponents";
import type { KubeObject } from "@kubeairunway/shared/providers/types";
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
  if (!json || !runtime) return null;
  const summary = runtimes[runtime].summarize(json, []);
  return (
    <SectionBox title="KubeAIRunway">
      <NameValueTable
        rows={[
          { name: "Phase", value: <PhaseLabel phase={summary.phase} /> },
          { name: "Model", value: summary.model },
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
