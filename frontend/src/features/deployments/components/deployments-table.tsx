import type { DeploymentSummary } from "@kubeairunway/shared";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableContainer from "@mui/material/TableContainer";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import TableSortLabel from "@mui/material/TableSortLabel";
import { observeElementRect, useVirtualizer } from "@tanstack/react-virtual";
import { memo, useRef } from "react";
import type { SortKey, SortState } from "../filter-deployments";
import { DeploymentRow, ROW_HEIGHT } from "./deployment-row";

const COLUMNS: { key: SortKey | undefined; label: string; width?: number; align?: "right" }[] = [
  { key: "name", label: "Name" },
  { key: "namespace", label: "Namespace", width: 130 },
  { key: "model", label: "Model" },
  { key: "runtime", label: "Runtime", width: 105 },
  { key: undefined, label: "Engine", width: 90 },
  { key: "phase", label: "Phase", width: 125 },
  { key: undefined, label: "Ready", width: 75, align: "right" },
  { key: "gpus", label: "GPUs", width: 85, align: "right" },
  { key: "age", label: "Age", width: 80, align: "right" },
];
const FALLBACK_RECT = { width: 1200, height: 800 };

interface Props {
  rows: DeploymentSummary[];
  sort: SortState;
  onSort: (key: SortKey) => void;
  now: number;
}

/**
 * The deployments table, virtualized: only the rows in view (plus a margin) are in the DOM, so
 * 5,000 rows scroll as smoothly as 50. Spacer rows keep a real <table> for screen readers.
 */
export const DeploymentsTable = memo(function DeploymentsTable({ rows, sort, onSort, now }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 5,
    // Before layout (first paint, or an environment without layout such as jsdom) the container
    // measures 0 px; assume a viewport's worth so rows render at once instead of after a resize.
    initialRect: FALLBACK_RECT,
    observeElementRect: (instance, cb) => observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : FALLBACK_RECT)),
  });
  const items = virtualizer.getVirtualItems();
  const top = items[0]?.start ?? 0;
  const bottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  return (
    <TableContainer
      ref={scrollRef}
      sx={{ maxHeight: "calc(100vh - 250px)", minHeight: 240, border: 1, borderColor: "divider", borderRadius: 1 }}
    >
      <Table stickyHeader size="small" aria-label="Deployments" aria-rowcount={rows.length + 1} sx={{ tableLayout: "fixed" }}>
        <TableHead>
          <TableRow>
            {COLUMNS.map((c) => (
              <TableCell
                key={c.label}
                align={c.align}
                sx={{ width: c.width }}
                sortDirection={c.key && sort.key === c.key ? (sort.desc ? "desc" : "asc") : false}
              >
                {c.key ? (
                  <TableSortLabel
                    active={sort.key === c.key}
                    direction={sort.key === c.key && sort.desc ? "desc" : "asc"}
                    onClick={() => c.key && onSort(c.key)}
                  >
                    {c.label}
                  </TableSortLabel>
                ) : (
                  c.label
                )}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {top > 0 ? <TableRow aria-hidden style={{ height: top }} /> : null}
          {items.map((item) => {
            const d = rows[item.index];
            if (!d) return null;
            return <DeploymentRow key={`${d.namespace}/${d.name}/${d.runtime}`} d={d} rowIndex={item.index} now={now} />;
          })}
          {bottom > 0 ? <TableRow aria-hidden style={{ height: bottom }} /> : null}
        </TableBody>
      </Table>
    </TableContainer>
  );
});
