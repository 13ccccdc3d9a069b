import type { KubeClients, ResourceRef } from "./types";

/**
 * Asks discovery whether `resource` is served (runtimes.md §0 step 1): `GET /apis/<g>/<v>` answers
 * 404 when no CRD of that group/version exists, and lists the plural once the CRD is Established.
 * Needs no special RBAC. Failures other than 404 throw (typed): "could not tell" is not "absent".
 */
export async function isResourceServed(clients: KubeClients, resource: ResourceRef): Promise<boolean> {
  const path = resource.group ? `/apis/${resource.group}/${resource.version}` : `/api/${resource.version}`;
  try {
    const list = await clients.request<{ resources?: { name?: string }[] }>({ path });
    return (list?.resources ?? []).some((r) => r.name === resource.plural);
  } catch (err) {
    if ((err as { code?: string }).code === "not_found") return false;
    throw err;
  }
}
