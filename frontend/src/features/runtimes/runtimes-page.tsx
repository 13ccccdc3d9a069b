import { catalogQueries } from "@kubeairunway/shared";
import Grid from "@mui/material/Grid";
import { useQuery } from "@tanstack/react-query";
import { useApi } from "../../app/services";
import { ErrorState } from "../../components/ui/error-state";
import { PageHeader } from "../../components/ui/page-header";
import { PageSkeleton } from "../../components/ui/skeletons";
import { RuntimeCard } from "./runtime-card";

/** KAITO, KubeRay and Dynamo: installed or not, operator health, versions. */
export function RuntimesPage() {
  const api = useApi();
  const runtimes = useQuery(catalogQueries.runtimes(api));
  const providers = useQuery(catalogQueries.providers(api));
  return (
    <>
      <PageHeader title="Runtimes" subtitle="The operators that turn a deployment into running pods" />
      {runtimes.isPending ? <PageSkeleton label="Loading runtimes" /> : null}
      {runtimes.isError ? (
        <ErrorState title="Could not read runtime status" error={runtimes.error} onRetry={() => void runtimes.refetch()} />
      ) : null}
      {runtimes.data ? (
        <Grid container spacing={2}>
          {runtimes.data.items.map((r) => (
            <Grid key={r.id} size={{ xs: 12, md: 6, lg: 4 }}>
              <RuntimeCard runtime={r} provider={providers.data?.items.find((p) => p.id === r.id)} />
            </Grid>
          ))}
        </Grid>
      ) : null}
    </>
  );
}
