/**
 * Minimal OpenAPI v3 (kube-api.md §1.4): an index of group/versions and one path per kind whose
 * `patch` operation declares its GVK and a `fieldValidation` query parameter. That is what
 * `kubectl create -f`/`apply -f` with default validation look for before sending
 * `fieldValidation=Strict`; without it they fail to "download openapi".
 */

import type { ObjectStore } from "../store/store";
import { VERSION_INFO } from "./discovery";

function gvKey(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

function hashOf(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0).toString(16).toUpperCase().padStart(8, "0");
}

function kindsByGv(
  store: ObjectStore,
): Map<string, { group: string; version: string; kinds: { kind: string; resource: string; namespaced: boolean }[] }> {
  const out = new Map<string, { group: string; version: string; kinds: { kind: string; resource: string; namespaced: boolean }[] }>();
  for (const info of store.resources()) {
    for (const version of info.versions) {
      const key = gvKey(info.group, version);
      let entry = out.get(key);
      if (!entry) {
        entry = { group: info.group, version, kinds: [] };
        out.set(key, entry);
      }
      entry.kinds.push({ kind: info.kind, resource: info.resource, namespaced: info.namespaced });
    }
  }
  return out;
}

/** Answers `/openapi/v3` and `/openapi/v3/<gv>`; undefined for other paths. */
export function openapiV3(store: ObjectStore, path: string): unknown {
  const gvs = kindsByGv(store);
  if (path === "/openapi/v3" || path === "/openapi/v3/") {
    const paths: Record<string, { serverRelativeURL: string }> = {};
    for (const [key, entry] of gvs) paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${hashOf(JSON.stringify(entry.kinds))}` };
    return { paths };
  }
  const key = path.replace(/^\/openapi\/v3\//, "");
  const entry = gvs.get(key);
  if (!entry) return undefined;
  const paths: Record<string, unknown> = {};
  for (const k of entry.kinds) {
    const prefix = `/${key}${k.namespaced ? "/namespaces/{namespace}" : ""}/${k.resource}/{name}`;
    paths[prefix] = {
      patch: {
        "x-kubernetes-group-version-kind": { group: entry.group, version: entry.version, kind: k.kind },
        parameters: [
          { name: "fieldValidation", in: "query", schema: { type: "string", uniqueItems: true } },
          { name: "dryRun", in: "query", schema: { type: "string", uniqueItems: true } },
        ],
      },
    };
  }
  return { openapi: "3.0.0", info: { title: "Kubernetes", version: VERSION_INFO.gitVersion }, paths, components: { schemas: {} } };
}
