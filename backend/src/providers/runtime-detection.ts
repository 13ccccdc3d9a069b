import type { ProviderDescriptor, RuntimeId, RuntimeStatus } from "@kubeairunway/shared";
import { TtlCache } from "../auth/ttl-cache";
import { isResourceServed } from "../kube/discovery";
import { toAppError } from "../kube/errors";
import type { KubeClients, KubeResource } from "../kube/types";

export interface RuntimeDetectorOptions {
  backend: () => KubeClients;
  descriptors: Record<RuntimeId, ProviderDescriptor>;
  /** Answers are reused this long (default 10 s) so a busy UI does not list Deployments per request. */
  ttlMs?: number;
}

export interface RuntimeDetector {
  /** Per runtime: CRD served, its versions, the operator Deployment and its version (runtimes.md §0). */
  detect(): Promise<RuntimeStatus[]>;
  /** Forget cached answers (after an install, or when an informer saw the CRD appear). */
  invalidate(): void;
}

interface DeploymentObject extends KubeResource {
  spec?: { replicas?: number; template?: { spec?: { containers?: { image?: string }[] } } };
  status?: { availableReplicas?: number };
}

/** `registry/repo:1.7.0@sha256:…` → `1.7.0`; digests alone and `latest` are not versions. */
export function imageTag(image: string | undefined): string | undefined {
  if (!image) return undefined;
  const withoutDigest = image.split("@")[0] ?? "";
  const lastSlash = withoutDigest.lastIndexOf("/");
  const colon = withoutDigest.indexOf(":", lastSlash + 1);
  if (colon < 0) return undefined;
  const tag = withoutDigest.slice(colon + 1);
  return tag && tag !== "latest" ? tag.replace(/^v(?=\d)/, "") : undefined;
}

/** Operator version: `app.kubernetes.io/version` if set, else the first container's image tag. */
export function operatorVersion(deployment: DeploymentObject): string | undefined {
  const label = deployment.metadata?.labels?.["app.kubernetes.io/version"];
  if (label) return label.replace(/^v(?=\d)/, "");
  for (const c of deployment.spec?.template?.spec?.containers ?? []) {
    const tag = imageTag(c.image);
    if (tag) return tag;
  }
  return undefined;
}

function labelSelector(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(",");
}

/** Served versions, storage version first, from the CRD object (undefined when we may not read it). */
async function crdVersions(clients: KubeClients, name: string): Promise<string[] | undefined> {
  try {
    const crd = await clients.request<{ spec?: { versions?: { name: string; served?: boolean; storage?: boolean }[] } }>({
      path: `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${name}`,
    });
    const versions = (crd?.spec?.versions ?? []).filter((v) => v.served);
    return versions.sort((a, b) => Number(Boolean(b.storage)) - Number(Boolean(a.storage))).map((v) => v.name);
  } catch (err) {
    const code = toAppError(err).code;
    if (code === "not_found") return [];
    if (code === "forbidden") return undefined;
    throw err;
  }
}

async function detectOne(clients: KubeClients, d: ProviderDescriptor): Promise<RuntimeStatus> {
  const resource = { group: d.crd.group, version: d.crd.version, plural: d.crd.plural, kind: d.crd.kind, namespaced: true };
  const [served, versions, operators] = await Promise.all([
    isResourceServed(clients, resource),
    crdVersions(clients, d.crd.name),
    clients.request<{ items?: DeploymentObject[] }>({
      path: "/apis/apps/v1/deployments",
      query: { labelSelector: labelSelector(d.operatorLabels) },
    }),
  ]);
  const found = operators?.items ?? [];
  const best = [...found].sort((a, b) => (b.status?.availableReplicas ?? 0) - (a.status?.availableReplicas ?? 0))[0];
  const available = best?.status?.availableReplicas ?? 0;
  const healthy = available >= 1;
  // Discovery is the truth for "served"; the CRD object only adds the other versions and their order.
  const crdVersionsServed = served ? (versions?.length ? versions : [d.crd.version]) : [];
  let message: string | undefined;
  if (!served) message = `The ${d.crd.kind} CRD (${d.crd.name}, ${d.crd.version}) is not installed.`;
  else if (!best)
    message = `The ${d.crd.kind} CRD is installed but no ${d.displayName} operator Deployment was found (labels ${labelSelector(d.operatorLabels)}).`;
  else if (!healthy)
    message = `The ${d.displayName} operator Deployment ${best.metadata?.namespace}/${best.metadata?.name} has no available replicas.`;
  return {
    id: d.id,
    displayName: d.displayName,
    installed: served && healthy,
    crdName: d.crd.name,
    crdVersions: crdVersionsServed,
    operator: {
      found: Boolean(best),
      healthy,
      namespace: best?.metadata?.namespace,
      name: best?.metadata?.name,
      version: best ? operatorVersion(best) : undefined,
      availableReplicas: available,
    },
    message,
  };
}

/**
 * Detects each runtime as runtimes.md §0 prescribes: discovery says the CRD is served, and an
 * operator Deployment found by the descriptor's labels in any namespace (never by name) is
 * available. Runs as the backend; answers are cached briefly and shared by concurrent callers.
 */
export function createRuntimeDetector(options: RuntimeDetectorOptions): RuntimeDetector {
  const cache = new TtlCache<RuntimeStatus[]>({ maxEntries: 1 });
  let inflight: Promise<RuntimeStatus[]> | undefined;
  const ids = Object.keys(options.descriptors) as RuntimeId[];
  return {
    detect() {
      const cached = cache.get("all");
      if (cached) return Promise.resolve(cached);
      inflight ??= Promise.all(ids.map((id) => detectOne(options.backend(), options.descriptors[id])))
        .then((result) => {
          cache.set("all", result, options.ttlMs ?? 10_000);
          return result;
        })
        .catch((err: unknown) => {
          throw toAppError(err);
        })
        .finally(() => {
          inflight = undefined;
        });
      return inflight;
    },
    invalidate() {
      cache.clear();
    },
  };
}
