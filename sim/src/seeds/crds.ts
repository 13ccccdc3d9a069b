/**
 * The real upstream CRDs and examples (../shared/crds, see its SOURCES.md), read from disk so the
 * sim serves exactly the schemas the operators ship. The folder can be moved with SIM_CRDS_DIR.
 */

import { R } from "../store/builtins";
import type { ObjectStore } from "../store/store";
import type { Actor, KubeObject } from "../store/types";

/** The folder holding `kaito/`, `kuberay/`, `dynamo/` (default: ../shared/crds beside the repo). */
export function crdsDir(): string {
  return process.env.SIM_CRDS_DIR ?? new URL("../../../../shared/crds/", import.meta.url).pathname;
}

/** The CRD files each runtime needs, relative to {@link crdsDir}. */
export const RUNTIME_CRDS = {
  kaito: ["kaito/kaito.sh_workspaces.yaml"],
  kuberay: ["kuberay/ray.io_rayclusters.yaml", "kuberay/ray.io_rayservices.yaml"],
  dynamo: ["dynamo/nvidia.com_dynamographdeployments.yaml"],
} as const;

/** All YAML documents of a file under the CRDs folder (comments and `---` separators handled). */
export async function readYamlDocuments(relativePath: string): Promise<KubeObject[]> {
  const path = `${crdsDir()}${relativePath}`;
  const file = Bun.file(path);
  if (!(await file.exists())) throw new Error(`CRD file not found: ${path} (set SIM_CRDS_DIR to the folder holding the upstream CRDs)`);
  const parsed = Bun.YAML.parse(await file.text()) as unknown;
  // Bun.YAML returns an array for a multi-document stream and the document itself otherwise.
  return (Array.isArray(parsed) ? parsed : [parsed]).filter(
    (d): d is KubeObject => Boolean(d) && typeof d === "object" && "kind" in (d as object),
  );
}

/** Creates the CRDs of `runtimes` unless they are installed already. */
export async function installRuntimeCrds(store: ObjectStore, runtimes: (keyof typeof RUNTIME_CRDS)[], actor: Actor): Promise<void> {
  for (const runtime of runtimes) {
    for (const file of RUNTIME_CRDS[runtime]) {
      for (const crd of await readYamlDocuments(file)) {
        if (!store.get(R.customresourcedefinitions, undefined, crd.metadata.name)) store.create(R.customresourcedefinitions, crd, actor);
      }
    }
  }
}
