import type { RenderResult } from "@kubeairunway/shared";
import Alert from "@mui/material/Alert";
import AlertTitle from "@mui/material/AlertTitle";
import Stack from "@mui/material/Stack";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableRow from "@mui/material/TableRow";
import { STEPS, stepOfPath } from "../validate-form";
import { useWizard } from "../wizard-context";

/** Step 6: everything chosen, every remaining problem with the step to fix it, and the warnings. */
export function ReviewStep({ warnings, onGoTo }: { warnings: RenderResult["warnings"]; onGoTo: (step: number) => void }) {
  const { form, errors, provider } = useWizard();
  const problems = Object.entries(errors);
  const rows: [string, string][] = [
    ["Model", form.model || "—"],
    ["Name", `${form.namespace}/${form.name}`],
    ["Runtime", provider?.displayName ?? "—"],
    ["Engine", `${form.engine || "—"} (${form.mode})`],
    ["Replicas × GPUs", `${form.replicas} × ${form.gpusPerReplica}`],
  ];
  return (
    <Stack spacing={2}>
      <Table size="small" aria-label="Summary">
        <TableBody>
          {rows.map(([k, v]) => (
            <TableRow key={k}>
              <TableCell component="th" scope="row" sx={{ width: 180, color: "text.secondary" }}>
                {k}
              </TableCell>
              <TableCell>{v}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {problems.length > 0 ? (
        <Alert severity="error" data-testid="review-problems">
          <AlertTitle>Fix these before creating</AlertTitle>
          <ul style={{ margin: 0, paddingLeft: 18 }}>
            {problems.map(([path, message]) => (
              <li key={path}>
                <button
                  type="button"
                  onClick={() => onGoTo(stepOfPath(path))}
                  style={{ all: "unset", cursor: "pointer", textDecoration: "underline" }}
                >
                  {STEPS[stepOfPath(path)]} → {path}
                </button>
                : {message}
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
      {warnings.map((w) => (
        <Alert key={`${w.path}-${w.message}`} severity="warning">
          {w.path}: {w.message}
        </Alert>
      ))}
    </Stack>
  );
}
