/**
 * Legacy (unaggregated) discovery: /version, /api, /api/v1, /apis, /apis/<g>, /apis/<g>/<v>
 * (kube-api.md §1). kubectl reads the response Content-Type, so plain `application/json` makes it
 * fall back to these documents — a complete answer.
 */

import { compareKubeVersions } from "../store/crd-hooks";
import type { ObjectStore } from "../store/store";
import type { ResourceInfo } from "../store/types";

export const VERSION_INFO = {
  major: "1",
  minor: "32",
  gitVersion: "v1.32.9",
  gitCommit: "0000000000000000000000000000000000000000",
  gitTreeState: "clean",
  buildDate: "2025-09-09T00:00:00Z",
  goVersion: "go1.23.12",
  compiler: "gc",
  platform: "linux/amd64",
};

interface DiscoveryResource {
  name: string;
  singularName: string;
  namespaced: boolean;
  kind: string;
  verbs: string[];
  group?: string;
  version?: string;
  shortNames?: string[];
  categories?: string[];
}

/** Review APIs served by the HTTP layer itself (create-only, not stored). */
export const VIRTUAL_RESOURCES: { group: string; version: string; resource: DiscoveryResource }[] = [
  { group: "authentication.k8s.io", version: "v1", resource: review("selfsubjectreviews", "SelfSubjectReview", false) },
  { group: "authentication.k8s.io", version: "v1", resource: review("tokenreviews", "TokenReview", false) },
  { group: "authorization.k8s.io", version: "v1", resource: review("localsubjectaccessreviews", "LocalSubjectAccessReview", true) },
  { group: "authorization.k8s.io", version: "v1", resource: review("selfsubjectaccessreviews", "SelfSubjectAccessReview", false) },
  { group: "authorization.k8s.io", version: "v1", resource: review("selfsubjectrulesreviews", "SelfSubjectRulesReview", false) },
  { group: "authorization.k8s.io", version: "v1", resource: review("subjectaccessreviews", "SubjectAccessReview", false) },
];

function review(name: string, kind: string, namespaced: boolean): DiscoveryResource {
  return { name, singularName: kind.toLowerCase(), namespaced, kind, verbs: ["create"] };
}

function entriesFor(info: ResourceInfo): DiscoveryResource[] {
  const main: DiscoveryResource = {
    name: info.resource,
    singularName: info.singular,
    namespaced: info.namespaced,
    kind: info.kind,
    verbs: info.verbs,
  };
  if (info.shortNames?.length) main.shortNames = info.shortNames;
  if (info.categories?.length) main.categories = info.categories;
  const out = [main];
  if (info.hasStatusSubresource)
    out.push({
      name: `${info.resource}/status`,
      singularName: "",
      namespaced: info.namespaced,
      kind: info.kind,
      verbs: ["get", "patch", "update"],
    });
  for (const sub of info.subresources ?? []) {
    out.push({
      name: `${info.resource}/${sub.name}`,
      singularName: "",
      namespaced: info.namespaced,
      kind: sub.kind,
      verbs: sub.verbs,
      ...(sub.group !== undefined ? { group: sub.group, version: sub.version as string } : {}),
    });
  }
  return out;
}

/** `{group → versions (preferred first)}` over stored and virtual resources. */
function groupVersions(store: ObjectStore): Map<string, string[]> {
  const groups = new Map<string, Set<string>>();
  const add = (group: string, version: string) => {
    const set = groups.get(group) ?? new Set<string>();
    groups.set(group, set);
    set.add(version);
  };
  for (const info of store.resources()) for (const v of info.versions) add(info.group, v);
  for (const v of VIRTUAL_RESOURCES) add(v.group, v.version);
  const out = new Map<string, string[]>();
  for (const [group, versions] of groups) out.set(group, [...versions].sort(compareKubeVersions));
  return out;
}

/** The APIResourceList for one group/version, or undefined when nothing is served there. */
export function resourceList(store: ObjectStore, group: string, version: string): Record<string, unknown> | undefined {
  const resources: DiscoveryResource[] = [];
  for (const info of store.resources()) if (info.group === group && info.versions.includes(version)) resources.push(...entriesFor(info));
  for (const v of VIRTUAL_RESOURCES) if (v.group === group && v.version === version) resources.push(v.resource);
  if (resources.length === 0) return undefined;
  resources.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const groupVersion = group ? `${group}/${version}` : version;
  return { kind: "APIResourceList", ...(group ? { apiVersion: "v1" } : {}), groupVersion, resources };
}

function apiGroup(name: string, versions: string[]): Record<string, unknown> {
  const list = versions.map((version) => ({ groupVersion: `${name}/${version}`, version }));
  return { name, versions: list, preferredVersion: list[0] };
}

/** Answers a discovery path, or undefined when `path` is not one. */
export function discovery(store: ObjectStore, path: string, serverAddress: string): unknown {
  const clean = path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
  if (clean === "/version") return VERSION_INFO;
  if (clean === "/api")
    return { kind: "APIVersions", versions: ["v1"], serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress }] };
  const groups = groupVersions(store);
  if (clean === "/apis") {
    const list = [...groups.entries()].filter(([g]) => g !== "").map(([g, versions]) => apiGroup(g, versions));
    return { kind: "APIGroupList", apiVersion: "v1", groups: list };
  }
  const m = /^\/apis\/([^/]+)(?:\/([^/]+))?$/.exec(clean);
  if (m) {
    const versions = groups.get(m[1] as string);
    if (!versions) return undefined;
    if (m[2] === undefined) return { kind: "APIGroup", apiVersion: "v1", ...apiGroup(m[1] as string, versions) };
    return resourceList(store, m[1] as string, m[2]);
  }
  if (clean === "/api/v1") return resourceList(store, "", "v1");
  return undefined;
}
