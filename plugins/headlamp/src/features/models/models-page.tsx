import { SectionBox, SimpleTable } from "@kinvolk/headlamp-plugin/lib/CommonComponents";
import type { CatalogModel } from "@kubeairunway/shared/schemas/models";
import { TextField } from "@mui/material";
import { useState } from "react";
import { useBackendQuery } from "../../backend/use-backend";
import { ConnectionBanner } from "../../components/connection-banner";

const columns = [
  { label: "Model", getter: (m: CatalogModel) => m.id },
  { label: "Family", getter: (m: CatalogModel) => m.family },
  { label: "Parameters", getter: (m: CatalogModel) => `${m.parametersB}B` },
  { label: "Context", getter: (m: CatalogModel) => m.contextLength.toLocaleString("en-US") },
  { label: "GPU memory (BF16)", getter: (m: CatalogModel) => `${m.minGpuMemoryGiB} GiB` },
  { label: "Engines", getter: (m: CatalogModel) => m.engines.join(", ") },
  { label: "Runtimes", getter: (m: CatalogModel) => m.runtimes.join(", ") },
  { label: "License", getter: (m: CatalogModel) => `${m.license}${m.gated ? " (gated)" : ""}` },
];

/** The backend's curated model catalog, searchable. */
export function ModelsPage() {
  const [search, setSearch] = useState("");
  const models = useBackendQuery((api) => api.listModels({ query: search ? { search } : {} }), `models|${search}`);
  return (
    <SectionBox title="Models">
      <ConnectionBanner error={models.error} where={models.where} onRetry={models.reload} />
      <TextField size="small" label="Search models" value={search} onChange={(e) => setSearch(e.target.value)} sx={{ my: 1 }} />
      <SimpleTable
        columns={columns}
        data={models.error ? [] : (models.data?.items ?? null)}
        emptyMessage={models.error ? "The catalog comes from the backend, which is not reachable." : "No model matches."}
      />
    </SectionBox>
  );
}
