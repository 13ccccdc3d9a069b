import { type SimCluster, startSimCluster } from "@kubeairunway/sim";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../testing/counting-kube";
import { kubeFromFile, testApp } from "../testing/test-app";

let sim: SimCluster;

beforeAll(async () => {
  sim = await startSimCluster({ seed: "demo", speed: 0.01 });
});
afterAll(async () => {
  await sim?.stop();
});

describe("system, provider and runtime routes on the demo seed", () => {
  it("whoami in AUTH_MODE=none names the kubeconfig identity (SelfSubjectReview)", async () => {
    for (const [context, username] of [
      ["admin", "admin"],
      ["bob", "bob"],
    ] as const) {
      const t = testApp({}, {}, { kube: kubeFromFile(sim.kubeconfigPath, context) });
      expect(await t.client.whoami()).toMatchObject({ authMode: "none", authenticated: true, username });
    }
  });

  it("reports every runtime of the demo installed, with operator versions and CRD versions, once operators are up", async () => {
    const t = testApp({}, {}, { kube: kubeFromFile(sim.kubeconfigPath, "kubeairunway") });
    await eventually(
      async () => {
        t.deps.runtimes.invalidate();
        return (await t.client.listRuntimes()).items.every((r) => r.installed);
      },
      15_000,
      "operators available",
    );
    const { items } = await t.client.listRuntimes();
    expect(items.map((r) => [r.id, r.operator.version, r.crdVersions[0]])).toEqual([
      ["kaito", "0.12.0", "v1beta1"],
      ["kuberay", "1.7.0", "v1"],
      ["dynamo", "1.1.0", "v1alpha1"],
    ]);
    for (const r of items) expect(r.operator).toMatchObject({ found: true, healthy: true });
    const providers = await t.client.listProviders();
    expect(providers.items.map((p) => p.install)).toEqual(Array(3).fill({ crdServed: true, operatorAvailable: true, installed: true }));
    expect(providers.items[0]).toMatchObject({ id: "kaito", instanceLabel: "kaito.sh/workspace", engines: ["vllm", "llamacpp"] });
  });

  it("serves providers to anonymous callers only when anonymous cluster reads are allowed", async () => {
    const kube = kubeFromFile(sim.kubeconfigPath, "kubeairunway");
    const closed = testApp({}, { AUTH_MODE: "kubernetes" }, { kube });
    const open = testApp({}, { AUTH_MODE: "kubernetes", AUTH_ALLOW_ANONYMOUS_CLUSTER_READS: "true" }, { kube });
    expect((await closed.app.request("/api/providers")).status).toBe(401);
    expect((await open.app.request("/api/providers")).status).toBe(200);
  });
});
