import { systemQueries } from "@kubeairunway/shared";
import LogoutIcon from "@mui/icons-material/Logout";
import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import { useQuery } from "@tanstack/react-query";
import { useApi } from "../../app/services";
import { useSession } from "./session";

/** Who is signed in, and (with AUTH_MODE=kubernetes) the sign-out button. */
export function UserMenu() {
  const api = useApi();
  const session = useSession();
  const whoami = useQuery(systemQueries.whoami(api));
  if (!whoami.data) return null;
  return (
    <>
      <Chip
        size="small"
        variant="outlined"
        label={whoami.data.username ?? "anonymous"}
        aria-label={`Signed in as ${whoami.data.username ?? "anonymous"}`}
        sx={{ mx: 1 }}
      />
      {whoami.data.authMode === "kubernetes" ? (
        <Button color="inherit" size="small" startIcon={<LogoutIcon />} onClick={session.signOut}>
          Sign out
        </Button>
      ) : null}
    </>
  );
}
