import { K8s, Router } from "@kinvolk/headlamp-plugin/lib";
import { DateLabel, Link, SectionBox, SimpleTable } from "@kinvolk/headlamp-plugin/lib/CommonComponents";
import { Phase, type RuntimeId } from "@kubeairunway/shared/schemas/common";
import type { DeploymentSummary } from "@kubeairunway/shared/schemas/deployments";
import { Alert, Box, Button, MenuItem, TextField } from "@mui/material";
import { useState } from "react";
import { useHistory } from "react-router-dom";
import { PhaseLabel } from "../../components/phase-label";
import { ROUTES } from "../../routes";
import { RUNTIME_IDS, runtimes } from "../../runtimes";
import { useLiveDeployments, useSelectedNamespaces } from "./use-deployments";

const columns = [
  {
    label: "Name",
    getter: (d: DeploymentSummary) => (
      <Link routeName={ROUTES.deployment.name} params={{ namespace: d.namespace, name: d.name }}>
        {d.name}
      </Link>
    ),
  },
  { label: "Namespace", getter: (d: DeploymentSummary) => d.namespace },
  { label: "Model", getter: (d: DeploymentSummary) => d.model },
  { label: "Runtime", getter: (d: DeploymentSummary) => runtimes[d.runtime].descriptor.displayName },
  { label: "Engine", getter: (d: DeploymentSummary) => d.engine ?? "—" },
  { label: "Phase", getter: (d: DeploymentSummary) => <PhaseLabel phase={d.phase} /> },
  { label: "Replicas", getter: (d: DeploymentSummary) => `${d.replicas.ready}/${d.replicas.desired}` },
  { label: "Age", getter: (d: DeploymentSummary) => <DateLabel date={d.createdAt} format="mini" /> },
];

function FilterSelect<T extends string>(props: {
  label: string;
  value: T | "";
  options: readonly T[];
  names?: (v: T) => string;
  onChange: (v: T | "") => void;
}) {
  return (
    <TextField
      select
      size="small"
      label={props.label}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value as T | "")}
      sx={{ minWidth: 160 }}
    >
      <MenuItem value="">All</MenuItem>
      {props.options.map((o) => (
        <MenuItem key={o} value={o}>
          {props.names ? props.names(o) : o}
        </MenuItem>
      ))}
    </TextField>
  );
}

/**
 * Every KAITO, KubeRay and Dynamo deployment the user may list, live, in Headlamp's selected
 * namespaces. Read directly from the cluster as the user: works while the backend is down.
 */
export function DeploymentList() {
  const namespaces = useSelectedNamespaces();
  const live = useLiveDeployments(namespaces);
  const history = useHistory();
  const cluster = K8s.useCluster() ?? undefined;
  const [runtime, setRuntime] = useState<RuntimeId | "">("");
  const [phase, setPhase] = useState<Phase | "">("");
  const rows = live.items.filter((d) => (!runtime || d.runtime === runtime) && (!phase || d.phase === phase));
  const createUrl = Router.createRouteURL(ROUTES.create.name, { cluster });

  return (
    <SectionBox title="Deployments">
      <Box display="flex" gap={2} alignItems="center" flexWrap="wrap" my={1}>
        <FilterSelect
          label="Runtime"
          value={runtime}
          options={RUNTIME_IDS}
          names={(id) => runtimes[id].descriptor.displayName}
          onChange={setRuntime}
        />
        <FilterSelect label="Phase" value={phase} options={Phase.options} onChange={setPhase} />
        <Button variant="contained" onClick={() => history.push(createUrl)}>
          Create deployment
        </Button>
      </Box>
      {live.notInstalled.map((id) => (
        <Alert key={id} severity="info">
          {runtimes[id].descriptor.displayName} is not installed in this cluster (no {runtimes[id].descriptor.crd.name} CRD).
        </Alert>
      ))}
      {live.errors.map((e) => (
        <Alert key={e.source} severity="error">
          {e.source}: {e.message}
        </Alert>
      ))}
      {namespaces.length === 0 && live.errors.some((e) => e.status === 403) && (
        <Alert severity="info">
          You may not list these cluster-wide. Pick your namespaces in Headlamp's namespace filter, or set the cluster's allowed namespaces
          in Headlamp's cluster settings.
        </Alert>
      )}
      <SimpleTable
        columns={columns}
        data={live.loading && rows.length === 0 ? null : rows}
        emptyMessage={namespaces.length ? `No deployments in ${namespaces.join(", ")}.` : "No deployments."}
      />
    </SectionBox>
  );
}
