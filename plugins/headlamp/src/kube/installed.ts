import type { RuntimeId } from "@kubeairunway/shared/schemas/common";
import { RUNTIME_IDS, runtimes } from "../runtimes";
import { type KubeRequest, kubeFailure } from "./request";

/**
 * Which runtimes' CRDs the cluster serves, from API discovery (`/apis/<group>/<version>`, open to
 * every authenticated user): a runtime is installed when its group/version lists its plural.
 * A discovery failure other than 404 leaves the runtime's state unknown rather than "missing".
 */
export async function servedRuntimes(request: KubeRequest): Promise<Record<RuntimeId, boolean | undefined>> {
  const entries = await Promise.all(
    RUNTIME_IDS.map(async (id): Promise<[RuntimeId, boolean | undefined]> => {
      const { group, version, plural } = runtimes[id].descriptor.crd;
      try {
        const list = (await request(`/apis/${group}/${version}`, { autoLogoutOnAuthError: false })) as { resources?: { name?: string }[] };
        return [id, (list.resources ?? []).some((r) => r.name === plural)];
      } catch (err) {
        return [id, kubeFailure(err).status === 404 ? false : undefined];
      }
    }),
  );
  return Object.fromEntries(entries) as Record<RuntimeId, boolean | undefined>;
}
