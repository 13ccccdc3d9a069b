import type { PodSummary } from "@kubeairunway/shared";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableContainer from "@mui/material/TableContainer";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import Typography from "@mui/material/Typography";
import { formatAge } from "../../../components/ui/format";

/** The deployment's pods: where they run, how they are doing, and the telling reason if any. */
export function PodsTable({ pods }: { pods: PodSummary[] }) {
  if (pods.length === 0)
    return <Typography color="text.secondary">No pods yet. The runtime's operator creates them after it accepts the resource.</Typography>;
  return (
    <TableContainer sx={{ border: 1, borderColor: "divider", borderRadius: 1 }}>
      <Table size="small" aria-label="Pods">
        <TableHead>
          <TableRow>
            <TableCell>Pod</TableCell>
            <TableCell>Role</TableCell>
            <TableCell>Node</TableCell>
            <TableCell>Phase</TableCell>
            <TableCell>Ready</TableCell>
            <TableCell align="right">Restarts</TableCell>
            <TableCell>Reason</TableCell>
            <TableCell align="right">Age</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {pods.map((p) => (
            <TableRow key={p.name}>
              <TableCell sx={{ fontFamily: "monospace" }}>{p.name}</TableCell>
              <TableCell>{p.role ?? "—"}</TableCell>
              <TableCell>
                {p.node ?? (
                  <Typography variant="body2" color="warning.main">
                    not scheduled
                  </Typography>
                )}
              </TableCell>
              <TableCell>{p.phase}</TableCell>
              <TableCell>
                {p.containers.filter((c) => c.ready).length}/{p.containers.length}
              </TableCell>
              <TableCell align="right" sx={{ color: p.restarts > 0 ? "warning.main" : undefined }}>
                {p.restarts}
              </TableCell>
              <TableCell sx={{ color: p.reason ? "warning.main" : undefined }}>{p.reason ?? "—"}</TableCell>
              <TableCell align="right">{formatAge(p.createdAt)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
