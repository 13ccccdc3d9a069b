import type { CatalogModel } from "@kubeairunway/shared/schemas/models";
import { suggestName } from "@kubeairunway/shared/wizard/form";
import { Autocomplete, Box, TextField } from "@mui/material";
import { useBackendQuery } from "../../backend/use-backend";
import { ConnectionBanner } from "../../components/connection-banner";
import type { StepProps } from "./wizard-steps";

/**
 * Model id (from the backend's catalog, or typed by hand when the backend is unreachable), the
 * deployment's name and namespace.
 */
export function ModelStep({ form, set, check }: StepProps) {
  const catalog = useBackendQuery((api) => api.listModels(), "wizard-models");
  const models: CatalogModel[] = catalog.data?.items ?? [];
  const chooseModel = (model: string) =>
    set({ model, name: form.name && form.name !== suggestName(form.model) ? form.name : suggestName(model) });
  return (
    <Box display="flex" flexDirection="column" gap={2}>
      {catalog.error ? <ConnectionBanner error={catalog.error} where={catalog.where} /> : null}
      <Autocomplete
        freeSolo
        options={models.map((m) => m.id)}
        inputValue={form.model}
        onInputChange={(_e, value) => chooseModel(value)}
        renderInput={(params) => (
          <TextField
            {...params}
            label="Model (HuggingFace id or KAITO preset)"
            error={Boolean(form.model && check.issueFor("model"))}
            helperText={(form.model && check.issueFor("model")) || (catalog.error ? "The catalog is unavailable; type the model id." : " ")}
          />
        )}
      />
      <TextField
        label="Name"
        value={form.name}
        onChange={(e) => set({ name: e.target.value })}
        error={Boolean(form.name && check.issueFor("name"))}
        helperText={(form.name && check.issueFor("name")) || " "}
      />
      <TextField
        label="Namespace"
        value={form.namespace}
        onChange={(e) => set({ namespace: e.target.value })}
        error={Boolean(check.issueFor("namespace"))}
        helperText={check.issueFor("namespace") ?? " "}
      />
    </Box>
  );
}
