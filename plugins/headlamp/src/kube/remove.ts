import { LABELS, MANAGED_BY } from "@kubeairunway/shared/providers/labels";
import type { RuntimeId } from "@kubeairunway/shared/schemas/common";
import { corePath, runtimePath, selectorString, withQuery } from "./paths";
import { JSON_HEADERS, KubeCallError, type KubeRequest, kubeFailure } from "./request";

/**
 * Deletes a deployment as the user. The custom resource goes with background propagation, so the
 * cluster's garbage collector removes what the operator created (owner references); companions
 * we created beside it (KAITO's inference ConfigMap) carry our labels and are deleted here.
 */
export async function deleteDeployment(request: KubeRequest, runtime: RuntimeId, namespace: string, name: string): Promise<void> {
  const opts = { autoLogoutOnAuthError: false };
  try {
    await request(runtimePath(runtime, namespace, name), {
      ...opts,
      method: "DELETE",
      headers: JSON_HEADERS,
      body: JSON.stringify({ kind: "DeleteOptions", apiVersion: "v1", propagationPolicy: "Background" }),
    });
  } catch (err) {
    throw KubeCallError.from(err);
  }
  const selector = selectorString({ [LABELS.managedBy]: MANAGED_BY, [LABELS.deployment]: name });
  let companions: { metadata?: { name?: string } }[] = [];
  try {
    companions = (await request(withQuery(corePath("configmaps", namespace), { labelSelector: selector }), opts))?.items ?? [];
  } catch {
    return; // May not list ConfigMaps: the deployment itself is gone, which is what was asked.
  }
  for (const cm of companions) {
    if (!cm.metadata?.name) continue;
    await request(corePath("configmaps", namespace, cm.metadata.name), { ...opts, method: "DELETE" }).catch((err: unknown) => {
      if (kubeFailure(err).status !== 404) throw KubeCallError.from(err);
    });
  }
}
