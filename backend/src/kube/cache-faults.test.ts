import { readFileSync } from "node:fs";
import { type SimCluster, startSimCluster } from "@kubeairunway/sim";
import { afterAll, beforeAll, expect, it } from "vitest";
import { parse } from "yaml";
import { eventually } from "../testing/counting-kube";
import { kubeFromFile, testApp } from "../testing/test-app";
import type { DeploymentChange } from "./types";

const ADMIN = { username: "admin", groups: ["system:masters", "system:authenticated"] };
const WORKSPACES = { group: "kaito.sh", version: "v1beta1", resource: "workspaces" };
let sim: SimCluster;

beforeAll(async () => {
  sim = await startSimCluster({ seed: "empty", speed: 0.01 });
  const crd = parse(readFileSync("/work/shared/crds/kaito/kaito.sh_workspaces.yaml", "utf8"));
  await kubeFromFile(sim.kubeconfigPath, "admin")
    .asBackend()
    .request({ method: "POST", path: "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", body: crd });
  sim.store.create(R_NAMESPACES, { apiVersion: "v1", kind: "Namespace", metadata: { name: "ml" } }, ADMIN);
});
afterAll(async () => {
  await sim?.stop();
});

const R_NAMESPACES = { group: "", version: "v1", resource: "namespaces" };
const workspace = (name: string) => ({
  apiVersion: "kaito.sh/v1beta1",
  kind: "Workspace",
  metadata: { name, namespace: "ml" },
  resource: { instanceType: "Standard_NC24ads_A100_v4", labelSelector: { matchLabels: { apps: name } } },
  inference: { preset: { name: "phi-4" } },
});

it("converges to the cluster's state while 20% of requests fail and watches keep dropping", async () => {
  const t = testApp(
    {},
    {},
    { kube: kubeFromFile(sim.kubeconfigPath, "kubeairunway"), startCache: true, cache: { watchTimeoutSeconds: 5 } },
  );
  try {
    await t.deps.cache.waitForSync(5_000);
    const seen = new Map<string, DeploymentChange["type"]>();
    t.deps.cache.subscribe((c) => {
      if (c.name) seen.set(c.name, c.type);
    });
    for (const [i, errorStatus] of ([500, 429, 503] as const).entries()) {
      sim.setFaults({ errorRate: 0.2, errorStatus, dropWatchesAfterMs: 200 + i * 50 });
      for (let n = 0; n < 10; n++) {
        sim.store.create(WORKSPACES, workspace(`ws-${i}-${n}`), ADMIN);
        if (n % 3 === 0) sim.store.delete(WORKSPACES, "ml", `ws-${i}-${n}`, ADMIN);
        await new Promise((r) => setTimeout(r, 40));
      }
    }
    const truth = () =>
      sim.store
        .list(WORKSPACES, { namespace: "ml" })
        .items.map((o) => o.metadata?.name ?? "")
        .sort();
    const cached = () =>
      t.deps.cache
        .deployments({ namespace: "ml" })
        .map((d) => d.resource.metadata?.name ?? "")
        .sort();
    await eventually(() => cached().join() === truth().join(), 20_000, "the cache to match the sim under faults");
    expect(cached()).toHaveLength(18);
    // Every deleted workspace was announced as deleted, every survivor as present.
    for (const name of truth()) expect(seen.get(name)).not.toBe("deleted");
    for (const [name, type] of seen) if (!truth().includes(name)) expect(type).toBe("deleted");
  } finally {
    sim.setFaults({});
    t.stop();
  }
});
