import { systemQueries } from "@kubeairunway/shared";
import Card from "@mui/material/Card";
import CardContent from "@mui/material/CardContent";
import FormControlLabel from "@mui/material/FormControlLabel";
import Radio from "@mui/material/Radio";
import RadioGroup from "@mui/material/RadioGroup";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { type ColorModePreference, useColorMode } from "../../app/color-mode";
import { useApi } from "../../app/services";
import { ErrorState } from "../../components/ui/error-state";
import { PageHeader } from "../../components/ui/page-header";
import { PageSkeleton } from "../../components/ui/skeletons";

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack direction="row" spacing={2}>
      <Typography variant="body2" color="text.secondary" sx={{ minWidth: 180 }}>
        {label}
      </Typography>
      <Typography variant="body2" component="div" sx={{ wordBreak: "break-all" }}>
        {children}
      </Typography>
    </Stack>
  );
}

/** Backend and cluster facts, who I am, and the theme. */
export function SettingsPage() {
  const api = useApi();
  const settings = useQuery(systemQueries.settings(api));
  const whoami = useQuery(systemQueries.whoami(api));
  const version = useQuery(systemQueries.version(api));
  const { preference, setPreference } = useColorMode();
  return (
    <>
      <PageHeader title="Settings" />
      <Stack spacing={2} sx={{ maxWidth: 800 }}>
        <Card component="section" aria-labelledby="settings-backend">
          <CardContent>
            <Typography variant="h2" id="settings-backend" sx={{ mb: 1.5 }}>
              Backend and cluster
            </Typography>
            {settings.isPending ? <PageSkeleton label="Loading settings" /> : null}
            {settings.isError ? <ErrorState error={settings.error} onRetry={() => void settings.refetch()} /> : null}
            {settings.data ? (
              <Stack spacing={0.75}>
                <Fact label="Backend version">
                  {settings.data.version}
                  {version.data ? ` (${version.data.commit}, ${version.data.runtime})` : ""}
                </Fact>
                <Fact label="Authentication">
                  {settings.data.authMode === "kubernetes" ? "Kubernetes tokens (RBAC per user)" : "None (kubeconfig identity)"}
                </Fact>
                <Fact label="Cluster">
                  {settings.data.cluster.inCluster
                    ? "in-cluster"
                    : (settings.data.cluster.context ?? settings.data.cluster.server ?? "kubeconfig default")}
                </Fact>
                <Fact label="Anonymous cluster reads">{settings.data.allowAnonymousClusterReads ? "allowed" : "not allowed"}</Fact>
              </Stack>
            ) : null}
          </CardContent>
        </Card>
        <Card component="section" aria-labelledby="settings-identity">
          <CardContent>
            <Typography variant="h2" id="settings-identity" sx={{ mb: 1.5 }}>
              Who I am
            </Typography>
            {whoami.data ? (
              <Stack spacing={0.75}>
                <Fact label="User">{whoami.data.username ?? "anonymous"}</Fact>
                <Fact label="Groups">{whoami.data.groups.length ? whoami.data.groups.join(", ") : "—"}</Fact>
              </Stack>
            ) : null}
            {whoami.isError ? <ErrorState error={whoami.error} onRetry={() => void whoami.refetch()} /> : null}
          </CardContent>
        </Card>
        <Card component="section" aria-labelledby="settings-theme">
          <CardContent>
            <Typography variant="h2" id="settings-theme" sx={{ mb: 1 }}>
              Theme
            </Typography>
            <RadioGroup
              aria-labelledby="settings-theme"
              row
              value={preference}
              onChange={(e) => setPreference(e.target.value as ColorModePreference)}
            >
              <FormControlLabel value="light" control={<Radio />} label="Light" />
              <FormControlLabel value="dark" control={<Radio />} label="Dark" />
              <FormControlLabel value="system" control={<Radio />} label="Same as the system" />
            </RadioGroup>
          </CardContent>
        </Card>
      </Stack>
    </>
  );
}
