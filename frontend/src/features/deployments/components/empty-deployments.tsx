import RocketLaunchOutlinedIcon from "@mui/icons-material/RocketLaunchOutlined";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Typography from "@mui/material/Typography";
import { Link } from "react-router";

/** No deployments at all (or none matching): lead the user to the next useful action. */
export function EmptyDeployments({ filtered, onClear }: { filtered: boolean; onClear: () => void }) {
  return (
    <Box sx={{ textAlign: "center", py: 8, border: 1, borderColor: "divider", borderRadius: 1, borderStyle: "dashed" }}>
      <RocketLaunchOutlinedIcon sx={{ fontSize: 48, color: "text.secondary" }} />
      <Typography variant="h2" sx={{ mt: 1 }}>
        {filtered ? "No deployments match these filters" : "No models deployed yet"}
      </Typography>
      <Typography color="text.secondary" sx={{ my: 1 }}>
        {filtered
          ? "Try a different filter, or clear them all."
          : "Pick a model from the catalog and deploy it on KAITO, KubeRay or Dynamo."}
      </Typography>
      {filtered ? (
        <Button onClick={onClear}>Clear filters</Button>
      ) : (
        <Button component={Link} to="/deploy" variant="contained">
          Deploy a model
        </Button>
      )}
    </Box>
  );
}
