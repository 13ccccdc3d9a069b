import { K8s } from "@kinvolk/headlamp-plugin/lib";
import { Alert, Box, Button, FormControlLabel, MenuItem, Radio, RadioGroup, TextField, Typography } from "@mui/material";
import { useEffect, useMemo, useState } from "react";
import { type ClusterBackendSettings, type PluginSettings, parseDevUrl, parseServiceAddress } from "../../backend/locate";
import { type ConnectionResult, PROBLEM_ADVICE, testConnection } from "../../backend/test-connection";
import { headlampRequest } from "../../kube/headlamp-request";

export interface BackendSettingsProps {
  data?: PluginSettings;
  onDataChange?: (data: PluginSettings) => void;
}

const AUTO: ClusterBackendSettings = { mode: "auto" };

function fieldError(settings: ClusterBackendSettings): string | undefined {
  if (settings.mode === "service") {
    const parsed = parseServiceAddress(settings.service ?? "");
    return "error" in parsed ? parsed.error : undefined;
  }
  if (settings.mode === "url") {
    const parsed = parseDevUrl(settings.url ?? "");
    return "error" in parsed ? parsed.error : undefined;
  }
  return undefined;
}

function ResultAlert({ result }: { result: ConnectionResult }) {
  if (result.ok) {
    return (
      <Alert severity="success">
        Connected to {result.target} ({result.source}): backend version {result.version}.
      </Alert>
    );
  }
  return (
    <Alert severity="error">
      {result.target} ({result.source}): {result.message}. {PROBLEM_ADVICE[result.problem]}
    </Alert>
  );
}

/**
 * Where the plugin finds the KubeAIRunway backend, per cluster: found automatically (Services
 * labelled app.kubernetes.io/name=kubeairunway, else kubeairunway-system), a manual Service, or a
 * development URL. Rendered by Headlamp's plugin settings page (which saves) and by our own route.
 */
export function BackendSettings({ data, onDataChange }: BackendSettingsProps) {
  const clusters = Object.keys(K8s.useClustersConf() ?? {});
  const current = K8s.useCluster();
  const [cluster, setCluster] = useState<string>(current ?? clusters[0] ?? "");
  const [result, setResult] = useState<ConnectionResult | "testing" | undefined>();
  useEffect(() => {
    if (!cluster && clusters[0]) setCluster(clusters[0]);
  }, [cluster, clusters]);

  const settings = data?.[cluster] ?? AUTO;
  const error = fieldError(settings);
  const request = useMemo(() => headlampRequest(cluster), [cluster]);
  const change = (patch: Partial<ClusterBackendSettings>) => {
    setResult(undefined);
    onDataChange?.({ ...(data ?? {}), [cluster]: { ...settings, ...patch } });
  };
  const runTest = async () => {
    setResult("testing");
    setResult(await testConnection(request, settings, { namespaces: K8s.cluster.getAllowedNamespaces(cluster) }));
  };

  return (
    <Box display="flex" flexDirection="column" gap={2} maxWidth={640}>
      <TextField select label="Cluster" value={cluster} onChange={(e) => setCluster(e.target.value)} size="small">
        {clusters.map((c) => (
          <MenuItem key={c} value={c}>
            {c}
          </MenuItem>
        ))}
      </TextField>
      <RadioGroup
        aria-label="Backend location"
        value={settings.mode}
        onChange={(e) => change({ mode: e.target.value as ClusterBackendSettings["mode"] })}
      >
        <FormControlLabel value="auto" control={<Radio />} label="Find automatically (label app.kubernetes.io/name=kubeairunway)" />
        <FormControlLabel value="service" control={<Radio />} label="Service in the cluster" />
        <FormControlLabel value="url" control={<Radio />} label="Development URL (plain fetch)" />
      </RadioGroup>
      {settings.mode === "service" && (
        <TextField
          label="Service (namespace/service:port)"
          placeholder="kubeairunway-system/kubeairunway:http"
          value={settings.service ?? ""}
          onChange={(e) => change({ service: e.target.value })}
          error={Boolean(error)}
          helperText={error ?? " "}
          size="small"
        />
      )}
      {settings.mode === "url" && (
        <TextField
          label="Development URL"
          placeholder="http://localhost:3001"
          value={settings.url ?? ""}
          onChange={(e) => change({ url: e.target.value })}
          error={Boolean(error)}
          helperText={error ?? "Calls go straight from the browser; the backend must allow this origin."}
          size="small"
        />
      )}
      <Box>
        <Button variant="outlined" onClick={runTest} disabled={Boolean(error) || !cluster || result === "testing"}>
          Test connection
        </Button>
      </Box>
      {result === "testing" && <Typography>Testing…</Typography>}
      {result && result !== "testing" && <ResultAlert result={result} />}
    </Box>
  );
}
