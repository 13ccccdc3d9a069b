import type { RuntimeId } from "@kubeairunway/shared";
import type { Identity, Permissions } from "../../auth/identity";
import { ForbiddenError, UnauthenticatedError } from "../../errors";
import type { ProviderRegistry } from "./deployment-index";
import { SEE_ALL, type Visibility } from "./list-query";

const RUNTIMES: readonly RuntimeId[] = ["kaito", "kuberay", "dynamo"];

export interface VisibilitySources {
  permissions: Permissions;
  providers: ProviderRegistry;
  /** Namespaces that currently hold deployments of a runtime: the only ones worth asking about. */
  namespaces: (runtime: RuntimeId) => Iterable<string>;
}

/**
 * What `identity` may list, per runtime, answered from the SubjectAccessReview cache: a cluster-wide
 * `list` grant is one question; otherwise each namespace holding deployments is asked about. The
 * local user (AUTH_MODE=none) sees what the kubeconfig sees, i.e. everything the cache holds.
 */
export async function visibilityFor(identity: Identity, sources: VisibilitySources): Promise<Visibility> {
  if (identity.kind === "local") return SEE_ALL;
  if (identity.kind === "anonymous") throw new UnauthenticatedError();
  const entries = await Promise.all(
    RUNTIMES.map(async (runtime) => {
      const { group, plural } = sources.providers[runtime].descriptor.crd;
      const visible = await sources.permissions.visibleNamespaces(identity, { group, resource: plural }, sources.namespaces(runtime));
      return [runtime, visible] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<RuntimeId, "all" | Set<string>>;
}

/** Throws 403 unless `identity` may `verb` the deployment's custom resource (cache reads are checked like API reads). */
export async function assertCan(
  identity: Identity,
  permissions: Permissions,
  verb: "get" | "list",
  target: { group: string; plural: string; namespace: string; name?: string },
): Promise<void> {
  if (identity.kind === "local") return;
  if (identity.kind === "anonymous") throw new UnauthenticatedError();
  const allowed = await permissions.can(identity, {
    verb,
    group: target.group,
    resource: target.plural,
    namespace: target.namespace,
    name: target.name,
  });
  if (allowed) return;
  const what = `${target.plural}.${target.group}${target.name ? ` "${target.name}"` : ""}`;
  throw new ForbiddenError(
    `${what} is forbidden: User "${identity.username}" cannot ${verb} resource "${target.plural}" in API group "${target.group}" in the namespace "${target.namespace}"`,
  );
}
