import type { KubeEventSummary } from "@kubeairunway/shared";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableContainer from "@mui/material/TableContainer";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import Typography from "@mui/material/Typography";
import { formatAge } from "../../../components/ui/format";

/** Kubernetes events for the resource and its pods, newest first, warnings marked. */
export function EventsTable({ events }: { events: KubeEventSummary[] }) {
  if (events.length === 0) return <Typography color="text.secondary">No recent events.</Typography>;
  const sorted = [...events].sort((a, b) => Date.parse(b.lastSeen ?? "") - Date.parse(a.lastSeen ?? "") || 0);
  return (
    <TableContainer sx={{ border: 1, borderColor: "divider", borderRadius: 1 }}>
      <Table size="small" aria-label="Events">
        <TableHead>
          <TableRow>
            <TableCell>Type</TableCell>
            <TableCell>Reason</TableCell>
            <TableCell>Object</TableCell>
            <TableCell>Message</TableCell>
            <TableCell align="right">Count</TableCell>
            <TableCell align="right">Last seen</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {sorted.map((e) => (
            <TableRow key={`${e.object.kind}/${e.object.name}/${e.reason}/${e.firstSeen ?? ""}/${e.message}`}>
              <TableCell
                sx={{ color: e.type === "Warning" ? "warning.main" : undefined, fontWeight: e.type === "Warning" ? 600 : undefined }}
              >
                {e.type}
              </TableCell>
              <TableCell>{e.reason}</TableCell>
              <TableCell sx={{ fontFamily: "monospace", fontSize: 12 }}>
                {e.object.kind}/{e.object.name}
              </TableCell>
              <TableCell>{e.message}</TableCell>
              <TableCell align="right">{e.count}</TableCell>
              <TableCell align="right">{formatAge(e.lastSeen ?? e.firstSeen)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
