import type { ProviderInfo } from "@kubeairunway/shared";
import Alert from "@mui/material/Alert";
import Card from "@mui/material/Card";
import CardActionArea from "@mui/material/CardActionArea";
import CardContent from "@mui/material/CardContent";
import Chip from "@mui/material/Chip";
import Grid from "@mui/material/Grid";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import { useWizard } from "../wizard-context";

/** Why a runtime cannot be chosen for this model, or undefined when it can. */
export function unavailableReason(provider: ProviderInfo, modelRuntimes: string[] | undefined): string | undefined {
  if (!provider.install.installed) return provider.install.message ?? `${provider.displayName} is not installed in this cluster.`;
  if (modelRuntimes && !modelRuntimes.includes(provider.id)) return `This model is not offered on ${provider.displayName}.`;
  return undefined;
}

/** Step 2: the runtime. Only installed runtimes that serve the model are selectable; others say why. */
export function RuntimeStep() {
  const { form, update, providers, model, errorFor } = useWizard();
  const error = errorFor("runtime");
  return (
    <Stack spacing={2}>
      {error ? <Alert severity="error">Runtime: {error}</Alert> : null}
      <Grid container spacing={2} role="radiogroup" aria-label="Runtime">
        {providers.map((p) => {
          const reason = unavailableReason(p, model?.runtimes);
          const selected = form.runtime === p.id;
          return (
            <Grid key={p.id} size={{ xs: 12, md: 4 }}>
              <Card
                sx={{
                  height: "100%",
                  borderColor: selected ? "primary.main" : undefined,
                  borderWidth: selected ? 2 : 1,
                  opacity: reason ? 0.65 : 1,
                }}
              >
                <CardActionArea
                  role="radio"
                  aria-checked={selected}
                  aria-disabled={Boolean(reason)}
                  disabled={Boolean(reason)}
                  onClick={() =>
                    update({
                      runtime: p.id,
                      engine: p.engines.includes(form.engine as never) ? form.engine : (p.engines[0] ?? ""),
                      mode: "aggregated",
                    })
                  }
                  sx={{ height: "100%", alignItems: "flex-start" }}
                >
                  <CardContent>
                    <Stack direction="row" spacing={1} sx={{ alignItems: "center", mb: 1 }}>
                      <Typography variant="h3" sx={{ flexGrow: 1 }}>
                        {p.displayName}
                      </Typography>
                      <Chip size="small" label={p.crd.kind} variant="outlined" />
                    </Stack>
                    <Typography variant="body2" color="text.secondary">
                      {p.description}
                    </Typography>
                    <Typography variant="caption" sx={{ display: "block", mt: 1 }}>
                      Engines: {p.engines.join(", ")} · Modes: {p.modes.join(", ")}
                    </Typography>
                    {reason ? (
                      <Typography variant="body2" color="warning.main" sx={{ mt: 1 }}>
                        {reason}
                      </Typography>
                    ) : null}
                  </CardContent>
                </CardActionArea>
              </Card>
            </Grid>
          );
        })}
      </Grid>
    </Stack>
  );
}
