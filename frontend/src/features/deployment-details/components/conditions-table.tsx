import type { Condition } from "@kubeairunway/shared";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import Typography from "@mui/material/Typography";
import { formatAge } from "../../../components/ui/format";

/** The runtime's own conditions, verbatim (type, status, reason, message, since). */
export function ConditionsTable({ conditions }: { conditions: Condition[] }) {
  if (conditions.length === 0) return <Typography color="text.secondary">The runtime has not reported any conditions yet.</Typography>;
  return (
    <Table size="small" aria-label="Conditions">
      <TableHead>
        <TableRow>
          <TableCell>Type</TableCell>
          <TableCell>Status</TableCell>
          <TableCell>Reason</TableCell>
          <TableCell>Message</TableCell>
          <TableCell align="right">Since</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {conditions.map((c) => (
          <TableRow key={c.type}>
            <TableCell>{c.type}</TableCell>
            <TableCell sx={{ color: c.status === "True" ? "success.main" : c.status === "False" ? "warning.main" : "text.secondary" }}>
              {c.status}
            </TableCell>
            <TableCell>{c.reason ?? "—"}</TableCell>
            <TableCell>{c.message ?? ""}</TableCell>
            <TableCell align="right">{formatAge(c.lastTransitionTime)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
