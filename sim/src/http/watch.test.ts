import { ADD, DELETE, makeInformer, UPDATE, type V1ConfigMap, Watch } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, startTestCluster, type TestCluster } from "./testing";

let t: TestCluster;
beforeAll(async () => {
  t = await startTestCluster({ historySize: 50, controllers: false });
});
afterAll(() => t.stop());

const cm = (name: string, data = "1"): V1ConfigMap => ({ metadata: { name, labels: { w: "yes" } }, data: { d: data } });

interface Seen {
  type: string;
  name?: string;
  rv?: string;
  code?: number;
}

function watchInto(
  path: string,
  params: Record<string, string | number | boolean>,
  seen: Seen[],
): Promise<{ controller: AbortController; done: Promise<unknown> }> {
  let finish: (err: unknown) => void = () => {};
  const done = new Promise((resolve) => {
    finish = resolve;
  });
  return new Watch(t.kc())
    .watch(
      path,
      params,
      (type, obj) => seen.push({ type, name: obj?.metadata?.name, rv: obj?.metadata?.resourceVersion, code: obj?.code }),
      (err) => finish(err ?? "closed"),
    )
    .then((controller) => ({ controller, done }));
}

describe("watch", () => {
  it("streams ADDED, MODIFIED, DELETED from the list's resourceVersion", async () => {
    const core = t.core();
    const list = await core.listNamespacedConfigMap({ namespace: "default" });
    const seen: Seen[] = [];
    const { controller } = await watchInto(
      "/api/v1/namespaces/default/configmaps",
      { resourceVersion: list.metadata?.resourceVersion as string },
      seen,
    );
    await core.createNamespacedConfigMap({ namespace: "default", body: cm("w1") });
    await core.patchNamespacedConfigMap({ name: "w1", namespace: "default", body: [{ op: "replace", path: "/data/d", value: "2" }] });
    await core.deleteNamespacedConfigMap({ name: "w1", namespace: "default" });
    await eventually(() => seen.length >= 3);
    controller.abort();
    expect(seen.map((s) => `${s.type}:${s.name}`)).toEqual(["ADDED:w1", "MODIFIED:w1", "DELETED:w1"]);
    expect(Number(seen[2]?.rv)).toBeGreaterThan(Number(seen[1]?.rv));
  });

  it("resumes from an older resourceVersion and replays what was missed", async () => {
    const core = t.core();
    const a = await core.createNamespacedConfigMap({ namespace: "default", body: cm("r1") });
    await core.createNamespacedConfigMap({ namespace: "default", body: cm("r2") });
    const seen: Seen[] = [];
    const { controller } = await watchInto(
      "/api/v1/namespaces/default/configmaps",
      { resourceVersion: a.metadata?.resourceVersion as string },
      seen,
    );
    await eventually(() => seen.length >= 1);
    controller.abort();
    expect(seen.map((s) => s.name)).toEqual(["r2"]);
  });

  it("sends a 410 ERROR event and closes when the resourceVersion is too old", async () => {
    const core = t.core();
    for (let i = 0; i < 60; i++) await core.createNamespacedConfigMap({ namespace: "default", body: cm(`old-${i}`) });
    const seen: Seen[] = [];
    const { done } = await watchInto("/api/v1/namespaces/default/configmaps", { resourceVersion: "1" }, seen);
    await done;
    expect(seen).toEqual([{ type: "ERROR", code: 410, name: undefined, rv: undefined }]);
  });

  it("applies selectors as transitions and ends cleanly at timeoutSeconds with a bookmark", async () => {
    const core = t.core();
    await core.createNamespacedConfigMap({ namespace: "default", body: { metadata: { name: "flip", labels: { w: "no" } } } });
    const seen: Seen[] = [];
    const started = Date.now();
    const { done } = await watchInto(
      "/api/v1/namespaces/default/configmaps",
      { labelSelector: "w=yes", allowWatchBookmarks: true, timeoutSeconds: 1, resourceVersion: String(t.cluster.store.resourceVersion) },
      seen,
    );
    await core.patchNamespacedConfigMap({
      name: "flip",
      namespace: "default",
      body: [{ op: "replace", path: "/metadata/labels/w", value: "yes" }],
    });
    await core.patchNamespacedConfigMap({
      name: "flip",
      namespace: "default",
      body: [{ op: "replace", path: "/metadata/labels/w", value: "no" }],
    });
    await done;
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(seen.map((s) => s.type)).toEqual(["ADDED", "DELETED", "BOOKMARK"]);
  });

  it("keeps an informer's cache in step (add, update, delete)", async () => {
    const core = t.core();
    const informer = makeInformer(t.kc(), "/api/v1/namespaces/team-x/configmaps", () =>
      core.listNamespacedConfigMap({ namespace: "team-x" }),
    );
    await core.createNamespace({ body: { metadata: { name: "team-x" } } });
    const events: string[] = [];
    informer.on(ADD, (o) => events.push(`add:${o.metadata?.name}`));
    informer.on(UPDATE, (o) => events.push(`update:${o.metadata?.name}`));
    informer.on(DELETE, (o) => events.push(`delete:${o.metadata?.name}`));
    await core.createNamespacedConfigMap({ namespace: "team-x", body: cm("pre") });
    await informer.start();
    await core.createNamespacedConfigMap({ namespace: "team-x", body: cm("inf") });
    await core.patchNamespacedConfigMap({ name: "inf", namespace: "team-x", body: [{ op: "replace", path: "/data/d", value: "9" }] });
    await core.deleteNamespacedConfigMap({ name: "pre", namespace: "team-x" });
    await eventually(() => events.length >= 4);
    await informer.stop();
    expect(events).toEqual(["add:pre", "add:inf", "update:inf", "delete:pre"]);
    expect(informer.list("team-x").map((o) => o.metadata?.name)).toEqual(["inf"]);
  });

  it("drops watch streams and forces 410s on demand (faults)", async () => {
    const seen: Seen[] = [];
    const { done } = await watchInto(
      "/api/v1/namespaces/default/configmaps",
      { resourceVersion: String(t.cluster.store.resourceVersion) },
      seen,
    );
    const dropped = await t.request("admin", "/sim/v1/faults/drop-watches", { method: "POST" });
    expect(((await dropped.json()) as { dropped: number }).dropped).toBeGreaterThanOrEqual(1);
    expect(await done).toBe("closed");
    const rv = String(t.cluster.store.resourceVersion);
    await t.core().createNamespacedConfigMap({ namespace: "default", body: cm("after-gone") });
    t.cluster.setFaults({ forceGone: true });
    const gone: Seen[] = [];
    await (await watchInto("/api/v1/namespaces/default/configmaps", { resourceVersion: rv }, gone)).done;
    t.cluster.setFaults({});
    expect(gone.map((s) => s.code)).toEqual([410]);
  });

  it("cuts streams after dropWatchesAfterMs, and an informer relists after a forced 410", async () => {
    t.cluster.setFaults({ dropWatchesAfterMs: 100 });
    const started = Date.now();
    const { done } = await watchInto(
      "/api/v1/namespaces/default/configmaps",
      { resourceVersion: String(t.cluster.store.resourceVersion) },
      [],
    );
    expect(await done).toBe("closed");
    expect(Date.now() - started).toBeLessThan(1500);
    t.cluster.setFaults({});

    const core = t.core();
    await core.createNamespace({ body: { metadata: { name: "relist" } } });
    let lists = 0;
    const informer = makeInformer(t.kc(), "/api/v1/namespaces/relist/configmaps", () => {
      lists++;
      return core.listNamespacedConfigMap({ namespace: "relist" });
    });
    await core.createNamespacedConfigMap({ namespace: "relist", body: cm("stays") });
    await informer.start();
    // A write elsewhere moves the cluster past the informer's resourceVersion; with forceGone its
    // reconnect gets an ERROR 410, and only a fresh LIST brings it back.
    t.cluster.setFaults({ forceGone: true });
    await core.createNamespacedConfigMap({ namespace: "default", body: cm("elsewhere") });
    await t.request("admin", "/sim/v1/faults/drop-watches", { method: "POST" });
    await eventually(() => lists === 2, 5000);
    t.cluster.setFaults({});
    expect(informer.list("relist").map((o) => o.metadata?.name)).toEqual(["stays"]);
    await informer.stop();
  });
});
