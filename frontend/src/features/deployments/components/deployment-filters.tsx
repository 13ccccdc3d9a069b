import { Phase, RuntimeId } from "@kubeairunway/shared";
import SearchIcon from "@mui/icons-material/Search";
import Box from "@mui/material/Box";
import InputAdornment from "@mui/material/InputAdornment";
import MenuItem from "@mui/material/MenuItem";
import TextField from "@mui/material/TextField";
import { useEffect, useState } from "react";
import type { DeploymentFilters } from "../filter-deployments";

const RUNTIME_LABELS: Record<RuntimeId, string> = { kaito: "KAITO", kuberay: "KubeRay", dynamo: "Dynamo" };

interface Props {
  filters: DeploymentFilters;
  namespaces: string[];
  /** Fires on every keystroke; the page filters with a deferred value so typing stays responsive. */
  onTextChange: (text: string) => void;
  onFilter: (key: "namespace" | "runtime" | "phase" | "q", value: string | undefined) => void;
}

function FilterSelect({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string | undefined;
  options: { value: string; label: string }[];
  onChange: (v: string | undefined) => void;
}) {
  return (
    <TextField
      select
      size="small"
      label={label}
      value={value ?? ""}
      onChange={(e) => onChange(e.target.value || undefined)}
      sx={{ minWidth: 150 }}
    >
      <MenuItem value="">All</MenuItem>
      {options.map((o) => (
        <MenuItem key={o.value} value={o.value}>
          {o.label}
        </MenuItem>
      ))}
    </TextField>
  );
}

/** Text search plus namespace/runtime/phase pickers; the text is written to the URL after a pause. */
export function DeploymentFiltersBar({ filters, namespaces, onTextChange, onFilter }: Props) {
  const [text, setText] = useState(filters.text ?? "");
  useEffect(() => {
    const timer = setTimeout(() => {
      if ((filters.text ?? "") !== text) onFilter("q", text || undefined);
    }, 300);
    return () => clearTimeout(timer);
  }, [text, filters.text, onFilter]);
  return (
    <Box sx={{ display: "flex", gap: 1.5, flexWrap: "wrap", mb: 2 }} role="search" aria-label="Filter deployments">
      <TextField
        size="small"
        label="Filter by name, model or namespace"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          onTextChange(e.target.value);
        }}
        sx={{ minWidth: 300, flexGrow: 1, maxWidth: 480 }}
        slotProps={{
          input: {
            startAdornment: (
              <InputAdornment position="start">
                <SearchIcon fontSize="small" />
              </InputAdornment>
            ),
          },
        }}
      />
      <FilterSelect
        label="Namespace"
        value={filters.namespace}
        options={namespaces.map((n) => ({ value: n, label: n }))}
        onChange={(v) => onFilter("namespace", v)}
      />
      <FilterSelect
        label="Runtime"
        value={filters.runtime}
        options={RuntimeId.options.map((r) => ({ value: r, label: RUNTIME_LABELS[r] }))}
        onChange={(v) => onFilter("runtime", v)}
      />
      <FilterSelect
        label="Phase"
        value={filters.phase}
        options={Phase.options.map((p) => ({ value: p, label: p }))}
        onChange={(v) => onFilter("phase", v)}
      />
    </Box>
  );
}
