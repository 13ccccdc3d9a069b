/**
 * Per-kind write strategies: what the apiserver fills in or resets on create/update
 * (uid, timestamps, generation, status handling, a few built-in defaults).
 */

import { LABEL_NAMED_RESOURCES, validateName } from "../validation/names";
import { cause } from "./errors";
import type { KubeObject, ResourceInfo, StatusCause } from "./types";

/** RFC 3339 UTC with seconds, as the apiserver writes timestamps. */
export function timestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

const NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

/** `generateName` suffix: 5 chars from the apiserver's alphabet (apiserver pkg/storage/names). */
export function randomSuffix(random: () => number): string {
  let out = "";
  for (let i = 0; i < 5; i++) out += NAME_ALPHABET[Math.floor(random() * NAME_ALPHABET.length)];
  return out;
}

/** Server-owned metadata a client may not set on create. */
export function resetSystemMetadata(object: KubeObject, uid: string, now: Date, info: ResourceInfo): void {
  const m = object.metadata;
  m.uid = uid;
  m.creationTimestamp = timestamp(now);
  delete m.deletionTimestamp;
  delete m.deletionGracePeriodSeconds;
  delete m.resourceVersion;
  delete m.selfLink;
  if (info.generation === "none") delete m.generation;
  else m.generation = 1;
  if (!info.namespaced) delete m.namespace;
}

/** Defaults and status resets a real strategy's PrepareForCreate applies. */
export function prepareForCreate(info: ResourceInfo, object: KubeObject, allocateClusterIP: () => string): void {
  if (info.hasStatusSubresource) delete object["status"];
  const key = `${info.group}/${info.resource}`;
  if (key === "/pods") object["status"] = { phase: "Pending", qosClass: qosClass(object) };
  if (key === "/namespaces") {
    object["spec"] = { finalizers: ["kubernetes"], ...(object["spec"] as object | undefined) };
    object["status"] = { phase: "Active" };
  }
  if (key === "/services") {
    const spec = (object["spec"] ?? {}) as Record<string, unknown>;
    spec["type"] ??= "ClusterIP";
    if (spec["clusterIP"] === undefined && spec["type"] !== "ExternalName") {
      const ip = allocateClusterIP();
      spec["clusterIP"] = ip;
      spec["clusterIPs"] = [ip];
    }
    spec["sessionAffinity"] ??= "None";
    object["spec"] = spec;
    object["status"] = { loadBalancer: {} };
  }
  if (key === "/secrets") object["type"] ??= "Opaque";
}

function qosClass(pod: KubeObject): string {
  const containers = ((pod["spec"] as { containers?: { resources?: { requests?: object; limits?: object } }[] } | undefined)?.containers ??
    []) as { resources?: { requests?: object; limits?: object } }[];
  const any = containers.some((c) => Object.keys(c.resources?.requests ?? {}).length + Object.keys(c.resources?.limits ?? {}).length > 0);
  return any ? "Burstable" : "BestEffort";
}

/** Carries server-owned fields over from the stored object on update. */
export function preserveOnUpdate(info: ResourceInfo, next: KubeObject, existing: KubeObject): void {
  const m = next.metadata;
  const e = existing.metadata;
  m.uid = e.uid;
  m.creationTimestamp = e.creationTimestamp;
  m.name = e.name;
  if (e.namespace !== undefined) m.namespace = e.namespace;
  else delete m.namespace;
  if (e.deletionTimestamp !== undefined) {
    m.deletionTimestamp = e.deletionTimestamp;
    if (e.deletionGracePeriodSeconds !== undefined) m.deletionGracePeriodSeconds = e.deletionGracePeriodSeconds;
  } else {
    delete m.deletionTimestamp;
    delete m.deletionGracePeriodSeconds;
  }
  if (e.generateName !== undefined && m.generateName === undefined) m.generateName = e.generateName;
  if (info.generation === "none") delete m.generation;
  else m.generation = nextGeneration(info, next, existing);
}

function json(value: unknown): string {
  return JSON.stringify(value ?? null);
}

function nextGeneration(info: ResourceInfo, next: KubeObject, existing: KubeObject): number {
  const current = existing.metadata.generation ?? 1;
  let changed = false;
  if (info.generation === "spec" || info.generation === "spec-and-annotations") {
    changed = json(next["spec"]) !== json(existing["spec"]);
    if (info.generation === "spec-and-annotations") changed ||= json(next.metadata.annotations) !== json(existing.metadata.annotations);
  } else if (info.generation === "non-metadata") {
    const strip = (o: KubeObject) => {
      const { metadata: _m, apiVersion: _a, kind: _k, ...rest } = o;
      if (info.hasStatusSubresource) delete rest["status"];
      return rest;
    };
    changed = json(strip(next)) !== json(strip(existing));
  }
  return changed ? current + 1 : current;
}

/** Generic metadata validation every write goes through. */
export function validateMetadata(info: ResourceInfo, object: KubeObject): StatusCause[] {
  const causes = validateName(object.metadata.name, LABEL_NAMED_RESOURCES.has(info.resource) && !info.group ? "label" : "subdomain");
  const labels = object.metadata.labels;
  if (labels !== undefined && (labels === null || typeof labels !== "object"))
    causes.push(cause.invalid("metadata.labels", labels, "must be a map"));
  for (const [k, v] of Object.entries(labels ?? {})) {
    if (typeof v !== "string" || v.length > 63 || !/^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/.test(v)) {
      causes.push(
        cause.invalid(
          `metadata.labels`,
          v,
          "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
        ),
      );
    }
    if (!/^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(k)) {
      causes.push(cause.invalid("metadata.labels", k, "name part must consist of alphanumeric characters, '-', '_' or '.'"));
    }
  }
  return causes;
}

/** Recursively freezes a stored object so a caller cannot change the store by mutating a returned value. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}
