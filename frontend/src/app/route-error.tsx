import Box from "@mui/material/Box";
import { useRouteError } from "react-router";
import { ErrorState } from "../components/ui/error-state";

/** Shown when a route itself fails, e.g. its code chunk could not be downloaded. */
export function RouteError() {
  const error = useRouteError();
  return (
    <Box sx={{ p: 4, maxWidth: 720, mx: "auto" }}>
      <ErrorState title="This page could not be loaded" error={error} onRetry={() => window.location.reload()} />
    </Box>
  );
}
