/**
 * JSON of stored objects, memoised per (frozen) object and apiVersion. Stored objects never change
 * (a write stores a new object), so one serialisation serves every LIST page and every watcher.
 */

import type { KubeObject } from "../store/types";

const serialized = new WeakMap<KubeObject, Map<string, string>>();

/** `JSON.stringify(object)` as served at `apiVersion`, cached. */
export function objectJson(object: KubeObject, apiVersion: string): string {
  let byVersion = serialized.get(object);
  if (!byVersion) {
    byVersion = new Map();
    serialized.set(object, byVersion);
  }
  let text = byVersion.get(apiVersion);
  if (text === undefined) {
    text = JSON.stringify(object.apiVersion === apiVersion ? object : { ...object, apiVersion });
    byVersion.set(apiVersion, text);
  }
  return text;
}

/** A `<Kind>List` body built from cached item JSON. */
export function listJson(kind: string, apiVersion: string, metadata: Record<string, unknown>, items: KubeObject[]): string {
  return `{"kind":${JSON.stringify(kind)},"apiVersion":${JSON.stringify(apiVersion)},"metadata":${JSON.stringify(metadata)},"items":[${items.map((o) => objectJson(o, apiVersion)).join(",")}]}`;
}
