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
 * When the apiserver fails transiently (5xx/429: the request was not processed) the DELETE is
 * repeated. A 404 is never taken for success: while the runtime is being guessed it only means
 * "not this runtime", and guessing wrong must not report a deletion that did not happen.
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
    try {
      await withRetry(() =>
        clients.request({ method: "DELETE", path, body: { kind: "DeleteOptions", apiVersion: "v1", propagationPolicy: "Background" } }),
      );
      return { runtime };
    } catch (err) {
      if (err instanceof NotFoundError && candidates.length > 1) continue;
      throw err;
    }
  }
  throw new NotFoundError(`deployment "${target.name}" not found in namespace "${target.namespace}"`);
}
