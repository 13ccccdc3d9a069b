import { type FieldIssue, issuesFromZod } from "@kubeairunway/shared/errors";
import type { KubeManifest } from "@kubeairunway/shared/providers/types";
import { toYaml } from "@kubeairunway/shared/providers/yaml";
import { DeploymentConfig, type DeploymentConfigInput } from "@kubeairunway/shared/schemas/deployment-config";
import { manifestsFor } from "../runtimes";
import { manifestCollectionPath } from "./paths";
import { JSON_HEADERS, KubeCallError, type KubeRequest } from "./request";

export type Rendered =
  | { ok: true; config: DeploymentConfig; manifests: KubeManifest[]; yaml: string }
  | { ok: false; issues: FieldIssue[] };

/** Validates with the shared schema and renders with the shared core: the same YAML the backend renders. */
export function renderDeployment(input: DeploymentConfigInput | unknown): Rendered {
  const parsed = DeploymentConfig.safeParse(input);
  if (!parsed.success) return { ok: false, issues: issuesFromZod(parsed.error) };
  const manifests = manifestsFor(parsed.data);
  return { ok: true, config: parsed.data, manifests, yaml: toYaml(manifests) };
}

/**
 * Creates the rendered objects as the user, in order. If a later object is refused, the ones
 * already created are removed again, so a refused create leaves nothing behind. A 403 keeps the
 * apiserver's own message (who may not do what, where).
 */
export async function createManifests(request: KubeRequest, manifests: readonly KubeManifest[]): Promise<KubeManifest[]> {
  const created: KubeManifest[] = [];
  for (const manifest of manifests) {
    const path = manifestCollectionPath(manifest);
    try {
      await request(path, { method: "POST", body: JSON.stringify(manifest), headers: JSON_HEADERS, autoLogoutOnAuthError: false });
      created.push(manifest);
    } catch (err) {
      await Promise.all(
        created.map((m) =>
          request(`${manifestCollectionPath(m)}/${encodeURIComponent(m.metadata.name)}`, {
            method: "DELETE",
            autoLogoutOnAuthError: false,
          }).catch(() => undefined),
        ),
      );
      throw KubeCallError.from(err);
    }
  }
  return created;
}
