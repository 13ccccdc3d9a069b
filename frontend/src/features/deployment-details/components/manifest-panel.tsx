import DownloadIcon from "@mui/icons-material/Download";
import IconButton from "@mui/material/IconButton";
import Tooltip from "@mui/material/Tooltip";
import Typography from "@mui/material/Typography";
import { useMemo } from "react";
import { stringify } from "yaml";
import { CodeBlock } from "../../../components/ui/code-block";

/** Drops server-managed noise so the YAML reads like what one would apply. */
function forDisplay(resource: Record<string, unknown>): Record<string, unknown> {
  const metadata = { ...((resource.metadata as Record<string, unknown> | undefined) ?? {}) };
  delete metadata.managedFields;
  return { ...resource, metadata };
}

/** The live custom resource as read-only YAML, with copy and download. */
export function ManifestPanel({ resource, fileName }: { resource: Record<string, unknown>; fileName: string }) {
  const yaml = useMemo(() => stringify(forDisplay(resource)), [resource]);
  const download = () => {
    const url = URL.createObjectURL(new Blob([yaml], { type: "application/yaml" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = fileName;
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        The resource as the cluster holds it now (read-only; it updates as the runtime writes status).
      </Typography>
      <CodeBlock
        code={yaml}
        label="manifest YAML"
        maxHeight="65vh"
        actions={
          <Tooltip title="Download YAML">
            <IconButton aria-label="Download manifest YAML" size="small" onClick={download}>
              <DownloadIcon fontSize="small" />
            </IconButton>
          </Tooltip>
        }
      />
    </>
  );
}
