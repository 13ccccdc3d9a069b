import type { DeploymentConfig, FieldIssue, RuntimeId } from "@kubeairunway/shared";
import type { KubeManifest, Provider } from "@kubeairunway/shared/providers/types";
import { ConflictError, InvalidInputError, RuntimeNotInstalledError } from "../../errors";
import type { KubeClients, KubeResource } from "../../kube/types";
import { containsDesired } from "./object-subset";
import { withRetry } from "./retry";

export interface CreateOutcome {
  name: string;
  namespace: string;
  runtime: RuntimeId;
  created: boolean;
  warnings: { path: string; message: string }[];
}

/** Collection URL of a manifest (core/v1 or a group). */
export function collectionPath(apiVersion: string, plural: string, namespace: string): string {
  const base = apiVersion.includes("/") ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
  return `${base}/namespaces/${encodeURIComponent(namespace)}/${plural}`;
}

/** Plural of the companion kinds providers emit (the custom resource's plural comes from the descriptor). */
const COMPANION_PLURALS: Record<string, string> = { ConfigMap: "configmaps", Service: "services", Secret: "secrets" };

/**
 * Runs the provider's own validation; blocking issues become a 400 that names each field, so
 * nothing is written for a config the runtime would reject or could never run.
 */
export function validateOrThrow(provider: Provider, config: DeploymentConfig): { path: string; message: string }[] {
  const { errors, warnings } = provider.validate(config);
  if (errors.length > 0) {
    const issues: FieldIssue[] = errors.map((e) => ({ path: e.path, message: e.message, location: "body" }));
    const first = errors[0];
    throw new InvalidInputError(`invalid body: ${first?.path}: ${first?.message}`, issues);
  }
  return warnings;
}

/**
 * Creates a deployment as the caller: the custom resource, then its companions with an
 * ownerReference to it (so deleting the resource cascades to them).
 *
 * Idempotent: when the resource already exists and already holds everything this config asks for
 * (a retried request whose first answer was lost), the result is `created: false` and missing
 * companions are completed; an existing object that differs is a 409 naming it.
 */
export async function createDeployment(
  clients: KubeClients,
  provider: Provider,
  config: DeploymentConfig,
  notInstalled: readonly RuntimeId[],
): Promise<CreateOutcome> {
  const warnings = validateOrThrow(provider, config);
  const { crd } = provider.descriptor;
  if (notInstalled.includes(provider.descriptor.id)) {
    throw new RuntimeNotInstalledError(
      `${provider.descriptor.displayName} is not installed in this cluster (CRD ${crd.name} is not served)`,
    );
  }
  const manifests = provider.toManifests(config);
  const resource = manifests.find((m) => m.kind === crd.kind);
  if (!resource) throw new Error(`provider ${provider.descriptor.id} produced no ${crd.kind}`);
  const path = collectionPath(resource.apiVersion, crd.plural, config.namespace);
  const { object: live, created } = await createOrAdopt(clients, path, resource, crd.kind);

  for (const companion of manifests) {
    if (companion === resource) continue;
    const plural = COMPANION_PLURALS[companion.kind];
    if (!plural) throw new Error(`no plural known for companion kind ${companion.kind}`);
    const owned = withOwner(companion, resource, live);
    await createOrAdopt(clients, collectionPath(companion.apiVersion, plural, config.namespace), owned, companion.kind);
  }
  return { name: config.name, namespace: config.namespace, runtime: provider.descriptor.id, created, warnings };
}

function withOwner(companion: KubeManifest, owner: KubeManifest, live: KubeResource): KubeManifest {
  const uid = live.metadata?.uid;
  if (!uid) return companion;
  return {
    ...companion,
    metadata: {
      ...companion.metadata,
      ownerReferences: [{ apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid }],
    },
  } as KubeManifest;
}

/** POST; on 409 read what is there and accept it only when it already holds the desired object. */
async function createOrAdopt(
  clients: KubeClients,
  collection: string,
  desired: KubeManifest,
  kind: string,
): Promise<{ object: KubeResource; created: boolean }> {
  const itemPath = `${collection}/${encodeURIComponent(desired.metadata.name)}`;
  return withRetry(async () => {
    try {
      const object = await clients.request<KubeResource>({ method: "POST", path: collection, body: desired });
      return { object, created: true };
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
    }
    const existing = await clients.request<KubeResource>({ method: "GET", path: itemPath });
    if (existing.metadata?.deletionTimestamp) {
      throw new ConflictError(
        `${kind} "${desired.metadata.name}" in namespace "${desired.metadata.namespace}" is being deleted; try again when it is gone`,
      );
    }
    if (!containsDesired(existing, desired)) {
      throw new ConflictError(
        `${kind} "${desired.metadata.name}" already exists in namespace "${desired.metadata.namespace}" with a different definition; choose another name or delete it first`,
      );
    }
    return { object: existing, created: false };
  });
}
