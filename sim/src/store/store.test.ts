import { describe, expect, it } from "vitest";
import { R } from "./builtins";
import { StatusError } from "./errors";
import { ObjectStore } from "./store";
import type { Actor, KubeObject, StoreEvent } from "./types";

const admin: Actor = { username: "admin", groups: ["system:masters"] };
const flush = () => new Promise((resolve) => setTimeout(resolve, 5));

function ns(name: string): KubeObject {
  return { apiVersion: "v1", kind: "Namespace", metadata: { name } };
}

function cm(name: string, namespace = "default", labels?: Record<string, string>): KubeObject {
  return { apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace, ...(labels ? { labels } : {}) }, data: { a: "1" } };
}

function storeWithNs(...names: string[]): ObjectStore {
  const store = new ObjectStore({ speed: 0.001 });
  for (const n of ["default", ...names]) store.create(R.namespaces, ns(n), admin);
  return store;
}

function codeOf(fn: () => unknown): number | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof StatusError) return error.code;
    throw error;
  }
  return undefined;
}

describe("ObjectStore", () => {
  it("fills server fields and hands out increasing resourceVersions", () => {
    const store = storeWithNs();
    const a = store.create(R.configmaps, cm("a"), admin);
    const b = store.create(R.configmaps, cm("b"), admin);
    expect(a.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.metadata.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Number(b.metadata.resourceVersion)).toBeGreaterThan(Number(a.metadata.resourceVersion));
    expect(a.metadata.generation).toBeUndefined();
    expect(Object.isFrozen(a)).toBe(true);
  });

  it("rejects duplicates, missing namespaces and stale updates with the real codes", () => {
    const store = storeWithNs();
    const a = store.create(R.configmaps, cm("a"), admin);
    expect(codeOf(() => store.create(R.configmaps, cm("a"), admin))).toBe(409);
    expect(codeOf(() => store.create(R.configmaps, cm("x", "nope"), admin))).toBe(404);
    expect(codeOf(() => store.create(R.configmaps, cm("Bad_Name"), admin))).toBe(422);
    const updated = store.update(R.configmaps, { ...structuredClone(a), data: { a: "2" } }, admin);
    expect(updated.metadata.resourceVersion).not.toBe(a.metadata.resourceVersion);
    expect(codeOf(() => store.update(R.configmaps, { ...structuredClone(a), data: { a: "3" } }, admin))).toBe(409);
  });

  it("bumps deployment generation on spec changes only and keeps status on main updates", () => {
    const store = storeWithNs();
    const d = store.create(
      R.deployments,
      { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", namespace: "default" }, spec: { replicas: 1 } },
      admin,
    );
    expect(d.metadata.generation).toBe(1);
    const withStatus = store.updateStatus(R.deployments, { ...structuredClone(d), status: { replicas: 1 } }, admin);
    expect(withStatus.metadata.generation).toBe(1);
    const labelled = store.patch(
      R.deployments,
      "default",
      "web",
      "merge",
      { metadata: { labels: { a: "b" } }, status: { replicas: 9 } },
      admin,
    );
    expect(labelled.metadata.generation).toBe(1);
    expect(labelled["status"]).toEqual({ replicas: 1 });
    const scaled = store.patch(R.deployments, "default", "web", "json", [{ op: "replace", path: "/spec/replicas", value: 3 }], admin);
    expect(scaled.metadata.generation).toBe(2);
  });

  it("lists by label and field selectors with paging", () => {
    const store = storeWithNs("team-a");
    for (let i = 0; i < 25; i++)
      store.create(R.configmaps, cm(`cm-${String(i).padStart(2, "0")}`, i % 2 ? "team-a" : "default", { i: String(i % 3) }), admin);
    expect(store.list(R.configmaps, { namespace: "team-a" }).items).toHaveLength(12);
    expect(store.list(R.configmaps, { labelSelector: "i in (0,1)" }).items).toHaveLength(17);
    expect(store.list(R.configmaps, { labelSelector: "i!=0", fieldSelector: "metadata.namespace=default" }).items).toHaveLength(8);
    const names: string[] = [];
    let page = store.list(R.configmaps, { limit: 10 });
    names.push(...page.items.map((o) => o.metadata.name));
    expect(page.remainingItemCount).toBe(15);
    while (page.continue) {
      page = store.list(R.configmaps, { limit: 10, continue: page.continue });
      names.push(...page.items.map((o) => o.metadata.name));
    }
    expect(names).toHaveLength(25);
    expect(new Set(names).size).toBe(25);
    expect(codeOf(() => store.list(R.configmaps, { fieldSelector: "spec.foo=1" }))).toBe(400);
  });

  it("emits events and resumes from a resourceVersion, 410 once compacted", () => {
    const store = new ObjectStore({ historySize: 3 });
    const seen: StoreEvent[] = [];
    store.subscribe((e) => seen.push(e));
    store.create(R.namespaces, ns("default"), admin);
    const a = store.create(R.configmaps, cm("a"), admin);
    store.create(R.configmaps, cm("b"), admin);
    expect(seen.map((e) => e.type)).toEqual(["ADDED", "ADDED", "ADDED"]);
    expect(store.eventsSince(Number(a.metadata.resourceVersion)).map((e) => e.object.metadata.name)).toEqual(["b"]);
    store.create(R.configmaps, cm("c"), admin);
    store.create(R.configmaps, cm("d"), admin);
    expect(codeOf(() => store.eventsSince(1))).toBe(410);
  });

  it("deletes pods gracefully and cascades to dependents", async () => {
    const store = storeWithNs();
    const owner = store.create(
      R.deployments,
      { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", namespace: "default" }, spec: {} },
      admin,
    );
    const ownerRef = { apiVersion: "apps/v1", kind: "Deployment", name: "web", uid: owner.metadata.uid as string, controller: true };
    store.create(
      R.pods,
      {
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name: "web-1", namespace: "default", ownerReferences: [ownerRef] },
        spec: { nodeName: "n1", containers: [{ name: "c", image: "x" }] },
      },
      admin,
    );
    store.create(
      R.configmaps,
      { ...cm("web-cfg"), metadata: { name: "web-cfg", namespace: "default", ownerReferences: [ownerRef] } },
      admin,
    );
    const result = store.delete(R.deployments, "default", "web", admin);
    expect(result.removed).toBe(true);
    await flush();
    expect(store.get(R.configmaps, "default", "web-cfg")).toBeUndefined();
    const pod = store.get(R.pods, "default", "web-1");
    expect(pod?.metadata.deletionTimestamp).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(store.get(R.pods, "default", "web-1")).toBeUndefined();
  });

  it("serves a CRD's resources as soon as it is created", () => {
    const store = storeWithNs();
    store.create(
      R.customresourcedefinitions,
      {
        apiVersion: "apiextensions.k8s.io/v1",
        kind: "CustomResourceDefinition",
        metadata: { name: "widgets.example.com" },
        spec: {
          group: "example.com",
          scope: "Namespaced",
          names: { plural: "widgets", kind: "Widget" },
          versions: [
            {
              name: "v1",
              served: true,
              storage: true,
              subresources: { status: {} },
              schema: {
                openAPIV3Schema: {
                  type: "object",
                  properties: { spec: { type: "object", required: ["size"], properties: { size: { type: "integer", minimum: 1 } } } },
                },
              },
            },
          ],
        },
      },
      admin,
    );
    const type = { group: "example.com", version: "v1", resource: "widgets" };
    const w = store.create(
      type,
      { apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w", namespace: "default" }, spec: { size: 2, junk: 1 } },
      admin,
    );
    expect(w["spec"]).toEqual({ size: 2 });
    expect(w.metadata.generation).toBe(1);
    expect(
      codeOf(() =>
        store.create(
          type,
          { apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "z", namespace: "default" }, spec: { size: 0 } },
          admin,
        ),
      ),
    ).toBe(422);
  });

  it("lists 5,000 objects in one namespace quickly", () => {
    const store = storeWithNs();
    for (let i = 0; i < 5000; i++) store.create(R.configmaps, cm(`cm-${i}`), admin);
    const started = performance.now();
    for (let i = 0; i < 20; i++) expect(store.list(R.configmaps, { namespace: "default" }).items).toHaveLength(5000);
    expect((performance.now() - started) / 20).toBeLessThan(50);
  });
});
