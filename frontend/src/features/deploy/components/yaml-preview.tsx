import type { RenderResult } from "@kubeairunway/shared";
import Alert from "@mui/material/Alert";
import LinearProgress from "@mui/material/LinearProgress";
import Typography from "@mui/material/Typography";
import { CodeBlock } from "../../../components/ui/code-block";
import { ErrorState } from "../../../components/ui/error-state";

interface Props {
  data: RenderResult | undefined;
  fetching: boolean;
  error: unknown;
  blocked: boolean;
}

/** The manifests the backend will apply, rendered live from the current form. */
export function YamlPreview({ data, fetching, error, blocked }: Props) {
  return (
    <section aria-labelledby="yaml-title">
      <Typography variant="h2" id="yaml-title" sx={{ mb: 1 }}>
        Manifest preview
      </Typography>
      {fetching ? <LinearProgress aria-label="Rendering manifest" sx={{ mb: 0.5 }} /> : null}
      {blocked ? (
        <Alert severity="info" sx={{ mb: 1 }}>
          {data ? "Fix the highlighted fields to update the preview." : "Choose a model, runtime and engine to see the manifest."}
        </Alert>
      ) : null}
      {error && !blocked ? <ErrorState title="Could not render the manifest" error={error} /> : null}
      {data ? <CodeBlock code={data.yaml} label="rendered manifest YAML" maxHeight="70vh" /> : null}
    </section>
  );
}
