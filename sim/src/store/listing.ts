/**
 * LIST with selectors and limit/continue paging over a Collection (kube-api.md §3).
 * Continue tokens are opaque base64 `{v, rv, start}` like etcd3's; a token whose revision has
 * been compacted is 410 Expired, a garbage one 400.
 */

import { parseFieldSelector } from "../selectors/field-selector";
import { parseLabelSelector } from "../selectors/label-selector";
import { type Collection, lowerBound, objectKey } from "./collection";
import { badRequest, expired } from "./errors";
import type { KubeObject, ListOptions, ListResult, ResourceInfo } from "./types";

interface ContinueToken {
  v: "meta.k8s.io/v1";
  rv: number;
  start: string;
}

function encodeContinue(token: ContinueToken): string {
  return Buffer.from(JSON.stringify(token)).toString("base64url");
}

function decodeContinue(raw: string): ContinueToken {
  try {
    const parsed = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as ContinueToken;
    if (parsed.v !== "meta.k8s.io/v1" || typeof parsed.rv !== "number" || typeof parsed.start !== "string") throw new Error("shape");
    return parsed;
  } catch {
    throw badRequest(`invalid continue token: continue key is not valid: illegal base64 data or unknown token`);
  }
}

/**
 * Lists `collection`. `currentRv` is the store revision now; `oldestResumable` the compaction point,
 * used to expire continue tokens the way etcd does.
 */
export function listCollection(
  collection: Collection,
  info: ResourceInfo,
  options: ListOptions,
  currentRv: number,
  oldestResumable: number,
): ListResult {
  const labels = parseLabelSelector(options.labelSelector);
  const fields = parseFieldSelector(options.fieldSelector, info.selectableFields);
  let namespace = info.namespaced ? options.namespace : undefined;
  if (info.namespaced && namespace === undefined && fields.exactNamespace !== undefined) namespace = fields.exactNamespace;
  const filtered = !labels.empty || !fields.empty;
  const matches = (o: KubeObject) => labels.matches(o.metadata.labels) && fields.matches(o);

  let listRv = currentRv;
  let startKey: string | undefined;
  if (options.continue) {
    const token = decodeContinue(options.continue);
    if (token.rv < oldestResumable) {
      throw expired(
        "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.",
      );
    }
    listRv = token.rv;
    startKey = token.start;
  }

  // Fast path: a field selector pinning one name (kubectl get <name> -w, informers on one object).
  if (fields.exactName !== undefined && (namespace !== undefined || !info.namespaced)) {
    const one = collection.get(namespace, fields.exactName);
    const items = one && matches(one) && (startKey === undefined || objectKey(namespace, fields.exactName) > startKey) ? [one] : [];
    return { items, resourceVersion: String(listRv) };
  }

  const keys = collection.keys(namespace);
  let index = startKey === undefined ? 0 : lowerBound(keys, startKey);
  if (startKey !== undefined && keys[index] === startKey) index++;
  const limit = options.limit && options.limit > 0 ? options.limit : Number.POSITIVE_INFINITY;
  const items: KubeObject[] = [];
  let lastKey: string | undefined;
  for (; index < keys.length; index++) {
    const key = keys[index] as string;
    const object = collection.getByKey(key);
    if (!object || !matches(object)) continue;
    if (items.length >= limit) {
      // At least one more match exists past the page: hand out a continue token.
      const result: ListResult = {
        items,
        resourceVersion: String(listRv),
        continue: encodeContinue({ v: "meta.k8s.io/v1", rv: listRv, start: lastKey as string }),
      };
      if (!filtered) result.remainingItemCount = keys.length - index;
      return result;
    }
    items.push(object);
    lastKey = key;
  }
  return { items, resourceVersion: String(listRv) };
}
