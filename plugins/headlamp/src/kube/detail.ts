import type { KubeEvent, KubeObject, KubePod } from "@kubeairunway/shared/providers/types";
import type { RuntimeId } from "@kubeairunway/shared/schemas/common";
import { podSelector } from "../runtimes";
import { buildDeploymentView, type DeploymentView } from "./combine";
import { corePath, runtimePath, selectorString, withQuery } from "./paths";
import { KubeCallError, type KubeRequest } from "./request";

/** Fetches one deployment as the user: the custom resource, its pods and the namespace's events. */
export async function getDeployment(
  request: KubeRequest,
  runtime: RuntimeId,
  namespace: string,
  name: string,
  now?: number,
): Promise<DeploymentView> {
  const opts = { autoLogoutOnAuthError: false };
  let resource: KubeObject;
  try {
    resource = await request(runtimePath(runtime, namespace, name), opts);
  } catch (err) {
    throw KubeCallError.from(err);
  }
  const [pods, events] = await Promise.all([
    request(withQuery(corePath("pods", namespace), { labelSelector: selectorString(podSelector(runtime, name)) }), opts).then(
      (l) => (l?.items ?? []) as KubePod[],
      (err: unknown) => Promise.reject(KubeCallError.from(err)),
    ),
    // Events may be forbidden while the resource is readable; the page still shows the rest.
    request(corePath("events", namespace), opts).then(
      (l) => (l?.items ?? []) as KubeEvent[],
      () => [] as KubeEvent[],
    ),
  ]);
  return buildDeploymentView(runtime, resource, pods, events, now);
}
