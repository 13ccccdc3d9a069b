import { R, type SimCluster, startSimCluster } from "@kubeairunway/sim";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../logger";
import { countingKube, eventually, type RecordedCall } from "../testing/counting-kube";
import { kubeFromFile } from "../testing/test-app";
import { createInformer } from "./informer";
import type { CacheChange, Informer, KubeResource } from "./types";

const CONFIGMAPS = { group: "", version: "v1", plural: "configmaps", kind: "ConfigMap", namespaced: true };
const ADMIN = { username: "admin", groups: ["system:masters", "system:authenticated"] };

let sim: SimCluster;
let informer: Informer | undefined;
let namespace = "";
let counter = 0;

beforeAll(async () => {
  sim = await startSimCluster({ seed: "empty", speed: 0.01 });
});
afterAll(async () => {
  await sim?.stop();
});
afterEach(() => {
  informer?.stop();
  informer = undefined;
  sim.setFaults({});
});

/** A fresh namespace per test keeps the informers of different tests apart. */
function freshNamespace(): string {
  namespace = `inf-${++counter}`;
  sim.store.create(R.namespaces, { apiVersion: "v1", kind: "Namespace", metadata: { name: namespace } }, ADMIN);
  return namespace;
}

/** Writes straight into the sim's store, so injected HTTP faults do not stop the test's own writes. */
function createConfigMap(name: string): void {
  sim.store.create(R.configmaps, { apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace }, data: { v: name } }, ADMIN);
}

function start(watchTimeoutSeconds = 30, pageSize?: number, maxObjects?: number) {
  const { kube, calls } = countingKube(kubeFromFile(sim.kubeconfigPath, "admin"));
  const changes: CacheChange[] = [];
  const staleSeen: boolean[] = [];
  informer = createInformer<KubeResource>({
    name: "configmaps",
    resource: CONFIGMAPS,
    clients: kube.asBackend(),
    logger: createLogger({ level: "error", format: "json", write: () => undefined }),
    fieldSelector: `metadata.namespace=${namespace}`,
    watchTimeoutSeconds,
    pageSize,
    maxObjects,
  });
  const current = informer;
  current.subscribe((change) => {
    changes.push(change);
    staleSeen.push(current.status().stale);
  });
  current.start();
  return { informer: current, calls, changes, staleSeen };
}

const lists = (calls: RecordedCall[]) => calls.filter((c) => c.path.endsWith("/configmaps") && !c.query.watch);
const watches = (calls: RecordedCall[]) => calls.filter((c) => c.path.endsWith("/configmaps") && c.query.watch);
const names = (i: Informer) =>
  i
    .list(namespace)
    .map((o) => o.metadata?.name ?? "")
    .sort();

describe("informer against the sim", () => {
  it("lists once, then resumes each ended watch from the last resourceVersion without losing changes", async () => {
    freshNamespace();
    createConfigMap("before");
    const { informer, calls } = start(1);
    expect(await informer.waitForSync(5_000)).toBe(true);
    expect(names(informer)).toEqual(["before"]);
    for (const name of ["a", "b", "c"]) {
      createConfigMap(name);
      await new Promise((r) => setTimeout(r, 700));
    }
    await eventually(() => names(informer).length === 4, 5_000, "all config maps");
    await eventually(() => watches(calls).length >= 3, 5_000, "watch restarts");
    expect(lists(calls)).toHaveLength(1);
    const rvs = watches(calls).map((c) => Number(c.query.resourceVersion));
    expect(rvs.every((rv) => Number.isFinite(rv) && rv > 0)).toBe(true);
    expect(rvs.at(-1)).toBeGreaterThan(rvs[0] ?? 0);
    expect(watches(calls).every((c) => c.query.allowWatchBookmarks === true)).toBe(true);
    expect(informer.status()).toMatchObject({ synced: true, stale: false, installed: true });
  });

  it("survives watches dropped mid-stream (EOF without ERROR) without relisting", async () => {
    freshNamespace();
    const { informer, calls } = start();
    await informer.waitForSync(5_000);
    sim.setFaults({ dropWatchesAfterMs: 150 });
    for (const name of ["d1", "d2", "d3", "d4"]) {
      createConfigMap(name);
      await new Promise((r) => setTimeout(r, 250));
    }
    await eventually(() => names(informer).length === 4, 5_000, "config maps across dropped watches");
    expect(lists(calls)).toHaveLength(1);
    expect(watches(calls).length).toBeGreaterThanOrEqual(2);
  });

  it("relists on 410 Gone, emits exactly the difference, and is stale only while resyncing", async () => {
    freshNamespace();
    createConfigMap("keep");
    createConfigMap("doomed");
    const { informer, calls, changes, staleSeen } = start();
    await informer.waitForSync(5_000);
    changes.length = 0;
    sim.setFaults({ forceGone: true, dropWatchesAfterMs: 100 });
    sim.store.delete(R.configmaps, namespace, "doomed", ADMIN);
    createConfigMap("born");
    await eventually(() => lists(calls).length >= 2, 5_000, "a relist");
    sim.setFaults({});
    await eventually(() => names(informer).join() === "born,keep", 5_000, "convergence");
    const described = changes.map((c) => (c.type === "resynced" ? "resynced" : `${c.type}:${c.object.metadata?.name}`));
    expect(described).toContain("deleted:doomed");
    expect(described).toContain("added:born");
    expect(described).not.toContain("added:keep");
    expect(staleSeen).toContain(true);
    await eventually(() => !informer.status().stale, 3_000, "fresh again");
  });

  it.each([500, 429] as const)("backs off on HTTP %i, reports stale with the error, and catches up afterwards", async (errorStatus) => {
    freshNamespace();
    const { informer, calls } = start();
    await informer.waitForSync(5_000);
    sim.setFaults({ errorRate: 1, errorStatus, pathContains: "/configmaps", dropWatchesAfterMs: 50 });
    await eventually(() => informer.status().stale, 3_000, "stale during the outage");
    expect(informer.status().lastError).toMatch(/Kubernetes API/);
    expect(informer.list(namespace)).toEqual([]); // never invents content; the flag says it may lag
    const before = calls.length;
    createConfigMap("during-outage");
    await new Promise((r) => setTimeout(r, 1_200));
    // jittered exponential backoff from 250 ms: a handful of attempts, not a hot loop
    expect(calls.length - before).toBeLessThan(8);
    sim.setFaults({});
    await eventually(() => names(informer).includes("during-outage") && !informer.status().stale, 30_000, "recovery");
    expect(informer.status().lastError).toBeUndefined();
  });

  it("starts the LIST over when a continue token expires mid-way (HTTP 410)", async () => {
    freshNamespace();
    for (const name of ["p1", "p2", "p3", "p4", "p5"]) createConfigMap(name);
    sim.setFaults({ latencyMs: 120, pathContains: "/configmaps" });
    const { informer, calls } = start(30, 1);
    await eventually(() => calls.some((c) => c.query.continue), 5_000, "a second page");
    // The sim then refuses every continue token: the informer must go back to a first page.
    sim.setFaults({ forceGone: true, latencyMs: 120, pathContains: "/configmaps" });
    const fresh = () => lists(calls).filter((c) => !c.query.continue).length;
    await eventually(() => fresh() >= 2, 5_000, "a LIST started over");
    expect(informer.status()).toMatchObject({ synced: false, stale: true });
    sim.setFaults({});
    expect(await informer.waitForSync(10_000)).toBe(true);
    expect(names(informer)).toEqual(["p1", "p2", "p3", "p4", "p5"]);
  });

  it("keeps a bounded store to its most recently changed objects, listed ones looking like watched ones", async () => {
    freshNamespace();
    for (const name of ["e1", "e2", "e3"]) createConfigMap(name);
    const { informer, changes } = start(30, undefined, 3);
    await informer.waitForSync(5_000);
    expect(informer.get(namespace, "e1")).toMatchObject({ apiVersion: "v1", kind: "ConfigMap" });
    for (const name of ["e4", "e5"]) createConfigMap(name);
    await eventually(() => names(informer).includes("e5"), 5_000, "newest kept");
    expect(names(informer)).toEqual(["e3", "e4", "e5"]);
    // Listeners hear of evictions as deletions, so nothing keeps trusting an object the store dropped.
    const deleted = changes.flatMap((c) => (c.type === "deleted" ? [c.object.metadata?.name] : []));
    expect(deleted).toEqual(["e1", "e2"]);
  });
});
