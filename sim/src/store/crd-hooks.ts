/**
 * CustomResourceDefinition handling inside the store: validation of the CRD itself, the status
 * the naming/establishing controllers write (kube-api.md §10), and the ResourceInfo that makes
 * its resources served the moment it is created.
 */

import { makeCrdAdmit } from "../validation/crd-admit";
import { cause } from "./errors";
import { timestamp } from "./strategies";
import type { KubeObject, PrinterColumn, ResourceInfo, StatusCause, SubresourceInfo } from "./types";

export interface CrdVersion {
  name: string;
  served?: boolean;
  storage?: boolean;
  schema?: { openAPIV3Schema?: Record<string, unknown> };
  subresources?: { status?: object; scale?: object };
  selectableFields?: { jsonPath: string }[];
  additionalPrinterColumns?: PrinterColumn[];
}

export interface CrdSpec {
  group?: string;
  scope?: string;
  names?: { plural?: string; singular?: string; kind?: string; listKind?: string; shortNames?: string[]; categories?: string[] };
  versions?: CrdVersion[];
}

const CR_VERBS = ["delete", "deletecollection", "get", "list", "patch", "create", "update", "watch"];

/** Kubernetes-aware version order: GA > beta > alpha, higher numbers first, then others alphabetically. */
export function compareKubeVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!m) return { rank: 0, major: 0, minor: 0 };
    return { rank: m[2] === undefined ? 3 : m[2] === "beta" ? 2 : 1, major: Number(m[1]), minor: Number(m[3] ?? 0) };
  };
  const pa = parse(a);
  const pb = parse(b);
  if (pa.rank !== pb.rank) return pb.rank - pa.rank;
  if (pa.rank === 0) return a.localeCompare(b);
  if (pa.major !== pb.major) return pb.major - pa.major;
  return pb.minor - pa.minor;
}

/** Structural checks the apiserver applies to a CRD (the subset clients trip over). */
export function admitCrd(crd: KubeObject): StatusCause[] {
  const spec = (crd["spec"] ?? {}) as CrdSpec;
  const causes: StatusCause[] = [];
  if (!spec.group) causes.push(cause.required("spec.group"));
  if (!spec.names?.plural) causes.push(cause.required("spec.names.plural"));
  if (!spec.names?.kind) causes.push(cause.required("spec.names.kind"));
  if (spec.scope !== "Namespaced" && spec.scope !== "Cluster")
    causes.push(cause.notSupported("spec.scope", spec.scope ?? "", ["Cluster", "Namespaced"]));
  if (spec.group && spec.names?.plural && crd.metadata.name !== `${spec.names.plural}.${spec.group}`) {
    causes.push(cause.invalid("metadata.name", crd.metadata.name, 'must be spec.names.plural+"."+spec.group'));
  }
  const versions = spec.versions ?? [];
  if (versions.length === 0) causes.push(cause.required("spec.versions", "must have exactly one version marked as storage version"));
  else if (versions.filter((v) => v.storage).length !== 1) {
    causes.push(
      cause.invalid(
        "spec.versions",
        versions.map((v) => v.name),
        "must have exactly one version marked as storage version",
      ),
    );
  }
  return causes;
}

/** The status the naming and establishing controllers would write (names accepted, established). */
export function crdStatus(crd: KubeObject, now: Date): Record<string, unknown> {
  const spec = (crd["spec"] ?? {}) as CrdSpec;
  const names = spec.names ?? {};
  const previous = (crd["status"] ?? {}) as {
    conditions?: { type: string; status: string; lastTransitionTime?: string }[];
    storedVersions?: string[];
  };
  const since = (type: string) =>
    previous.conditions?.find((c) => c.type === type && c.status === "True")?.lastTransitionTime ?? timestamp(now);
  const storage = (spec.versions ?? []).find((v) => v.storage)?.name;
  const stored = new Set(previous.storedVersions ?? []);
  if (storage) stored.add(storage);
  return {
    acceptedNames: {
      plural: names.plural,
      singular: names.singular ?? names.kind?.toLowerCase(),
      kind: names.kind,
      listKind: names.listKind ?? `${names.kind}List`,
      ...(names.shortNames ? { shortNames: names.shortNames } : {}),
      ...(names.categories ? { categories: names.categories } : {}),
    },
    conditions: [
      {
        type: "NamesAccepted",
        status: "True",
        reason: "NoConflicts",
        message: "no conflicts found",
        lastTransitionTime: since("NamesAccepted"),
      },
      {
        type: "Established",
        status: "True",
        reason: "InitialNamesAccepted",
        message: "the initial names have been accepted",
        lastTransitionTime: since("Established"),
      },
    ],
    storedVersions: [...stored],
  };
}

/** The ResourceInfo a CRD serves: served versions (preferred first), names, subresources, validation. */
export function resourceInfoFromCrd(crd: KubeObject): ResourceInfo {
  const spec = crd["spec"] as CrdSpec;
  const names = spec.names ?? {};
  const served = (spec.versions ?? []).filter((v) => v.served !== false);
  const versions = served.map((v) => v.name).sort(compareKubeVersions);
  const withStatus = served.some((v) => v.subresources?.status !== undefined);
  const subresources: SubresourceInfo[] = [];
  if (served.some((v) => v.subresources?.scale !== undefined)) {
    subresources.push({ name: "scale", kind: "Scale", group: "autoscaling", version: "v1", verbs: ["get", "patch", "update"] });
  }
  const selectable = served.flatMap((v) => (v.selectableFields ?? []).map((f) => f.jsonPath.replace(/^\./, "")));
  return {
    group: spec.group as string,
    versions,
    resource: names.plural as string,
    singular: names.singular ?? (names.kind as string).toLowerCase(),
    kind: names.kind as string,
    listKind: names.listKind ?? `${names.kind}List`,
    namespaced: spec.scope === "Namespaced",
    ...(names.shortNames ? { shortNames: names.shortNames } : {}),
    ...(names.categories ? { categories: names.categories } : {}),
    verbs: CR_VERBS,
    hasStatusSubresource: withStatus,
    subresources,
    generation: "non-metadata",
    allowUnconditionalUpdate: false,
    custom: true,
    ...(selectable.length ? { selectableFields: selectable } : {}),
    admit: makeCrdAdmit(spec, withStatus),
    printerColumns: Object.fromEntries(
      served.filter((v) => v.additionalPrinterColumns?.length).map((v) => [v.name, v.additionalPrinterColumns as PrinterColumn[]]),
    ),
  };
}
