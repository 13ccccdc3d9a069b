import { systemQueries } from "@kubeairunway/shared";
import Box from "@mui/material/Box";
import { useQuery } from "@tanstack/react-query";
import { lazy, type ReactNode, Suspense, useEffect } from "react";
import { useApi, useServices } from "../../app/services";
import { ErrorState } from "../../components/ui/error-state";
import { PageSkeleton } from "../../components/ui/skeletons";
import { isUnauthenticated, useSession } from "./session";

const LoginPage = lazy(() => import("./login-page").then((m) => ({ default: m.LoginPage })));

/**
 * Asks the backend who we are before showing anything: with AUTH_MODE=kubernetes and no valid
 * token the sign-in page is shown instead of the app.
 */
export function AuthGate({ children }: { children: ReactNode }) {
  const api = useApi();
  const { tokens } = useServices();
  const session = useSession();
  const whoami = useQuery(systemQueries.whoami(api));
  const needsLogin = isUnauthenticated(whoami.error) || (whoami.data?.authMode === "kubernetes" && whoami.data.authenticated === false);
  const hasToken = Boolean(tokens.get());

  useEffect(() => {
    if (needsLogin && hasToken) session.handleUnauthenticated();
    if (whoami.data?.authenticated) session.markConfirmed();
  }, [needsLogin, hasToken, whoami.data, session]);

  if (whoami.isPending) {
    return (
      <Box sx={{ p: 4 }}>
        <PageSkeleton label="Connecting to the backend" />
      </Box>
    );
  }
  if (needsLogin) {
    return (
      <Suspense fallback={<PageSkeleton label="Loading sign-in" />}>
        <LoginPage message={session.message} onSignIn={session.signIn} />
      </Suspense>
    );
  }
  if (whoami.isError) {
    return (
      <Box sx={{ p: 4, maxWidth: 720, mx: "auto" }}>
        <ErrorState title="Cannot reach the KubeAIRunway backend" error={whoami.error} onRetry={() => void whoami.refetch()} />
      </Box>
    );
  }
  return <>{children}</>;
}
