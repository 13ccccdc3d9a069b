import { deploymentQueries } from "@kubeairunway/shared";
import AddIcon from "@mui/icons-material/Add";
import Button from "@mui/material/Button";
import Typography from "@mui/material/Typography";
import { useQuery } from "@tanstack/react-query";
import { useDeferredValue, useEffect, useMemo, useState } from "react";
import { Link } from "react-router";
import { useApi } from "../../app/services";
import { ErrorState } from "../../components/ui/error-state";
import { FeatureBoundary } from "../../components/ui/feature-boundary";
import { PageHeader } from "../../components/ui/page-header";
import { TableSkeleton } from "../../components/ui/skeletons";
import { DeploymentFiltersBar } from "./components/deployment-filters";
import { DeploymentsTable } from "./components/deployments-table";
import { EmptyDeployments } from "./components/empty-deployments";
import { ListNotices } from "./components/list-notices";
import { filterDeployments } from "./filter-deployments";
import { useDeploymentFilters } from "./use-deployment-filters";

/** The time, refreshed every `everyMs`, so ages advance without every keystroke re-rendering every row. */
function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** Every deployment across runtimes, filtered in the browser and kept live by the stream. */
export function DeploymentsPage() {
  const api = useApi();
  const list = useQuery(deploymentQueries.list(api));
  const { filters, sort, setFilter, toggleSort, clearFilters } = useDeploymentFilters();
  const [text, setText] = useState(filters.text ?? "");
  const [resets, setResets] = useState(0);
  const deferredText = useDeferredValue(text);
  const now = useNow(15_000);
  const items = list.data?.items;
  const rows = useMemo(
    () => (items ? filterDeployments(items, { ...filters, text: deferredText }, sort) : []),
    [items, filters, deferredText, sort],
  );
  const namespaces = useMemo(() => {
    const set = new Set(items?.map((d) => d.namespace));
    if (filters.namespace) set.add(filters.namespace);
    return [...set].sort();
  }, [items, filters.namespace]);
  const filtered = Boolean(filters.namespace || filters.runtime || filters.phase || text);

  return (
    <>
      <PageHeader
        title="Deployments"
        subtitle="Inference deployments across KAITO, KubeRay and NVIDIA Dynamo"
        actions={
          <Button component={Link} to="/deploy" variant="contained" startIcon={<AddIcon />}>
            Deploy a model
          </Button>
        }
      />
      <DeploymentFiltersBar key={resets} filters={filters} namespaces={namespaces} onTextChange={setText} onFilter={setFilter} />
      <FeatureBoundary feature="The deployments table">
        {list.isPending ? <TableSkeleton label="Loading deployments" /> : null}
        {list.isError ? <ErrorState title="Could not load deployments" error={list.error} onRetry={() => void list.refetch()} /> : null}
        {list.data ? (
          <>
            <ListNotices list={list.data} />
            {rows.length === 0 ? (
              <EmptyDeployments
                filtered={filtered && list.data.items.length > 0}
                onClear={() => {
                  setText("");
                  setResets((n) => n + 1);
                  clearFilters();
                }}
              />
            ) : (
              <>
                <DeploymentsTable rows={rows} sort={sort} onSort={toggleSort} now={now} />
                <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }} aria-live="polite" data-testid="row-count">
                  {rows.length === list.data.items.length
                    ? `${rows.length} deployments`
                    : `${rows.length} of ${list.data.items.length} deployments`}
                </Typography>
              </>
            )}
          </>
        ) : null}
      </FeatureBoundary>
    </>
  );
}
