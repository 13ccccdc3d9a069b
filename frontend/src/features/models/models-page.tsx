import { catalogQueries } from "@kubeairunway/shared";
import TextField from "@mui/material/TextField";
import { useQuery } from "@tanstack/react-query";
import { useDeferredValue, useMemo, useState } from "react";
import { useApi } from "../../app/services";
import { ErrorState } from "../../components/ui/error-state";
import { PageHeader } from "../../components/ui/page-header";
import { TableSkeleton } from "../../components/ui/skeletons";
import { ModelsTable } from "./models-table";

/** The curated model catalog; "Deploy" opens the wizard with the model chosen. */
export function ModelsPage() {
  const api = useApi();
  const models = useQuery(catalogQueries.models(api));
  const [search, setSearch] = useState("");
  const deferred = useDeferredValue(search.trim().toLowerCase());
  const rows = useMemo(
    () => (models.data?.items ?? []).filter((m) => !deferred || `${m.id} ${m.name} ${m.family}`.toLowerCase().includes(deferred)),
    [models.data, deferred],
  );
  return (
    <>
      <PageHeader title="Models" subtitle="Models known to work on the supported runtimes, with the GPU memory one replica needs" />
      <TextField
        size="small"
        label="Search models"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        sx={{ mb: 2, minWidth: 320 }}
      />
      {models.isPending ? <TableSkeleton label="Loading models" /> : null}
      {models.isError ? (
        <ErrorState title="Could not load the model catalog" error={models.error} onRetry={() => void models.refetch()} />
      ) : null}
      {models.data ? <ModelsTable models={rows} /> : null}
    </>
  );
}
