import type { PodSummary } from "@kubeairunway/shared";
import PauseIcon from "@mui/icons-material/Pause";
import PlayArrowIcon from "@mui/icons-material/PlayArrow";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import FormControlLabel from "@mui/material/FormControlLabel";
import MenuItem from "@mui/material/MenuItem";
import Switch from "@mui/material/Switch";
import TextField from "@mui/material/TextField";

export const TAIL_OPTIONS = ["100", "500", "1000", "5000"];

export interface LogsSettings {
  pod: string;
  container: string;
  tailLines: string;
  previous: boolean;
  follow: boolean;
  paused: boolean;
  search: string;
  problemsOnly: boolean;
}

interface Props {
  pods: PodSummary[];
  settings: LogsSettings;
  onChange: (changes: Partial<LogsSettings>) => void;
}

/** Every logs control, each with a visible label: pod, container, tail, previous, follow, pause, search. */
export function LogsToolbar({ pods, settings, onChange }: Props) {
  const containers = pods.find((p) => p.name === settings.pod)?.containers ?? [];
  return (
    <Box sx={{ display: "flex", flexWrap: "wrap", gap: 1.5, alignItems: "center", mb: 1.5 }}>
      <TextField
        select
        size="small"
        label="Pod"
        value={settings.pod}
        onChange={(e) => {
          const pod = pods.find((p) => p.name === e.target.value);
          onChange({ pod: e.target.value, container: pod?.containers[0]?.name ?? "" });
        }}
        sx={{ minWidth: 220 }}
      >
        {pods.map((p) => (
          <MenuItem key={p.name} value={p.name}>
            {p.name}
            {p.role ? ` (${p.role})` : ""}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        size="small"
        label="Container"
        value={settings.container}
        onChange={(e) => onChange({ container: e.target.value })}
        sx={{ minWidth: 150 }}
      >
        {containers.map((c) => (
          <MenuItem key={c.name} value={c.name}>
            {c.name}
            {c.restartCount ? ` (${c.restartCount} restarts)` : ""}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        size="small"
        label="Tail lines"
        value={settings.tailLines}
        onChange={(e) => onChange({ tailLines: e.target.value })}
        sx={{ width: 110 }}
      >
        {TAIL_OPTIONS.map((n) => (
          <MenuItem key={n} value={n}>
            {n}
          </MenuItem>
        ))}
      </TextField>
      <FormControlLabel
        control={
          <Switch
            checked={settings.previous}
            onChange={(e) => onChange({ previous: e.target.checked, follow: e.target.checked ? false : settings.follow })}
          />
        }
        label="Previous container"
      />
      <FormControlLabel
        control={
          <Switch
            checked={settings.follow}
            disabled={settings.previous}
            onChange={(e) => onChange({ follow: e.target.checked, paused: false })}
          />
        }
        label="Follow"
      />
      {settings.follow ? (
        <Button
          size="small"
          variant="outlined"
          startIcon={settings.paused ? <PlayArrowIcon /> : <PauseIcon />}
          onClick={() => onChange({ paused: !settings.paused })}
        >
          {settings.paused ? "Resume" : "Pause"}
        </Button>
      ) : null}
      <TextField
        size="small"
        label="Search logs"
        value={settings.search}
        onChange={(e) => onChange({ search: e.target.value })}
        sx={{ minWidth: 200, flexGrow: 1 }}
      />
      <FormControlLabel
        control={<Switch checked={settings.problemsOnly} onChange={(e) => onChange({ problemsOnly: e.target.checked })} />}
        label="Errors and warnings only"
      />
    </Box>
  );
}
