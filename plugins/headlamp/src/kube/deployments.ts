import type { KubeObject, KubePod } from "@kubeairunway/shared/providers/types";
import type { RuntimeId, SourceError } from "@kubeairunway/shared/schemas/common";
import type { DeploymentSummary } from "@kubeairunway/shared/schemas/deployments";
import { RUNTIME_IDS, runtimes } from "../runtimes";
import { summarizeAll } from "./combine";
import { corePath, runtimePath, withQuery } from "./paths";
import { type KubeRequest, kubeFailure } from "./request";

/** What the user may see: rows, runtimes whose CRD is absent, and every call that failed. */
export interface DeploymentListing {
  items: DeploymentSummary[];
  notInstalled: RuntimeId[];
  errors: SourceError[];
}

function sourceError(source: string, err: unknown): SourceError {
  const { status, message } = kubeFailure(err);
  const code =
    status === 403 ? "forbidden" : status === 401 ? "unauthenticated" : status === 0 || status >= 500 ? "upstream_unavailable" : "internal";
  return { source, code, message };
}

/**
 * Lists the three runtimes' custom resources as the user, the way Headlamp's own lists do: in the
 * selected namespaces, or cluster-wide when none is selected. A 404 means the runtime's CRD is
 * not installed (reported, not an error); a 403 is kept as an error, never hidden as "no rows".
 */
export async function listDeployments(
  request: KubeRequest,
  options: { namespaces?: readonly string[]; runtime?: RuntimeId; now?: number } = {},
): Promise<DeploymentListing> {
  const scopes: (string | undefined)[] = options.namespaces?.length ? [...options.namespaces] : [undefined];
  const ids = options.runtime ? [options.runtime] : RUNTIME_IDS;
  const result: DeploymentListing = { items: [], notInstalled: [], errors: [] };
  await Promise.all(
    ids.map(async (runtime) => {
      const rows = await Promise.all(scopes.map((ns) => listScope(request, runtime, ns, options.now)));
      if (rows.some((r) => r === "not-installed")) {
        result.notInstalled.push(runtime);
        return;
      }
      for (const r of rows) {
        if (r === "not-installed") continue;
        result.items.push(...r.items);
        result.errors.push(...r.errors);
      }
    }),
  );
  result.notInstalled.sort();
  result.items.sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
  return result;
}

async function listScope(
  request: KubeRequest,
  runtime: RuntimeId,
  namespace: string | undefined,
  now: number | undefined,
): Promise<{ items: DeploymentSummary[]; errors: SourceError[] } | "not-installed"> {
  const where = `${runtime}${namespace ? ` in ${namespace}` : " (all namespaces)"}`;
  let resources: KubeObject[];
  try {
    resources = (await request(runtimePath(runtime, namespace), { autoLogoutOnAuthError: false }))?.items ?? [];
  } catch (err) {
    if (kubeFailure(err).status === 404) return "not-installed";
    return { items: [], errors: [sourceError(where, err)] };
  }
  if (resources.length === 0) return { items: [], errors: [] };
  const errors: SourceError[] = [];
  let pods: KubePod[] = [];
  try {
    const selector = runtimes[runtime].descriptor.instanceLabel;
    pods =
      (await request(withQuery(corePath("pods", namespace), { labelSelector: selector }), { autoLogoutOnAuthError: false }))?.items ?? [];
  } catch (err) {
    errors.push(sourceError(`pods of ${where}`, err));
  }
  return { items: summarizeAll(runtime, resources, pods, now), errors };
}
