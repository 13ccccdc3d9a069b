import type { CatalogModel } from "@kubeairunway/shared";
import LockOutlinedIcon from "@mui/icons-material/LockOutlined";
import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import Stack from "@mui/material/Stack";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableContainer from "@mui/material/TableContainer";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import Tooltip from "@mui/material/Tooltip";
import Typography from "@mui/material/Typography";
import { Link } from "react-router";
import { VisuallyHidden } from "../../components/ui/visually-hidden";

const formatContext = (n: number) => (n >= 1024 ? `${Math.round(n / 1024)}K` : String(n));
const formatParams = (m: CatalogModel) =>
  m.activeParametersB ? `${m.parametersB}B (${m.activeParametersB}B active)` : `${m.parametersB}B`;

/** One row per catalog model with what decides where it can run. */
export function ModelsTable({ models }: { models: CatalogModel[] }) {
  if (models.length === 0) return <Typography color="text.secondary">No models match this search.</Typography>;
  return (
    <TableContainer sx={{ border: 1, borderColor: "divider", borderRadius: 1 }}>
      <Table size="small" aria-label="Model catalog">
        <TableHead>
          <TableRow>
            <TableCell>Model</TableCell>
            <TableCell align="right">Size</TableCell>
            <TableCell align="right">Context</TableCell>
            <TableCell>Engines</TableCell>
            <TableCell>Runtimes</TableCell>
            <TableCell align="right">Min GPU memory</TableCell>
            <TableCell>
              <VisuallyHidden>Actions</VisuallyHidden>
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {models.map((m) => (
            <TableRow key={m.id} hover>
              <TableCell>
                <Stack direction="row" spacing={1} sx={{ alignItems: "center" }}>
                  <span>
                    <Typography variant="body2" sx={{ fontWeight: 600 }}>
                      {m.name}
                    </Typography>
                    <Typography variant="caption" color="text.secondary">
                      {m.id}
                    </Typography>
                  </span>
                  {m.gated ? (
                    <Tooltip title="Gated on HuggingFace: needs an access token secret">
                      <Chip size="small" icon={<LockOutlinedIcon />} label="gated" variant="outlined" />
                    </Tooltip>
                  ) : null}
                </Stack>
              </TableCell>
              <TableCell align="right">{formatParams(m)}</TableCell>
              <TableCell align="right">{formatContext(m.contextLength)}</TableCell>
              <TableCell>{m.engines.join(", ")}</TableCell>
              <TableCell>{m.runtimes.join(", ")}</TableCell>
              <TableCell align="right">{m.minGpuMemoryGiB} GiB</TableCell>
              <TableCell align="right">
                <Button
                  component={Link}
                  to={`/deploy?model=${encodeURIComponent(m.id)}`}
                  size="small"
                  variant="outlined"
                  aria-label={`Deploy ${m.name}`}
                >
                  Deploy
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
