import { SectionBox } from "@kinvolk/headlamp-plugin/lib/CommonComponents";
import type { KubeObject } from "@kubeairunway/shared/providers/types";
import { toYaml } from "@kubeairunway/shared/providers/yaml";
import { Typography } from "@mui/material";
import { useMemo } from "react";

/** The live custom resource as YAML, without the noisy managedFields. */
export function ManifestSection({ resource }: { resource: KubeObject }) {
  const yaml = useMemo(() => {
    const { managedFields: _dropped, ...metadata } = (resource.metadata ?? {}) as Record<string, unknown>;
    return toYaml([{ ...resource, metadata }]);
  }, [resource]);
  return (
    <SectionBox title="Manifest">
      <Typography component="pre" variant="body2" sx={{ whiteSpace: "pre", overflowX: "auto", fontFamily: "monospace" }}>
        {yaml}
      </Typography>
    </SectionBox>
  );
}
