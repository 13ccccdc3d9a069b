/**
 * Table columns for `kubectl get` (kube-api.md §2), modelled on the real printers
 * (k/k pkg/printers/internalversion/printers.go) for the built-ins the sim serves.
 */

import type { KubeObject } from "../store/types";

export interface Column {
  name: string;
  type: string;
  format?: string;
  priority?: number;
  cell: (o: KubeObject, now: number) => unknown;
}

type Any = Record<string, unknown>;
const at = (o: unknown, ...keys: string[]): unknown =>
  keys.reduce<unknown>((acc, k) => (acc && typeof acc === "object" ? (acc as Any)[k] : undefined), o);
const none = (v: unknown) => (v === undefined || v === null || v === "" ? "<none>" : v);

/** apimachinery `duration.HumanDuration`. */
export function humanDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < -1) return "<invalid>";
  if (s < 0) return "0s";
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return s % 60 === 0 ? `${m}m` : `${m}m${s % 60}s`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 8) return m % 60 === 0 ? `${h}h` : `${h}h${m % 60}m`;
  if (h < 48) return `${h}h`;
  const d = Math.floor(h / 24);
  if (h < 192) return h % 24 === 0 ? `${d}d` : `${d}d${h % 24}h`;
  if (d < 730) return `${d}d`;
  const y = Math.floor(d / 365);
  return d < 2920 && d % 365 !== 0 ? `${y}y${d % 365}d` : `${y}y`;
}

export function age(timestamp: unknown, now: number): string {
  if (typeof timestamp !== "string") return "<unknown>";
  return humanDuration(now - Date.parse(timestamp));
}

const NAME: Column = { name: "Name", type: "string", format: "name", cell: (o) => o.metadata.name };
const AGE: Column = { name: "Age", type: "string", cell: (o, now) => age(o.metadata.creationTimestamp, now) };

interface ContainerStatus {
  ready?: boolean;
  restartCount?: number;
  state?: { waiting?: { reason?: string }; terminated?: { reason?: string } };
}

function podStatus(pod: KubeObject): string {
  if (pod.metadata.deletionTimestamp) return "Terminating";
  const status = (pod["status"] ?? {}) as { phase?: string; reason?: string; containerStatuses?: ContainerStatus[] };
  let reason = status.reason ?? status.phase ?? "Unknown";
  for (const c of status.containerStatuses ?? []) {
    if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
    else if (c.state?.terminated?.reason) reason = c.state.terminated.reason;
  }
  return reason;
}

function ports(svc: KubeObject): string {
  const list = (at(svc, "spec", "ports") as { port: number; protocol?: string; nodePort?: number }[] | undefined) ?? [];
  return list.length ? list.map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ""}/${p.protocol ?? "TCP"}`).join(",") : "<none>";
}

const BUILTIN: Record<string, Column[]> = {
  "/pods": [
    NAME,
    {
      name: "Ready",
      type: "string",
      cell: (o) => {
        const cs = (at(o, "status", "containerStatuses") as ContainerStatus[] | undefined) ?? [];
        const total = ((at(o, "spec", "containers") as unknown[] | undefined) ?? []).length;
        return `${cs.filter((c) => c.ready).length}/${total}`;
      },
    },
    { name: "Status", type: "string", cell: podStatus },
    {
      name: "Restarts",
      type: "string",
      cell: (o) =>
        String(
          ((at(o, "status", "containerStatuses") as ContainerStatus[] | undefined) ?? []).reduce((n, c) => n + (c.restartCount ?? 0), 0),
        ),
    },
    AGE,
    { name: "IP", type: "string", priority: 1, cell: (o) => none(at(o, "status", "podIP")) },
    { name: "Node", type: "string", priority: 1, cell: (o) => none(at(o, "spec", "nodeName")) },
    { name: "Nominated Node", type: "string", priority: 1, cell: (o) => none(at(o, "status", "nominatedNodeName")) },
    { name: "Readiness Gates", type: "string", priority: 1, cell: () => "<none>" },
  ],
  "/nodes": [
    NAME,
    {
      name: "Status",
      type: "string",
      cell: (o) => {
        const ready = ((at(o, "status", "conditions") as { type: string; status: string }[] | undefined) ?? []).find(
          (c) => c.type === "Ready",
        );
        const base = ready?.status === "True" ? "Ready" : ready ? "NotReady" : "Unknown";
        return at(o, "spec", "unschedulable") ? `${base},SchedulingDisabled` : base;
      },
    },
    {
      name: "Roles",
      type: "string",
      cell: (o) =>
        Object.keys(o.metadata.labels ?? {})
          .filter((k) => k.startsWith("node-role.kubernetes.io/"))
          .map((k) => k.slice("node-role.kubernetes.io/".length))
          .join(",") || "<none>",
    },
    AGE,
    { name: "Version", type: "string", cell: (o) => none(at(o, "status", "nodeInfo", "kubeletVersion")) },
    {
      name: "Internal-IP",
      type: "string",
      priority: 1,
      cell: (o) =>
        none(
          ((at(o, "status", "addresses") as { type: string; address: string }[] | undefined) ?? []).find((a) => a.type === "InternalIP")
            ?.address,
        ),
    },
  ],
  "/namespaces": [NAME, { name: "Status", type: "string", cell: (o) => none(at(o, "status", "phase")) }, AGE],
  "/services": [
    NAME,
    { name: "Type", type: "string", cell: (o) => none(at(o, "spec", "type")) },
    { name: "Cluster-IP", type: "string", cell: (o) => none(at(o, "spec", "clusterIP")) },
    { name: "External-IP", type: "string", cell: () => "<none>" },
    { name: "Port(s)", type: "string", cell: ports },
    AGE,
  ],
  "/events": [
    { name: "Last Seen", type: "string", cell: (o, now) => age(o["lastTimestamp"] ?? o["eventTime"] ?? o.metadata.creationTimestamp, now) },
    { name: "Type", type: "string", cell: (o) => none(o["type"]) },
    { name: "Reason", type: "string", cell: (o) => none(o["reason"]) },
    {
      name: "Object",
      type: "string",
      cell: (o) => `${String(at(o, "involvedObject", "kind") ?? "").toLowerCase()}/${String(at(o, "involvedObject", "name") ?? "")}`,
    },
    { name: "Message", type: "string", cell: (o) => none(o["message"]) },
  ],
  "/configmaps": [
    NAME,
    {
      name: "Data",
      type: "integer",
      cell: (o) => Object.keys((o["data"] as object) ?? {}).length + Object.keys((o["binaryData"] as object) ?? {}).length,
    },
    AGE,
  ],
  "/secrets": [
    NAME,
    { name: "Type", type: "string", cell: (o) => none(o["type"]) },
    { name: "Data", type: "integer", cell: (o) => Object.keys((o["data"] as object) ?? {}).length },
    AGE,
  ],
  "apps/deployments": [
    NAME,
    {
      name: "Ready",
      type: "string",
      cell: (o) => `${Number(at(o, "status", "readyReplicas") ?? 0)}/${Number(at(o, "spec", "replicas") ?? 1)}`,
    },
    { name: "Up-to-date", type: "integer", cell: (o) => Number(at(o, "status", "updatedReplicas") ?? 0) },
    { name: "Available", type: "integer", cell: (o) => Number(at(o, "status", "availableReplicas") ?? 0) },
    AGE,
  ],
  "apps/statefulsets": [
    NAME,
    {
      name: "Ready",
      type: "string",
      cell: (o) => `${Number(at(o, "status", "readyReplicas") ?? 0)}/${Number(at(o, "spec", "replicas") ?? 1)}`,
    },
    AGE,
  ],
  "apps/replicasets": [
    NAME,
    { name: "Desired", type: "integer", cell: (o) => Number(at(o, "spec", "replicas") ?? 1) },
    { name: "Current", type: "integer", cell: (o) => Number(at(o, "status", "replicas") ?? 0) },
    { name: "Ready", type: "integer", cell: (o) => Number(at(o, "status", "readyReplicas") ?? 0) },
    AGE,
  ],
  "apiextensions.k8s.io/customresourcedefinitions": [NAME, { name: "Created At", type: "date", cell: (o) => o.metadata.creationTimestamp }],
};

/** Columns for a built-in resource (`group/resource`), or the default Name + Age. */
export function builtinColumns(group: string, resource: string): Column[] {
  return BUILTIN[`${group}/${resource}`] ?? [NAME, AGE];
}
