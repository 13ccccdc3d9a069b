import { type CatalogModel, catalogQueries } from "@kubeairunway/shared";
import LockOutlinedIcon from "@mui/icons-material/LockOutlined";
import Box from "@mui/material/Box";
import Chip from "@mui/material/Chip";
import List from "@mui/material/List";
import ListItemButton from "@mui/material/ListItemButton";
import ListItemText from "@mui/material/ListItemText";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { useQuery } from "@tanstack/react-query";
import { useDeferredValue, useMemo, useState } from "react";
import { useApi } from "../../../app/services";
import { ErrorState } from "../../../components/ui/error-state";
import { TableSkeleton } from "../../../components/ui/skeletons";
import { FormField } from "../components/form-field";
import { useWizard } from "../wizard-context";

function ModelOption({ model, selected, onSelect }: { model: CatalogModel; selected: boolean; onSelect: () => void }) {
  return (
    <ListItemButton selected={selected} onClick={onSelect} aria-pressed={selected} sx={{ borderRadius: 1 }}>
      <ListItemText
        primary={
          <Stack direction="row" spacing={1} sx={{ alignItems: "center" }}>
            <span>{model.name}</span>
            {model.gated ? <Chip size="small" icon={<LockOutlinedIcon />} label="gated" variant="outlined" /> : null}
          </Stack>
        }
        secondary={`${model.id} · ${model.parametersB}B · ${model.minGpuMemoryGiB} GiB GPU memory · ${model.runtimes.join(", ")}`}
      />
    </ListItemButton>
  );
}

/** Step 1: pick a catalog model (or type any HuggingFace id), and name the deployment. */
export function ModelStep() {
  const api = useApi();
  const { form, update } = useWizard();
  const models = useQuery(catalogQueries.models(api));
  const [search, setSearch] = useState("");
  const needle = useDeferredValue(search.trim().toLowerCase());
  const shown = useMemo(
    () => (models.data?.items ?? []).filter((m) => !needle || `${m.id} ${m.name} ${m.family}`.toLowerCase().includes(needle)).slice(0, 50),
    [models.data, needle],
  );
  return (
    <Stack spacing={2}>
      <TextField size="small" label="Search the catalog" value={search} onChange={(e) => setSearch(e.target.value)} />
      {models.isPending ? <TableSkeleton rows={4} label="Loading models" /> : null}
      {models.isError ? (
        <ErrorState title="Could not load the model catalog" error={models.error} onRetry={() => void models.refetch()} />
      ) : null}
      {models.data ? (
        <Box sx={{ maxHeight: 320, overflow: "auto", border: 1, borderColor: "divider", borderRadius: 1 }}>
          <List dense aria-label="Catalog models">
            {shown.map((m) => (
              <ModelOption key={m.id} model={m} selected={form.model === m.id} onSelect={() => update({ model: m.id })} />
            ))}
            {shown.length === 0 ? (
              <Typography sx={{ p: 2 }} color="text.secondary">
                No catalog model matches; type its id below.
              </Typography>
            ) : null}
          </List>
        </Box>
      ) : null}
      <FormField field="model" label="Model id" help="A catalog model, or any HuggingFace id such as org/name" required fullWidth />
      <Stack direction={{ xs: "column", sm: "row" }} spacing={2}>
        <FormField field="name" label="Deployment name" help="Lower-case letters, digits and '-'" required sx={{ flex: 1 }} />
        <FormField field="namespace" label="Namespace" required sx={{ flex: 1 }} />
      </Stack>
    </Stack>
  );
}
