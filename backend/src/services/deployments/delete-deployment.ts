import type { RuntimeId } from "@kubeairunway/shared";
import { NotFoundError } from "../../errors";
import type { KubeClients } from "../../kube/types";
import { collectionPath } from "./create-deployment";
import type { ProviderRegistry } from "./deployment-index";
import { withRetry } from "./retry";

/**
 * Deletes a deployment's custom resource as the caller, with background propagation: the
 * apiserver's garbage collector removes everything that carries an ownerReference to it (the
 * runtime operator's children and our companions).
 *
 * `runtime` comes from the cache when it knows the deployment; otherwise each installed runtime is
 * tried, so a deployment created a moment ago (not yet in the cache) can still be deleted.
 * When the apiserver fails transiently the DELETE is repeated; a repeat that meets 404 means the
 * failed attempt did delete it, which counts as success. A first attempt meeting 404 is a 404.
 */
export async function deleteDeployment(
  clients: KubeClients,
  providers: ProviderRegistry,
  target: { namespace: string; name: string; runtime?: RuntimeId },
  installed: readonly RuntimeId[],
): Promise<{ runtime: RuntimeId }> {
  const candidates = target.runtime ? [target.runtime] : installed;
  for (const runtime of candidates) {
    const { crd } = providers[runtime].descriptor;
    const path = `${collectionPath(`${crd.group}/${crd.version}`, crd.plural, target.namespace)}/${encodeURIComponent(target.name)}`;
    let tries = 0;
    try {
      await withRetry(async () => {
        tries++;
        try {
          await clients.request({
            method: "DELETE",
            path,
            body: { kind: "DeleteOptions", apiVersion: "v1", propagationPolicy: "Background" },
          });
        } catch (err) {
          if (tries > 1 && err instanceof NotFoundError) return;
          throw err;
        }
      });
      return { runtime };
    } catch (err) {
      if (err instanceof NotFoundError && candidates.length > 1) continue;
      throw err;
    }
  }
  throw new NotFoundError(`deployment "${target.name}" not found in namespace "${target.namespace}"`);
}
