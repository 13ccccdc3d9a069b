/**
 * `Accept: application/json;as=Table;v=v1;g=meta.k8s.io` answers (kube-api.md §2): built-ins get
 * the real printers' columns, custom resources their CRD's additionalPrinterColumns (Name + Age
 * by default), rows carry PartialObjectMetadata unless `includeObject` says otherwise.
 */

import type { KubeObject, PrinterColumn, ResourceInfo } from "../store/types";
import { jsonPath } from "./jsonpath";
import { age, builtinColumns, type Column } from "./printers";

/** `true` when the client asked for a Table (kubectl's human-readable get). */
export function wantsTable(req: Request): boolean {
  const accept = req.headers.get("accept") ?? "";
  return /as=Table/.test(accept) && /g=meta\.k8s\.io/.test(accept);
}

function crdColumn(c: PrinterColumn): Column {
  return {
    name: c.name,
    type: c.type,
    ...(c.format ? { format: c.format } : {}),
    ...(c.priority ? { priority: c.priority } : {}),
    cell: (o, now) => {
      const values = jsonPath(o, c.jsonPath);
      if (values.length === 0) return null;
      const first = values[0];
      if (c.type === "date") return age(first, now);
      if (typeof first === "object") return JSON.stringify(first);
      return values.length > 1 ? values.map(String).join(",") : first;
    },
  };
}

/** The columns kubectl shows for `info` at `version`. */
export function columnsFor(info: ResourceInfo, version: string): Column[] {
  if (!info.custom) return builtinColumns(info.group, info.resource);
  const custom = info.printerColumns?.[version];
  const name: Column = { name: "Name", type: "string", format: "name", cell: (o) => o.metadata.name };
  if (!custom?.length) return [name, { name: "Age", type: "date", cell: (o, now) => age(o.metadata.creationTimestamp, now) }];
  return [name, ...custom.map(crdColumn)];
}

type IncludeObject = "None" | "Metadata" | "Object";

function rowObject(o: KubeObject, include: IncludeObject): unknown {
  if (include === "None") return undefined;
  if (include === "Object") return o;
  return { kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata: o.metadata };
}

/** Builds a meta.k8s.io/v1 Table. */
export function toTable(
  objects: KubeObject[],
  columns: Column[],
  meta: { resourceVersion?: string; continue?: string },
  url: URL,
): Record<string, unknown> {
  const include = (url.searchParams.get("includeObject") ?? "Metadata") as IncludeObject;
  const now = Date.now();
  return {
    kind: "Table",
    apiVersion: "meta.k8s.io/v1",
    metadata: meta,
    columnDefinitions: columns.map((c) => ({
      name: c.name,
      type: c.type,
      format: c.format ?? "",
      description: "",
      priority: c.priority ?? 0,
    })),
    rows: objects.map((o) => {
      const object = rowObject(o, include);
      return { cells: columns.map((c) => c.cell(o, now) ?? null), ...(object ? { object } : {}) };
    }),
  };
}
