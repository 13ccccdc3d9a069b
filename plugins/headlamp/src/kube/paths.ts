import type { KubeManifest } from "@kubeairunway/shared/providers/types";
import type { RuntimeId } from "@kubeairunway/shared/schemas/common";
import { RUNTIME_IDS, runtimes } from "../runtimes";

/** Collection (or item) path of a runtime's custom resource; cluster-wide when `namespace` is absent. */
export function runtimePath(runtime: RuntimeId, namespace?: string, name?: string): string {
  const { group, version, plural } = runtimes[runtime].descriptor.crd;
  const ns = namespace ? `/namespaces/${encodeURIComponent(namespace)}` : "";
  return `/apis/${group}/${version}${ns}/${plural}${name ? `/${encodeURIComponent(name)}` : ""}`;
}

/** Core/v1 collection path: pods, events, configmaps… */
export function corePath(plural: string, namespace?: string, name?: string): string {
  const ns = namespace ? `/namespaces/${encodeURIComponent(namespace)}` : "";
  return `/api/v1${ns}/${plural}${name ? `/${encodeURIComponent(name)}` : ""}`;
}

export function withQuery(path: string, query: Record<string, string | number | boolean | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== "") params.set(k, String(v));
  const q = params.toString();
  return q ? `${path}?${q}` : path;
}

export function selectorString(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(",");
}

const CORE_PLURALS: Record<string, string> = { ConfigMap: "configmaps", Service: "services", Secret: "secrets" };

/** Where to POST a manifest the shared core rendered (its own namespace). */
export function manifestCollectionPath(manifest: KubeManifest): string {
  const { namespace } = manifest.metadata;
  if (manifest.apiVersion === "v1") {
    const plural = CORE_PLURALS[manifest.kind];
    if (!plural) throw new Error(`no API path known for core kind ${manifest.kind}`);
    return corePath(plural, namespace);
  }
  const runtime = RUNTIME_IDS.find(
    (id) => `${runtimes[id].descriptor.crd.group}/${runtimes[id].descriptor.crd.version}` === manifest.apiVersion,
  );
  if (!runtime || runtimes[runtime].descriptor.crd.kind !== manifest.kind) {
    throw new Error(`no API path known for ${manifest.apiVersion} ${manifest.kind}`);
  }
  return runtimePath(runtime, namespace);
}
