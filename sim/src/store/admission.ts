/**
 * Admission for every store write: metadata rules, the type's admit hook (CR pruning/defaulting/
 * schema validation) with fieldValidation handling, CRD structural checks, namespace lifecycle.
 */

import { admitCrd } from "./crd-hooks";
import { badRequest, forbidden, invalid, notFound } from "./errors";
import { isCrdType } from "./registry";
import { validateMetadata } from "./strategies";
import type { KubeObject, ResourceInfo, WriteOptions } from "./types";

/** Prunes/defaults `object` in place; throws 400 (strict unknown fields) or 422 (invalid). */
export function admitObject(info: ResourceInfo, version: string, object: KubeObject, options: WriteOptions): void {
  const causes = validateMetadata(info, object);
  const unknown: string[] = [];
  if (info.admit) causes.push(...info.admit(object, version, unknown));
  if (unknown.length > 0 && options.fieldValidation === "Strict") {
    const list = unknown.map((f) => `unknown field "${f}"`).join(", ");
    throw badRequest(`${info.kind} in version "${version}" cannot be handled as a ${info.kind}: strict decoding error: ${list}`);
  }
  if (options.fieldValidation !== "Ignore") options.warnings?.push(...unknown.map((f) => `unknown field "${f}"`));
  if (isCrdType(info)) causes.push(...admitCrd(object));
  if (causes.length > 0) throw invalid(info.kind, info.group, object.metadata.name ?? "", causes);
}

/** Namespace lifecycle admission: 404 for a missing namespace, 403 while it terminates. */
export function checkNamespaceAdmits(ns: KubeObject | undefined, namespace: string): void {
  if (!ns) throw notFound({ group: "", resource: "namespaces" }, namespace);
  if (ns.metadata.deletionTimestamp) {
    throw forbidden(`unable to create new content in namespace ${namespace} because it is being terminated`);
  }
}
