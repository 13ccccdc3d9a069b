import type { DeploymentSummary } from "@kubeairunway/shared";
import Link from "@mui/material/Link";
import TableCell from "@mui/material/TableCell";
import TableRow from "@mui/material/TableRow";
import { memo } from "react";
import { Link as RouterLink } from "react-router";
import { formatAge } from "../../../components/ui/format";
import { PhaseChip } from "../../../components/ui/phase-chip";

export const ROW_HEIGHT = 45;
const clip = { overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" } as const;

/**
 * One deployment row. Memoized: a keystroke in the filter or a live update re-renders only the
 * rows whose deployment object (replaced by the stream on change) or position changed.
 */
export const DeploymentRow = memo(function DeploymentRow({ d, rowIndex, now }: { d: DeploymentSummary; rowIndex: number; now: number }) {
  return (
    <TableRow hover aria-rowindex={rowIndex + 2} style={{ height: ROW_HEIGHT }} data-testid="deployment-row">
      <TableCell sx={clip}>
        <Link component={RouterLink} to={`/deployments/${d.namespace}/${d.name}`} title={d.explanation}>
          {d.name}
        </Link>
      </TableCell>
      <TableCell>{d.namespace}</TableCell>
      <TableCell sx={clip} title={d.model}>
        {d.model}
      </TableCell>
      <TableCell>{d.runtime}</TableCell>
      <TableCell>{d.engine ?? "—"}</TableCell>
      <TableCell>
        <PhaseChip phase={d.phase} />
      </TableCell>
      <TableCell align="right">
        {d.replicas.ready}/{d.replicas.desired}
      </TableCell>
      <TableCell align="right">{d.gpus}</TableCell>
      <TableCell align="right">{formatAge(d.createdAt, now)}</TableCell>
    </TableRow>
  );
});
