import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { CHART, DOCUMENTED_OPTIONS, find, type KubeObject, renderChart, runHelm } from "./helm";
import { validateObject } from "./schema";
import { unknownFields } from "./strict-fields";

interface Container {
  name: string;
  args?: string[];
  env?: { name: string; value?: string }[];
  securityContext?: Record<string, unknown>;
  livenessProbe?: { httpGet: { path: string; port: string } };
  readinessProbe?: { httpGet: { path: string; port: string } };
  resources?: Record<string, unknown>;
  ports?: { name: string; containerPort: number }[];
}
interface DeploymentObject extends KubeObject {
  spec: {
    replicas: number;
    template: { spec: { securityContext: Record<string, unknown>; containers: Container[]; serviceAccountName: string } };
  };
}

const backend = (objects: KubeObject[]) => {
  const container = find<DeploymentObject>(objects, "Deployment").spec.template.spec.containers[0];
  if (!container) throw new Error("Deployment has no container");
  return container;
};
const env = (objects: KubeObject[]) => Object.fromEntries((backend(objects).env ?? []).map((e) => [e.name, e.value]));

describe("helm chart", () => {
  it("passes helm lint in strict mode", () => {
    expect(runHelm(["lint", "--strict", CHART])).toContain("0 chart(s) failed");
  });

  it("packages into the archive the release publishes, at the version asked for", () => {
    const out = mkdtempSync(join(tmpdir(), "kar-chart-"));
    try {
      runHelm(["package", CHART, "--version", "9.8.7", "--app-version", "9.8.7", "--destination", out]);
      const archive = join(out, "kubeairunway-9.8.7.tgz");
      const chart = parse(runHelm(["show", "chart", archive])) as { version: string; appVersion: string };
      expect([chart.version, chart.appVersion]).toEqual(["9.8.7", "9.8.7"]);
      expect(runHelm(["template", "x", archive])).toContain('image: "ghcr.io/kaito-project/kubeairunway:9.8.7"');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it("renders a hardened backend Deployment by default", () => {
    const objects = renderChart();
    const deployment = find<DeploymentObject>(objects, "Deployment", "kubeairunway");
    const pod = deployment.spec.template.spec;
    expect(deployment.spec.replicas).toBe(1);
    expect(pod.serviceAccountName).toBe("kubeairunway");
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } });
    const container = backend(objects);
    expect(container.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      capabilities: { drop: ["ALL"] },
    });
    expect(container.livenessProbe?.httpGet).toEqual({ path: "/api/health", port: "http" });
    expect(container.readinessProbe?.httpGet).toEqual({ path: "/api/ready", port: "http" });
    expect(container.resources).toMatchObject({ requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "1Gi" } });
    expect(container.ports).toEqual([{ name: "http", containerPort: 3001, protocol: "TCP" }]);
    expect(env(objects)).toMatchObject({
      AUTH_MODE: "kubernetes",
      AUTH_ALLOW_ANONYMOUS_CLUSTER_READS: "true",
      CORS_ORIGINS: "",
      LOG_LEVEL: "info",
      HOST: "0.0.0.0",
      PORT: "3001",
    });
  });

  it("exposes the Service the Headlamp plugin proxies to: kubeairunway, port http 3001", () => {
    const service = find<KubeObject & { spec: { ports: unknown[] } }>(renderChart(), "Service");
    expect(service.metadata.name).toBe("kubeairunway");
    expect(service.spec.ports).toEqual([{ name: "http", port: 3001, targetPort: "http", protocol: "TCP" }]);
  });

  it("renders no optional object by default", () => {
    const kinds = renderChart().map((o) => `${o.kind}/${o.metadata.name}`);
    expect(kinds.sort()).toEqual([
      "ClusterRole/kubeairunway-backend",
      "ClusterRole/kubeairunway-editor",
      "ClusterRole/kubeairunway-viewer",
      "ClusterRoleBinding/kubeairunway-backend",
      "Deployment/kubeairunway",
      "Service/kubeairunway",
      "ServiceAccount/kubeairunway",
    ]);
  });

  it("maps auth, CORS, logging and extra env values to the backend's environment", () => {
    const objects = renderChart({
      auth: { mode: "none", allowAnonymousClusterReads: false, allowedOrigins: ["https://a.example", "https://b.example"] },
      logging: { level: "debug", format: "pretty" },
      extraEnv: [{ name: "HTTPS_PROXY", value: "http://proxy:3128" }],
    });
    expect(env(objects)).toMatchObject({
      AUTH_MODE: "none",
      AUTH_ALLOW_ANONYMOUS_CLUSTER_READS: "false",
      CORS_ORIGINS: "https://a.example,https://b.example",
      LOG_LEVEL: "debug",
      LOG_FORMAT: "pretty",
      HTTPS_PROXY: "http://proxy:3128",
    });
  });

  it("renders replicas and a PodDisruptionBudget selecting the backend's pods", () => {
    const objects = renderChart(DOCUMENTED_OPTIONS["replicas+pdb"]);
    expect(find<DeploymentObject>(objects, "Deployment").spec.replicas).toBe(3);
    const pdb = find<KubeObject & { spec: Record<string, unknown> }>(objects, "PodDisruptionBudget");
    expect(pdb.spec).toEqual({
      maxUnavailable: 1,
      selector: { matchLabels: { "app.kubernetes.io/name": "kubeairunway", "app.kubernetes.io/instance": "kubeairunway" } },
    });
  });

  it("renders an Ingress with TLS to the http port", () => {
    const ingress = find<KubeObject & { spec: Record<string, unknown> }>(renderChart(DOCUMENTED_OPTIONS["ingress+tls"]), "Ingress");
    expect(ingress.spec).toEqual({
      tls: [{ hosts: ["kar.example.com"], secretName: "kar-tls" }],
      rules: [
        {
          host: "kar.example.com",
          http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "kubeairunway", port: { name: "http" } } } }] },
        },
      ],
    });
  });

  it("renders a NetworkPolicy that only admits the http port from the listed peers", () => {
    const policy = find<KubeObject & { spec: Record<string, unknown> }>(renderChart(DOCUMENTED_OPTIONS.networkPolicy), "NetworkPolicy");
    expect(policy.spec).toMatchObject({
      policyTypes: ["Ingress"],
      ingress: [
        {
          ports: [{ port: "http", protocol: "TCP" }],
          from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "headlamp" } } }],
        },
      ],
    });
  });

  it("binds the opt-in installer role to the backend's ServiceAccount only when enabled", () => {
    expect(renderChart().some((o) => o.metadata.name === "kubeairunway-installer")).toBe(false);
    const objects = renderChart(DOCUMENTED_OPTIONS["rbac.installer.enabled"]);
    find(objects, "ClusterRole", "kubeairunway-installer");
    const binding = find<KubeObject & { subjects: unknown[] }>(objects, "ClusterRoleBinding", "kubeairunway-installer");
    expect(binding.subjects).toEqual([{ kind: "ServiceAccount", name: "kubeairunway", namespace: "kubeairunway-system" }]);
  });

  it("uses an existing ServiceAccount and creates no RBAC when told so", () => {
    const objects = renderChart(DOCUMENTED_OPTIONS["rbac off, existing ServiceAccount"]);
    expect(objects.map((o) => o.kind).sort()).toEqual(["Deployment", "Service"]);
    expect(find<DeploymentObject>(objects, "Deployment").spec.template.spec.serviceAccountName).toBe("existing");
  });

  it.each([
    ["auth.mode", { auth: { mode: "oidc" } }, "/auth/mode"],
    ["auth.allowAnonymousClusterReads", { auth: { allowAnonymousClusterReads: "yes" } }, "/auth/allowAnonymousClusterReads"],
    ["auth.allowedOrigins", { auth: { allowedOrigins: ["a.example,b.example"] } }, "/auth/allowedOrigins/0"],
    ["logging.level", { logging: { level: "trace" } }, "/logging/level"],
    ["service.port", { service: { port: 70000 } }, "/service/port"],
  ])("rejects an invalid %s, naming the value", (_name, values, path) => {
    expect(() => renderChart(values)).toThrow(path);
  });
});

describe("rendered objects validate against the Kubernetes schemas", () => {
  it.each(Object.entries(DOCUMENTED_OPTIONS))("%s", async (_name, values) => {
    const objects = renderChart(values);
    expect(objects.length).toBeGreaterThan(1);
    for (const object of objects) await validateObject(object);
  });

  it("no documented option renders a field the Kubernetes API does not define", () => {
    const seen = new Set<string>();
    const objects = Object.values(DOCUMENTED_OPTIONS)
      .flatMap((values) => renderChart(values))
      .filter((o) => !seen.has(JSON.stringify(o)) && seen.add(JSON.stringify(o)));
    expect(unknownFields(objects)).toEqual([]);
  }, 120_000);

  it("catches unknown fields (the strict check is not a no-op)", () => {
    const deployment = structuredClone(find<DeploymentObject>(renderChart(), "Deployment"));
    const container = deployment.spec.template.spec.containers[0]!;
    container.securityContext = { ...container.securityContext, readOnlyRootFilesytem: true };
    expect(unknownFields([deployment])).toEqual([expect.stringContaining("'\"readOnlyRootFilesytem\"' does not exist")]);
  }, 120_000);

  it("catches a schema violation (the validator is not a no-op)", async () => {
    const objects = renderChart();
    const service = structuredClone(find<KubeObject & { spec: { ports: { port: unknown }[] } }>(objects, "Service"));
    service.spec.ports[0]!.port = "not-a-number";
    await expect(validateObject(service)).rejects.toThrow(/port/);
    await expect(validateObject({ apiVersion: "example.com/v1", kind: "Nope", metadata: { name: "x" } })).rejects.toThrow(
      /no Kubernetes schema/,
    );
  });
});
