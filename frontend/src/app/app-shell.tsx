import AppBar from "@mui/material/AppBar";
import Box from "@mui/material/Box";
import Link from "@mui/material/Link";
import Toolbar from "@mui/material/Toolbar";
import Typography from "@mui/material/Typography";
import { Suspense } from "react";
import { Outlet, useLocation } from "react-router";
import { FeatureBoundary } from "../components/ui/feature-boundary";
import { PageSkeleton } from "../components/ui/skeletons";
import { AuthGate } from "../features/auth/auth-gate";
import { UserMenu } from "../features/auth/user-menu";
import { ConnectionBanner } from "../features/live/connection-banner";
import { useDeploymentStream } from "../features/live/use-deployment-stream";
import { SIDENAV_WIDTH, SideNav } from "./side-nav";
import { ThemeToggle } from "./theme-toggle";

function LiveUpdates() {
  useDeploymentStream();
  return null;
}

/** Headlamp-like frame: white top bar, dark side navigation, the page in the middle. */
export function AppShell() {
  const location = useLocation();
  return (
    <AuthGate>
      <LiveUpdates />
      <Link
        href="#main"
        sx={{ position: "absolute", left: -9999, "&:focus": { left: 8, top: 8, zIndex: 2000, bgcolor: "background.paper", p: 1 } }}
      >
        Skip to content
      </Link>
      <Box sx={{ display: "flex", minHeight: "100vh" }}>
        <AppBar position="fixed" sx={{ zIndex: (t) => t.zIndex.drawer + 1, bgcolor: "background.paper" }}>
          <Toolbar variant="dense">
            <Typography component="div" sx={{ fontWeight: 700, letterSpacing: 0.2, flexGrow: 1 }}>
              KubeAIRunway
            </Typography>
            <ThemeToggle />
            <UserMenu />
          </Toolbar>
        </AppBar>
        <SideNav />
        <Box
          component="main"
          id="main"
          tabIndex={-1}
          sx={{ flexGrow: 1, minWidth: 0, p: { xs: 2, md: 3 }, ml: { xs: 0, sm: `${SIDENAV_WIDTH}px` } }}
        >
          <Toolbar variant="dense" />
          <ConnectionBanner />
          <FeatureBoundary key={location.pathname} feature="This page">
            <Suspense fallback={<PageSkeleton />}>
              <Outlet />
            </Suspense>
          </FeatureBoundary>
        </Box>
      </Box>
    </AuthGate>
  );
}
