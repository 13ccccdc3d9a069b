import { Router } from "@kinvolk/headlamp-plugin/lib";
import { ConditionsTable, Link, Loader, NameValueTable, SectionBox } from "@kinvolk/headlamp-plugin/lib/CommonComponents";
import { Alert, Box } from "@mui/material";
import { useParams } from "react-router-dom";
import { PhaseLabel } from "../../components/phase-label";
import { ROUTES } from "../../routes";
import { runtimes } from "../../runtimes";
import { DeleteAction } from "./delete-action";
import { EndpointsSection, EventsSection, PendingSection, PodsSection } from "./detail-sections";
import { LogsSection } from "./logs-section";
import { ManifestSection } from "./manifest-section";
import { useLiveDeployment } from "./use-deployments";

/** One deployment, live, read from the cluster as the user. */
export function DeploymentDetail() {
  const { namespace, name } = useParams<{ namespace: string; name: string }>();
  const { view, object, loading, error } = useLiveDeployment(namespace, name);
  if (loading) return <Loader title={`Loading ${namespace}/${name}`} />;
  if (!view) {
    return (
      <SectionBox title={name} backLink>
        <Alert severity="error">{error}</Alert>
      </SectionBox>
    );
  }
  const { summary, status } = view;
  const descriptor = runtimes[view.runtime].descriptor;
  const rows = [
    { name: "Runtime", value: `${descriptor.displayName} (${descriptor.crd.kind})` },
    { name: "Namespace", value: summary.namespace },
    { name: "Model", value: summary.model },
    { name: "Engine", value: [summary.engine, summary.mode].filter(Boolean).join(", ") || "—" },
    { name: "Phase", value: <PhaseLabel phase={status.phase} /> },
    { name: "Replicas", value: `${status.replicas.ready}/${status.replicas.desired} ready` },
    { name: "Status", value: status.explanation },
    {
      name: "In Headlamp",
      value: (
        <Link routeName="customresource" params={{ crd: descriptor.crd.name, namespace: summary.namespace, crName: summary.name }}>
          Open the {descriptor.crd.kind} in Headlamp's resource view
        </Link>
      ),
    },
  ];
  return (
    <>
      <SectionBox title={summary.name} backLink={Router.createRouteURL(ROUTES.deployments.name)}>
        <NameValueTable rows={rows} />
        <Box mt={2}>
          <DeleteAction runtime={view.runtime} namespace={summary.namespace} name={summary.name} />
        </Box>
      </SectionBox>
      <PendingSection pending={view.pending} />
      <SectionBox title="Conditions">
        <ConditionsTable resource={(object?.jsonData ?? null) as never} showLastUpdate={false} />
      </SectionBox>
      <PodsSection pods={view.pods} />
      <EndpointsSection endpoints={status.endpoints} model={summary.model} />
      <EventsSection events={view.events} />
      <LogsSection pods={view.pods} />
      <ManifestSection resource={view.resource} />
    </>
  );
}
