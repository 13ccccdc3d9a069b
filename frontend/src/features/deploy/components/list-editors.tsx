import AddIcon from "@mui/icons-material/Add";
import DeleteOutlineIcon from "@mui/icons-material/DeleteOutline";
import Button from "@mui/material/Button";
import FormHelperText from "@mui/material/FormHelperText";
import IconButton from "@mui/material/IconButton";
import MenuItem from "@mui/material/MenuItem";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { useWizard } from "../wizard-context";
import type { WizardForm } from "../wizard-form";

/** Node selector rows: label key = value, each row removable. */
export function NodeSelectorEditor() {
  const { form, update, errorFor } = useWizard();
  const rows = form.nodeSelector;
  const set = (next: WizardForm["nodeSelector"]) => update({ nodeSelector: next });
  const error = errorFor("nodeSelector");
  return (
    <Stack spacing={1}>
      <Typography variant="subtitle2">Node selector</Typography>
      {rows.map((row, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place and have no other identity
        <Stack key={i} direction="row" spacing={1}>
          <TextField
            size="small"
            label={`Label key ${i + 1}`}
            value={row.key}
            onChange={(e) => set(rows.map((r, j) => (j === i ? { ...r, key: e.target.value } : r)))}
          />
          <TextField
            size="small"
            label={`Label value ${i + 1}`}
            value={row.value}
            onChange={(e) => set(rows.map((r, j) => (j === i ? { ...r, value: e.target.value } : r)))}
          />
          <IconButton aria-label={`Remove node selector ${i + 1}`} onClick={() => set(rows.filter((_, j) => j !== i))}>
            <DeleteOutlineIcon />
          </IconButton>
        </Stack>
      ))}
      {error ? <FormHelperText error>{error}</FormHelperText> : null}
      <Button size="small" startIcon={<AddIcon />} onClick={() => set([...rows, { key: "", value: "" }])} sx={{ alignSelf: "flex-start" }}>
        Add node selector
      </Button>
    </Stack>
  );
}

/** Tolerations rows: key, operator, value (for Equal), effect. */
export function TolerationsEditor() {
  const { form, update, errorFor } = useWizard();
  const rows = form.tolerations;
  const set = (next: WizardForm["tolerations"]) => update({ tolerations: next });
  const patch = (i: number, changes: Partial<WizardForm["tolerations"][number]>) =>
    set(rows.map((r, j) => (j === i ? { ...r, ...changes } : r)));
  const error = errorFor("tolerations");
  return (
    <Stack spacing={1}>
      <Typography variant="subtitle2">Tolerations</Typography>
      {rows.map((row, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place and have no other identity
        <Stack key={i} direction="row" spacing={1} sx={{ flexWrap: "wrap", rowGap: 1 }}>
          <TextField size="small" label={`Taint key ${i + 1}`} value={row.key} onChange={(e) => patch(i, { key: e.target.value })} />
          <TextField
            select
            size="small"
            label={`Operator ${i + 1}`}
            value={row.operator}
            onChange={(e) => patch(i, { operator: e.target.value as "Equal" | "Exists" })}
            sx={{ width: 130 }}
          >
            <MenuItem value="Equal">Equal</MenuItem>
            <MenuItem value="Exists">Exists</MenuItem>
          </TextField>
          {row.operator === "Equal" ? (
            <TextField
              size="small"
              label={`Taint value ${i + 1}`}
              value={row.value}
              onChange={(e) => patch(i, { value: e.target.value })}
            />
          ) : null}
          <TextField
            select
            size="small"
            label={`Effect ${i + 1}`}
            value={row.effect}
            onChange={(e) => patch(i, { effect: e.target.value as WizardForm["tolerations"][number]["effect"] })}
            sx={{ width: 170 }}
          >
            <MenuItem value="">Any effect</MenuItem>
            <MenuItem value="NoSchedule">NoSchedule</MenuItem>
            <MenuItem value="PreferNoSchedule">PreferNoSchedule</MenuItem>
            <MenuItem value="NoExecute">NoExecute</MenuItem>
          </TextField>
          <IconButton aria-label={`Remove toleration ${i + 1}`} onClick={() => set(rows.filter((_, j) => j !== i))}>
            <DeleteOutlineIcon />
          </IconButton>
        </Stack>
      ))}
      {error ? <FormHelperText error>{error}</FormHelperText> : null}
      <Button
        size="small"
        startIcon={<AddIcon />}
        onClick={() => set([...rows, { key: "nvidia.com/gpu", operator: "Exists", value: "", effect: "NoSchedule" }])}
        sx={{ alignSelf: "flex-start" }}
      >
        Add toleration
      </Button>
    </Stack>
  );
}
