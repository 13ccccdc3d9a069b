import { describe, expect, it } from "vitest";
import { KUBE_CALLS, type KubeCall } from "../../backend/src/kube/backend-calls";
import { DOCUMENTED_OPTIONS, find, type KubeObject, renderChart } from "./helm";

interface Rule {
  apiGroups?: string[];
  resources?: string[];
  verbs: string[];
  resourceNames?: string[];
}
type Role = KubeObject & { rules: Rule[] };

/** `group/resource:verb` permissions a set of rules grants (resourceNames-scoped ones marked). */
function grants(rules: Rule[]): Set<string> {
  const out = new Set<string>();
  for (const rule of rules) {
    for (const group of rule.apiGroups ?? [])
      for (const resource of rule.resources ?? [])
        for (const verb of rule.verbs)
          out.add(`${group}/${resource}:${verb}${rule.resourceNames ? `@${rule.resourceNames.join(",")}` : ""}`);
  }
  return out;
}

function needs(calls: readonly KubeCall[]): Set<string> {
  return new Set(calls.flatMap((c) => c.verbs.map((verb) => `${c.group}/${c.resource}:${verb}`)));
}

const difference = (a: Set<string>, b: Set<string>) => [...a].filter((x) => !b.has(x)).sort();

describe("chart RBAC vs the calls the backend makes (backend/src/kube/backend-calls.ts)", () => {
  const objects = renderChart();
  const backendRole = find<Role>(objects, "ClusterRole", "kubeairunway-backend");

  it("grants the backend's ServiceAccount every call it makes", () => {
    const required = needs(KUBE_CALLS.filter((c) => c.as === "backend" && !c.grantedByDefault));
    expect(difference(required, grants(backendRole.rules))).toEqual([]);
  });

  it("grants the backend's ServiceAccount nothing it does not call (least privilege)", () => {
    const used = needs(KUBE_CALLS.filter((c) => c.as === "backend" && !c.grantedByDefault));
    expect(difference(grants(backendRole.rules), used)).toEqual([]);
    expect(JSON.stringify(backendRole.rules)).not.toContain("*");
  });

  it("lets an editor make every call the backend makes with the user's token", () => {
    const editor = grants(find<Role>(objects, "ClusterRole", "kubeairunway-editor").rules);
    expect(difference(needs(KUBE_CALLS.filter((c) => c.as === "user")), editor)).toEqual([]);
  });

  it("lets a viewer make every read, but create and delete nothing", () => {
    const viewer = find<Role>(objects, "ClusterRole", "kubeairunway-viewer");
    // Read-only calls; a `get` inside a write flow (adopting a retried create) is the editor's.
    const reads = KUBE_CALLS.filter((c) => c.as === "user" && c.verbs.every((v) => ["get", "list", "watch"].includes(v)));
    expect(reads.length).toBeGreaterThan(0);
    expect(difference(needs(reads), grants(viewer.rules))).toEqual([]);
    expect(viewer.rules.flatMap((r) => r.verbs).filter((v) => !["get", "list", "watch"].includes(v))).toEqual([]);
  });

  it("gives viewers and editors the service proxy to exactly the kubeairunway Service", () => {
    for (const name of ["kubeairunway-viewer", "kubeairunway-editor"]) {
      const proxy = find<Role>(objects, "ClusterRole", name).rules.filter((r) => r.resources?.includes("services/proxy"));
      expect(proxy).toHaveLength(1);
      expect(proxy[0]?.verbs).toEqual(["get"]);
      expect(proxy[0]?.resourceNames).toContain("http:kubeairunway:http");
      expect(proxy[0]?.resourceNames?.every((n) => n.includes("kubeairunway"))).toBe(true);
    }
  });

  it("keeps the editor a superset of the viewer", () => {
    const viewer = grants(find<Role>(objects, "ClusterRole", "kubeairunway-viewer").rules);
    const editor = grants(find<Role>(objects, "ClusterRole", "kubeairunway-editor").rules);
    expect(difference(viewer, editor)).toEqual([]);
  });

  it("adds write access for the backend only through the opt-in installer role", () => {
    const withInstaller = renderChart(DOCUMENTED_OPTIONS["rbac.installer.enabled"]);
    const installer = grants(find<Role>(withInstaller, "ClusterRole", "kubeairunway-installer").rules);
    expect(installer.has("apiextensions.k8s.io/customresourcedefinitions:create")).toBe(true);
    expect([...grants(backendRole.rules)].filter((g) => /:(create|update|patch|delete)$/.test(g) && !/reviews:/.test(g))).toEqual([]);
  });
});
