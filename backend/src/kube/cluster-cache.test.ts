import { readFileSync } from "node:fs";
import { type SimCluster, startSimCluster } from "@kubeairunway/sim";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { eventually } from "../testing/counting-kube";
import { kubeFromFile, testApp } from "../testing/test-app";
import type { DeploymentChange, KubeClients } from "./types";

const CRDS = "/work/shared/crds";
let sim: SimCluster;
let admin: KubeClients;
let t: ReturnType<typeof testApp>;

async function create(path: string, body: object) {
  return admin.request({ method: "POST", path, body });
}

beforeAll(async () => {
  sim = await startSimCluster({ seed: "empty", speed: 0.01 });
  admin = kubeFromFile(sim.kubeconfigPath, "admin").asBackend();
  t = testApp(
    {},
    {},
    { kube: kubeFromFile(sim.kubeconfigPath, "kubeairunway"), startCache: true, cache: { installRecheckMs: 150, watchTimeoutSeconds: 5 } },
  );
  await t.deps.cache.waitForSync(5_000);
});
afterAll(async () => {
  t?.stop();
  await sim?.stop();
});

describe("cluster cache against the sim", () => {
  it("reports runtimes whose CRD is absent as not installed, and is ready (not failing, not empty-success)", async () => {
    expect(t.deps.cache.ready()).toBe(true);
    expect(t.deps.cache.notInstalled().sort()).toEqual(["dynamo", "kaito", "kuberay"]);
    const runtimes = await t.client.listRuntimes();
    expect(runtimes.items.map((r) => [r.id, r.installed])).toEqual([
      ["kaito", false],
      ["kuberay", false],
      ["dynamo", false],
    ]);
    expect(runtimes.items[0]?.message).toMatch(/Workspace CRD .* is not installed/);
    const providers = await t.client.listProviders();
    expect(providers.items[0]).toMatchObject({ id: "kaito", crd: { kind: "Workspace" }, install: { crdServed: false, installed: false } });
  });

  it("notices a CRD installed later, then caches its resources, their pods and events by deployment", async () => {
    const changes: DeploymentChange[] = [];
    const off = t.deps.cache.subscribe((c) => changes.push(c));
    await create(
      "/apis/apiextensions.k8s.io/v1/customresourcedefinitions",
      parse(readFileSync(`${CRDS}/kaito/kaito.sh_workspaces.yaml`, "utf8")),
    );
    await eventually(() => !t.deps.cache.notInstalled().includes("kaito"), 5_000, "kaito installed");
    expect(t.deps.cache.notInstalled().sort()).toEqual(["dynamo", "kuberay"]);

    await create("/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "team-a" } });
    const workspace = parse(readFileSync(`${CRDS}/kaito/examples/kaito_workspace_phi_4.yaml`, "utf8"));
    await create("/apis/kaito.sh/v1beta1/namespaces/team-a/workspaces", workspace);
    const name = workspace.metadata.name as string;
    await eventually(() => t.deps.cache.deployment("team-a", name) !== undefined, 5_000, "workspace cached");
    expect(t.deps.cache.deployment("team-a", name)?.runtime).toBe("kaito");
    expect(t.deps.cache.deployments({ namespace: "team-a" })).toHaveLength(1);
    expect(t.deps.cache.deployments({ runtime: "kuberay" })).toHaveLength(0);

    // A pod of the workspace (by the descriptor's instanceLabel) and one that belongs to no runtime.
    const pod = (n: string, labels: Record<string, string>) => ({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: n, namespace: "team-a", labels },
      spec: { containers: [{ name: "main", image: "busybox" }] },
    });
    await create("/api/v1/namespaces/team-a/pods", pod(`${name}-0`, { "kaito.sh/workspace": name }));
    await create("/api/v1/namespaces/team-a/pods", pod("unrelated", { app: "web" }));
    await eventually(() => t.deps.cache.podsOf("kaito", "team-a", name).length === 1, 5_000, "pod indexed");
    expect(t.deps.cache.pods.get("team-a", "unrelated")).toBeUndefined();

    await create("/api/v1/namespaces/team-a/events", {
      apiVersion: "v1",
      kind: "Event",
      metadata: { name: "ev1", namespace: "team-a" },
      involvedObject: { kind: "Pod", name: `${name}-0`, namespace: "team-a" },
      reason: "FailedScheduling",
      message: "0/0 nodes are available",
      type: "Warning",
      lastTimestamp: new Date().toISOString(),
    });
    await eventually(
      () => t.deps.cache.eventsOf("kaito", "team-a", name).some((e) => e.reason === "FailedScheduling"),
      5_000,
      "event indexed",
    );

    const mine = changes.filter((c) => c.name === name);
    expect(mine[0]).toMatchObject({ type: "added", runtime: "kaito", namespace: "team-a" });
    expect(mine.filter((c) => c.type === "updated").length).toBeGreaterThan(0); // pod + event changes reach the deployment
    const generation = t.deps.cache.generation();
    await admin.request({ method: "DELETE", path: `/apis/kaito.sh/v1beta1/namespaces/team-a/workspaces/${name}` });
    await eventually(() => t.deps.cache.deployment("team-a", name) === undefined, 5_000, "workspace gone");
    expect(changes.at(-1)).toMatchObject({ type: expect.stringMatching(/deleted|updated/) });
    expect(changes.some((c) => c.type === "deleted" && c.name === name)).toBe(true);
    expect(t.deps.cache.generation()).toBeGreaterThan(generation);
    off();
  });

  it("finds an operator Deployment by its labels in any namespace and reads its version", async () => {
    await create("/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "renamed-ops" } });
    await create("/apis/apps/v1/namespaces/renamed-ops/deployments", {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "not-the-default-name", namespace: "renamed-ops", labels: { "app.kubernetes.io/name": "workspace" } },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: "kaito-op" } },
        template: {
          metadata: { labels: { app: "kaito-op" } },
          spec: { containers: [{ name: "manager", image: "mcr.microsoft.com/aks/kaito/workspace:0.12.0" }] },
        },
      },
    });
    t.deps.runtimes.invalidate();
    const body = await t.client.listRuntimes();
    const kaito = body.items.find((r) => r.id === "kaito");
    expect(kaito).toMatchObject({
      crdVersions: expect.arrayContaining(["v1beta1"]),
      operator: { found: true, namespace: "renamed-ops", name: "not-the-default-name", version: "0.12.0" },
    });
    expect(kaito?.crdVersions[0]).toBe("v1beta1"); // storage version first
    // No node can run it in the empty seed: found but not available, hence not installed.
    expect(kaito).toMatchObject({ installed: false, operator: { healthy: false, availableReplicas: 0 } });
    expect(kaito?.message).toMatch(/renamed-ops\/not-the-default-name has no available replicas/);
  });

  it("is ready over HTTP only after the caches synced", async () => {
    const res = await t.app.request("/api/ready");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ready: true, caches: { kaito: true, pods: true, nodes: true, events: true } });
    const offline = testApp();
    const notReady = await offline.app.request("/api/ready");
    expect(notReady.status).toBe(503);
    expect(((await notReady.json()) as { ready: boolean }).ready).toBe(false);
  });

  it("reports a runtime as not installed again when its CRD is removed", async () => {
    await admin.request({ method: "DELETE", path: "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/workspaces.kaito.sh" });
    await eventually(() => t.deps.cache.notInstalled().includes("kaito"), 10_000, "kaito uninstalled");
    expect(t.deps.cache.runtimes.kaito.status()).toMatchObject({ installed: false, synced: true, stale: false, size: 0 });
    const kaito = (await t.client.listRuntimes()).items.find((r) => r.id === "kaito");
    expect(kaito).toMatchObject({ installed: false, crdVersions: [] });
  });
});
