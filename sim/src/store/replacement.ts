/**
 * The object an update (PUT, PATCH, status write) would store: optimistic-concurrency checks,
 * status-subresource rules, server-owned metadata carried over, admission (kube-api.md §6).
 */

import { admitObject } from "./admission";
import { crdStatus } from "./crd-hooks";
import { conflict, invalid } from "./errors";
import { isCrdType } from "./registry";
import { preserveOnUpdate } from "./strategies";
import type { KubeObject, ResourceInfo, ResourceType, WriteOptions } from "./types";

/** Builds the next version of `existing` from `input`; throws 409/422 like the apiserver. */
export function buildReplacement(
  info: ResourceInfo,
  type: ResourceType,
  input: KubeObject,
  existing: KubeObject,
  options: WriteOptions & { subresource?: "status" },
  now: Date,
): KubeObject {
  const name = existing.metadata.name;
  const rv = input.metadata.resourceVersion;
  if (rv === undefined || rv === "") {
    if (!info.allowUnconditionalUpdate) {
      const message = "Invalid value: 0x0: must be specified for an update";
      throw invalid(info.kind, info.group, name, [{ reason: "FieldValueInvalid", message, field: "metadata.resourceVersion" }]);
    }
  } else if (rv !== existing.metadata.resourceVersion) throw conflict(info, name);
  let next: KubeObject;
  if (options.subresource === "status") {
    next = structuredClone(existing) as KubeObject;
    if (input["status"] === undefined) delete next["status"];
    else next["status"] = structuredClone(input["status"]);
  } else {
    next = structuredClone(input);
    next.apiVersion = type.group ? `${type.group}/${type.version}` : type.version;
    next.kind = info.kind;
    if (info.hasStatusSubresource) {
      if (existing["status"] === undefined) delete next["status"];
      else next["status"] = structuredClone(existing["status"]);
    }
  }
  preserveOnUpdate(info, next, existing);
  admitObject(info, type.version, next, options);
  if (isCrdType(info) && options.subresource !== "status") next["status"] = crdStatus(next, now);
  next.metadata.resourceVersion = existing.metadata.resourceVersion;
  return next;
}
