import Button from "@mui/material/Button";
import Typography from "@mui/material/Typography";
import { Link } from "react-router";
import { PageHeader } from "../components/ui/page-header";

export function NotFoundPage() {
  return (
    <>
      <PageHeader title="Page not found" />
      <Typography sx={{ mb: 2 }}>There is nothing at this address.</Typography>
      <Button component={Link} to="/deployments" variant="contained">
        Go to deployments
      </Button>
    </>
  );
}
