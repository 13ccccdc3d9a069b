import { deploymentKeys, deploymentQueries } from "@kubeairunway/shared";
import DeleteOutlineIcon from "@mui/icons-material/DeleteOutline";
import Box from "@mui/material/Box";
import Breadcrumbs from "@mui/material/Breadcrumbs";
import Button from "@mui/material/Button";
import Link from "@mui/material/Link";
import Tab from "@mui/material/Tab";
import Tabs from "@mui/material/Tabs";
import Typography from "@mui/material/Typography";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { lazy, Suspense, useState } from "react";
import { Link as RouterLink, useNavigate, useParams, useSearchParams } from "react-router";
import { useApi } from "../../app/services";
import { ErrorState } from "../../components/ui/error-state";
import { FeatureBoundary } from "../../components/ui/feature-boundary";
import { PageHeader } from "../../components/ui/page-header";
import { PhaseChip } from "../../components/ui/phase-chip";
import { PageSkeleton } from "../../components/ui/skeletons";
import { DeleteDialog } from "./components/delete-dialog";
import { EventsTable } from "./components/events-table";
import { ManifestPanel } from "./components/manifest-panel";
import { PodsTable } from "./components/pods-table";
import { StatusOverview } from "./components/status-overview";
import { LogsViewer } from "./logs/logs-viewer";

// recharts is large: the metrics tab loads it only when opened.
const MetricsPanel = lazy(() => import("./metrics/metrics-panel").then((m) => ({ default: m.MetricsPanel })));

const TABS = ["overview", "pods", "events", "logs", "metrics", "manifest"] as const;
type TabId = (typeof TABS)[number];

/** One deployment: status, pods, events, logs and the live manifest; kept current by the stream. */
export function DeploymentDetailsPage() {
  const { namespace = "", name = "" } = useParams();
  const api = useApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const tab: TabId = (TABS as readonly string[]).includes(params.get("tab") ?? "") ? (params.get("tab") as TabId) : "overview";
  const detail = useQuery(deploymentQueries.detail(api, namespace, name));
  const events = useQuery(deploymentQueries.events(api, namespace, name));
  const [deleting, setDeleting] = useState(false);
  const remove = useMutation({
    mutationFn: () => api.deleteDeployment({ params: { namespace, name } }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: deploymentKeys.lists() });
      navigate("/deployments");
    },
  });

  const header = (
    <>
      <Breadcrumbs aria-label="Breadcrumb" sx={{ mb: 1 }}>
        <Link component={RouterLink} to="/deployments">
          Deployments
        </Link>
        <Typography color="text.primary">{namespace}</Typography>
        <Typography color="text.primary">{name}</Typography>
      </Breadcrumbs>
      <PageHeader
        title={
          <Box component="span" sx={{ display: "inline-flex", gap: 1.5, alignItems: "center" }}>
            {name} {detail.data ? <PhaseChip phase={detail.data.status.phase} /> : null}
          </Box>
        }
        subtitle={detail.data ? `${detail.data.summary.model} on ${detail.data.summary.runtime} in ${namespace}` : namespace}
        actions={
          <Button
            color="error"
            variant="outlined"
            startIcon={<DeleteOutlineIcon />}
            onClick={() => setDeleting(true)}
            disabled={!detail.data}
          >
            Delete
          </Button>
        }
      />
    </>
  );
  if (detail.isPending)
    return (
      <>
        {header}
        <PageSkeleton label="Loading deployment" />
      </>
    );
  if (detail.isError)
    return (
      <>
        {header}
        <ErrorState title={`Could not load ${name}`} error={detail.error} onRetry={() => void detail.refetch()} />
      </>
    );
  const d = detail.data;
  return (
    <>
      {header}
      <Tabs
        value={tab}
        onChange={(_, v: TabId) => setParams(v === "overview" ? {} : { tab: v }, { replace: true })}
        aria-label="Deployment sections"
        sx={{ mb: 2, borderBottom: 1, borderColor: "divider" }}
      >
        <Tab value="overview" label="Overview" />
        <Tab value="pods" label={`Pods (${d.pods.length})`} />
        <Tab value="events" label="Events" />
        <Tab value="logs" label="Logs" />
        <Tab value="metrics" label="Metrics" />
        <Tab value="manifest" label="Manifest" />
      </Tabs>
      <FeatureBoundary key={tab} feature={`The ${tab} tab`}>
        {tab === "overview" ? <StatusOverview detail={d} events={events.data} /> : null}
        {tab === "pods" ? <PodsTable pods={d.pods} /> : null}
        {tab === "events" && events.isError ? (
          <ErrorState title="Could not load events" error={events.error} onRetry={() => void events.refetch()} />
        ) : null}
        {tab === "events" && events.data ? <EventsTable events={events.data.events} /> : null}
        {tab === "logs" ? <LogsViewer namespace={namespace} name={name} pods={d.pods} /> : null}
        {tab === "metrics" ? (
          <Suspense fallback={<PageSkeleton label="Loading metrics" />}>
            <MetricsPanel namespace={namespace} name={name} />
          </Suspense>
        ) : null}
        {tab === "manifest" ? <ManifestPanel resource={d.resource} fileName={`${namespace}-${name}.yaml`} /> : null}
      </FeatureBoundary>
      {deleting ? (
        <DeleteDialog
          open
          name={name}
          namespace={namespace}
          pending={remove.isPending}
          error={remove.error}
          onCancel={() => {
            setDeleting(false);
            remove.reset();
          }}
          onConfirm={() => remove.mutate()}
        />
      ) : null}
    </>
  );
}
