import { stringify } from "yaml";

/** Renders manifests as one multi-document YAML stream, in apply order. */
export function toYaml(manifests: readonly object[]): string {
  return manifests.map((m) => stringify(m, { lineWidth: 0 }).trimEnd()).join("\n---\n") + "\n";
}
