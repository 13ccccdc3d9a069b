import { PatchStrategy, setHeaderOptions, type V1ConfigMap, type V1Pod } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, startTestCluster, statusOf, type TestCluster } from "./testing";

let t: TestCluster;
beforeAll(async () => {
  t = await startTestCluster({ controllers: false });
  await t.core().createNamespace({ body: { metadata: { name: "team-a" } } });
});
afterAll(() => t.stop());

const cm = (name: string, labels?: Record<string, string>): V1ConfigMap => ({
  metadata: { name, ...(labels ? { labels } : {}) },
  data: { k: "v" },
});

describe("CRUD over HTTP with client-node", () => {
  it("creates, reads, replaces and deletes with server-filled metadata", async () => {
    const core = t.core();
    const created = await core.createNamespacedConfigMap({ namespace: "team-a", body: cm("crud-a") });
    expect(created.metadata?.uid).toBeTruthy();
    expect(created.metadata?.namespace).toBe("team-a");
    const read = await core.readNamespacedConfigMap({ name: "crud-a", namespace: "team-a" });
    expect(read.data).toEqual({ k: "v" });
    const replaced = await core.replaceNamespacedConfigMap({ name: "crud-a", namespace: "team-a", body: { ...read, data: { k: "w" } } });
    expect(Number(replaced.metadata?.resourceVersion)).toBeGreaterThan(Number(read.metadata?.resourceVersion));
    const stale = await statusOf(() =>
      core.replaceNamespacedConfigMap({ name: "crud-a", namespace: "team-a", body: { ...read, data: { k: "x" } } }),
    );
    expect(stale?.code).toBe(409);
    expect(stale?.body["reason"]).toBe("Conflict");
    expect(stale?.body["message"]).toBe(
      'Operation cannot be fulfilled on configmaps "crud-a": the object has been modified; please apply your changes to the latest version and try again',
    );
    await core.deleteNamespacedConfigMap({ name: "crud-a", namespace: "team-a" });
    const gone = await statusOf(() => core.readNamespacedConfigMap({ name: "crud-a", namespace: "team-a" }));
    expect(gone?.code).toBe(404);
    expect(gone?.body).toMatchObject({
      kind: "Status",
      reason: "NotFound",
      message: 'configmaps "crud-a" not found',
      details: { name: "crud-a", kind: "configmaps" },
    });
  });

  it("answers AlreadyExists, missing namespace and Invalid names with real Status objects", async () => {
    const core = t.core();
    await core.createNamespacedConfigMap({ namespace: "team-a", body: cm("dup") });
    const dup = await statusOf(() => core.createNamespacedConfigMap({ namespace: "team-a", body: cm("dup") }));
    expect(dup).toMatchObject({ code: 409, body: { reason: "AlreadyExists", message: 'configmaps "dup" already exists' } });
    const noNs = await statusOf(() => core.createNamespacedConfigMap({ namespace: "nope", body: cm("x") }));
    expect(noNs).toMatchObject({ code: 404, body: { message: 'namespaces "nope" not found' } });
    const bad = await statusOf(() => core.createNamespacedConfigMap({ namespace: "team-a", body: cm("Bad_Name") }));
    expect(bad?.code).toBe(422);
    expect(bad?.body["details"]).toMatchObject({ causes: [{ field: "metadata.name", reason: "FieldValueInvalid" }] });
  });

  it("does nothing on dryRun=All but answers as if it did", async () => {
    const core = t.core();
    const dry = await core.createNamespacedConfigMap({ namespace: "team-a", body: cm("dry"), dryRun: "All" });
    expect(dry.metadata?.name).toBe("dry");
    expect(await statusOf(() => core.readNamespacedConfigMap({ name: "dry", namespace: "team-a" }))).toMatchObject({ code: 404 });
    const bad = await statusOf(() => core.createNamespacedConfigMap({ namespace: "team-a", body: cm("dry"), dryRun: "Some" }));
    expect(bad?.code).toBe(422);
  });

  it("patches with JSON patch, merge patch and strategic merge", async () => {
    const core = t.core();
    await core.createNamespacedConfigMap({ namespace: "team-a", body: cm("patchy") });
    const json = await core.patchNamespacedConfigMap({
      name: "patchy",
      namespace: "team-a",
      body: [{ op: "add", path: "/data/j", value: "1" }],
    });
    expect(json.data).toEqual({ k: "v", j: "1" });
    const merged = await core.patchNamespacedConfigMap(
      { name: "patchy", namespace: "team-a", body: { data: { k: null, m: "2" } } },
      setHeaderOptions("Content-Type", PatchStrategy.MergePatch),
    );
    expect(merged.data).toEqual({ j: "1", m: "2" });
    const smp = await t
      .objects()
      .patch({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "patchy", namespace: "team-a", labels: { s: "1" } } });
    expect(smp.metadata?.labels).toEqual({ s: "1" });
    const failing = await statusOf(() =>
      core.patchNamespacedConfigMap({ name: "patchy", namespace: "team-a", body: [{ op: "test", path: "/data/j", value: "no" }] }),
    );
    expect(failing?.code).toBe(422);
  });

  it("filters by label and field selectors and pages with limit/continue", async () => {
    const core = t.core();
    for (let i = 0; i < 12; i++)
      await core.createNamespacedConfigMap({
        namespace: "team-a",
        body: cm(`sel-${i}`, { tier: i % 3 === 0 ? "db" : "web", idx: String(i) }),
      });
    const web = await core.listNamespacedConfigMap({ namespace: "team-a", labelSelector: "tier=web" });
    expect(web.items).toHaveLength(8);
    expect((await core.listNamespacedConfigMap({ namespace: "team-a", labelSelector: "tier in (db),idx!=0" })).items).toHaveLength(3);
    expect(
      (await core.listNamespacedConfigMap({ namespace: "team-a", labelSelector: "!tier" })).items.every(
        (i) => !i.metadata?.labels?.["tier"],
      ),
    ).toBe(true);
    expect(
      (await core.listNamespacedConfigMap({ namespace: "team-a", fieldSelector: "metadata.name=sel-3" })).items.map(
        (i) => i.metadata?.name,
      ),
    ).toEqual(["sel-3"]);
    const badField = await statusOf(() => core.listNamespacedConfigMap({ namespace: "team-a", fieldSelector: "spec.x=1" }));
    expect(badField).toMatchObject({
      code: 400,
      body: { message: '"spec.x" is not a known field selector: only "metadata.name", "metadata.namespace"' },
    });
    const names: string[] = [];
    let page = await core.listNamespacedConfigMap({ namespace: "team-a", labelSelector: "tier", limit: 5 });
    const firstRv = page.metadata?.resourceVersion;
    names.push(...page.items.map((i) => i.metadata?.name as string));
    while (page.metadata?._continue) {
      page = await core.listNamespacedConfigMap({
        namespace: "team-a",
        labelSelector: "tier",
        limit: 5,
        _continue: page.metadata._continue,
      });
      expect(page.metadata?.resourceVersion).toBe(firstRv);
      names.push(...page.items.map((i) => i.metadata?.name as string));
    }
    expect(names.sort()).toEqual(Array.from({ length: 12 }, (_, i) => `sel-${i}`).sort());
    const garbage = await statusOf(() => core.listNamespacedConfigMap({ namespace: "team-a", limit: 5, _continue: "garbage" }));
    expect(garbage?.code).toBe(400);
  });

  it("deletes dependents by ownerReferences and pods gracefully", async () => {
    const core = t.core();
    const owner = await core.createNamespacedConfigMap({ namespace: "team-a", body: cm("owner") });
    const ref = { apiVersion: "v1", kind: "ConfigMap", name: "owner", uid: owner.metadata?.uid as string };
    await core.createNamespacedConfigMap({ namespace: "team-a", body: { metadata: { name: "child", ownerReferences: [ref] } } });
    const pod: V1Pod = {
      metadata: { name: "graceful", ownerReferences: [ref] },
      spec: { nodeName: "n1", terminationGracePeriodSeconds: 1, containers: [{ name: "c", image: "x" }] },
    };
    await core.createNamespacedPod({ namespace: "team-a", body: pod });
    await core.deleteNamespacedConfigMap({ name: "owner", namespace: "team-a" });
    await eventually(
      async () => (await statusOf(() => core.readNamespacedConfigMap({ name: "child", namespace: "team-a" })))?.code === 404,
    );
    const terminating = await core.readNamespacedPod({ name: "graceful", namespace: "team-a" });
    expect(terminating.metadata?.deletionTimestamp).toBeTruthy();
    await eventually(async () => (await statusOf(() => core.readNamespacedPod({ name: "graceful", namespace: "team-a" })))?.code === 404);
  });

  it("orphans dependents on propagationPolicy=Orphan", async () => {
    const core = t.core();
    const owner = await core.createNamespacedConfigMap({ namespace: "team-a", body: cm("orphaner") });
    const ref = { apiVersion: "v1", kind: "ConfigMap", name: "orphaner", uid: owner.metadata?.uid as string };
    await core.createNamespacedConfigMap({ namespace: "team-a", body: { metadata: { name: "orphan", ownerReferences: [ref] } } });
    await core.deleteNamespacedConfigMap({ name: "orphaner", namespace: "team-a", propagationPolicy: "Orphan" });
    await new Promise((r) => setTimeout(r, 30));
    const orphan = await core.readNamespacedConfigMap({ name: "orphan", namespace: "team-a" });
    expect(orphan.metadata?.ownerReferences).toBeUndefined();
  });
});
