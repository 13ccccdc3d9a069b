import { explainPending } from "@kubeairunway/shared/providers/explain";
import { conditionsOf } from "@kubeairunway/shared/providers/kube-read";
import { renderManifests } from "@kubeairunway/shared/providers/registry";
import { DeploymentConfig } from "@kubeairunway/shared/schemas/deployment-config";
import { type SimCluster, startSimCluster } from "@kubeairunway/sim";
import { installRuntimeCrds } from "@kubeairunway/sim/seeds/crds";
import { DEMO_DEPLOYMENTS } from "@kubeairunway/sim/seeds/demo";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBackendClient } from "../backend/client";
import { connectionProblem } from "../backend/proxy-fetch";
import { simRequest } from "../testing/sim-request";
import { createManifests, renderDeployment } from "./create";
import { listDeployments } from "./deployments";
import { getDeployment } from "./detail";
import { servedRuntimes } from "./installed";
import { deleteDeployment } from "./remove";
import { KubeCallError, type KubeRequest } from "./request";

async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const DEMO_TEAM_A = DEMO_DEPLOYMENTS.filter((d) => d.config.namespace === "team-a")
  .map((d) => d.config.name)
  .sort();
/** The wizard-shaped demo deployments plus the seed's one broken-image deployment. */
const DEMO_ALL = DEMO_DEPLOYMENTS.length + 1;

describe("the plugin's data layer, as Headlamp's ApiProxy bound to the simulated cluster", () => {
  let sim: SimCluster;
  let admin: KubeRequest;
  let alice: KubeRequest;

  beforeAll(async () => {
    sim = await startSimCluster({ seed: "demo", speed: 0.01 });
    admin = simRequest(sim.url, sim.tokens.admin);
    alice = simRequest(sim.url, sim.tokens.alice);
  }, 60_000);
  afterAll(() => sim?.stop());

  it("lists exactly what alice may see: team-a's deployments, and a forbidden error (not an empty list) elsewhere", async () => {
    const own = await listDeployments(alice, { namespaces: ["team-a"] });
    expect(own.errors).toEqual([]);
    expect(own.items.map((d) => d.name).sort()).toEqual(DEMO_TEAM_A);
    expect(own.items.every((d) => d.namespace === "team-a")).toBe(true);

    const wider = await listDeployments(alice, { namespaces: ["team-a", "team-b"] });
    expect(wider.items.map((d) => d.name).sort()).toEqual(DEMO_TEAM_A);
    expect(wider.errors.map((e) => e.code)).toEqual(["forbidden", "forbidden", "forbidden"]);
    expect(wider.errors[0]?.message).toContain('User "alice" cannot list');

    const clusterWide = await listDeployments(alice);
    expect(clusterWide.items).toEqual([]);
    expect(clusterWide.errors).toHaveLength(3);

    const everything = await listDeployments(admin);
    expect(everything.items).toHaveLength(DEMO_ALL);
    expect(new Set(everything.items.map((d) => d.namespace))).toEqual(new Set(["team-a", "team-b", "default"]));
  });

  it("creates as alice exactly the shared core's manifests, and the audit log names alice", async () => {
    const input = {
      runtime: "kaito",
      engine: "vllm",
      name: "plugin-phi",
      namespace: "team-a",
      model: "microsoft/Phi-4-mini-instruct",
      engineArgs: ["--max-num-seqs=8"],
      nodeSelector: { "cloud.google.com/gke-nodepool": "l4-pool" },
    };
    const rendered = renderDeployment(input);
    if (!rendered.ok) throw new Error(JSON.stringify(rendered.issues));
    expect(rendered.manifests).toEqual(renderManifests(DeploymentConfig.parse(input)));
    await createManifests(alice, rendered.manifests);

    const [configMap, workspace] = rendered.manifests;
    const storedCm = await admin(`/api/v1/namespaces/team-a/configmaps/${configMap?.metadata.name}`);
    expect(storedCm.data).toEqual(configMap?.data);
    const storedWs = await admin("/apis/kaito.sh/v1beta1/namespaces/team-a/workspaces/plugin-phi");
    // The CRD's defaults (e.g. preset.accessMode) are added by the apiserver; ours must all be there.
    expect(storedWs.inference).toMatchObject(workspace?.inference as object);
    expect(storedWs.resource).toMatchObject(workspace?.resource as object);
    expect(storedWs.metadata.labels).toMatchObject(workspace?.metadata.labels as object);

    const audit = await admin("/sim/v1/audit?user=alice&verb=create&namespace=team-a");
    const created = audit.items.map((e: { resource: string; name?: string; code: number }) => `${e.resource}/${e.name}:${e.code}`);
    expect(created).toEqual(expect.arrayContaining(["configmaps/plugin-phi-inference-config:201", "workspaces/plugin-phi:201"]));

    const listed = await listDeployments(alice, { namespaces: ["team-a"] });
    expect(listed.items.find((d) => d.name === "plugin-phi")).toMatchObject({ runtime: "kaito", model: "microsoft/Phi-4-mini-instruct" });
  });

  it("refuses alice's create in team-b with the apiserver's message, leaving nothing behind", async () => {
    const rendered = renderDeployment({
      runtime: "kaito",
      engine: "vllm",
      name: "sneaky",
      namespace: "team-b",
      model: "phi-4",
      engineArgs: ["--max-num-seqs=8"],
    });
    if (!rendered.ok) throw new Error("render failed");
    const err = await createManifests(alice, rendered.manifests).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KubeCallError);
    expect(err).toMatchObject({ status: 403 });
    expect((err as Error).message).toContain('User "alice" cannot create resource "configmaps"');
    await expect(admin("/api/v1/namespaces/team-b/configmaps/sneaky-inference-config")).rejects.toMatchObject({ status: 404 });
  });

  it("deletes as alice and the cluster cascades: the resource, our ConfigMap and the operator's pods go", async () => {
    const selector = encodeURIComponent("kaito.sh/workspace=plugin-phi");
    await eventually(
      async () => ((await admin(`/api/v1/namespaces/team-a/pods?labelSelector=${selector}`)).items.length > 0 ? true : undefined),
      "pods",
    );
    await deleteDeployment(alice, "kaito", "team-a", "plugin-phi");
    await eventually(async () => {
      const pods = (await admin(`/api/v1/namespaces/team-a/pods?labelSelector=${selector}`)).items;
      const ws = await admin("/apis/kaito.sh/v1beta1/namespaces/team-a/workspaces/plugin-phi").catch((e: { status?: number }) => e.status);
      const cm = await admin("/api/v1/namespaces/team-a/configmaps/plugin-phi-inference-config").catch(
        (e: { status?: number }) => e.status,
      );
      return pods.length === 0 && ws === 404 && cm === 404 ? true : undefined;
    }, "the cascade");
    const audit = await admin("/sim/v1/audit?user=alice&verb=delete&namespace=team-a");
    expect(audit.items.map((e: { resource: string }) => e.resource)).toEqual(expect.arrayContaining(["workspaces", "configmaps"]));
  });

  it("explains a pending deployment exactly as the shared explainPending does on its own pods and events", async () => {
    // DeepSeek-R1 asks for 16 GPUs per pod: the scheduler cannot place it anywhere.
    const view = await eventually(async () => {
      const v = await getDeployment(admin, "dynamo", "team-b", "deepseek-r1");
      return v.pending.some((p) => p.kind === "insufficient-gpu") ? v : undefined;
    }, "a scheduling explanation");
    expect(view.status.phase).not.toBe("Running");
    const resource = await admin("/apis/nvidia.com/v1alpha1/namespaces/team-b/dynamographdeployments/deepseek-r1");
    const selector = encodeURIComponent("nvidia.com/dynamo-graph-deployment-name=deepseek-r1");
    const pods = (await admin(`/api/v1/namespaces/team-b/pods?labelSelector=${selector}`)).items;
    expect(pods.length).toBeGreaterThan(0);
    const names = [resource.metadata.name, ...pods.map((p: { metadata: { name: string } }) => p.metadata.name)];
    const events = [];
    for (const name of names) {
      const field = encodeURIComponent(`involvedObject.name=${name}`);
      events.push(...(await admin(`/api/v1/namespaces/team-b/events?fieldSelector=${field}`)).items);
    }
    expect(view.pending).toEqual(explainPending(pods, events, conditionsOf(resource)));
  });

  it("tells a missing backend Service (404) from one with no ready endpoints (503), as the apiserver answers them", async () => {
    const missing = createBackendClient(alice, {
      kind: "service",
      namespace: "team-a",
      service: "kubeairunway",
      port: "http",
      source: "manual",
    });
    expect(connectionProblem(await missing.version().catch((e: unknown) => e))).toBe("service-missing");

    await admin("/api/v1/namespaces/team-a/services", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        apiVersion: "v1",
        kind: "Service",
        metadata: { name: "kubeairunway", namespace: "team-a", labels: { "app.kubernetes.io/name": "kubeairunway" } },
        spec: { selector: { app: "nothing-runs-here" }, ports: [{ name: "http", port: 3001 }] },
      }),
    });
    const err = await missing.version().catch((e: unknown) => e);
    expect(connectionProblem(err)).toBe("no-endpoints");
    expect((err as Error).message).toContain("no endpoints available");
  });
});

describe("a cluster with only KAITO installed", () => {
  let sim: SimCluster;
  beforeAll(async () => {
    sim = await startSimCluster({ speed: 0.01 });
    await installRuntimeCrds(sim.store, ["kaito"], { username: "admin", groups: ["system:masters", "system:authenticated"] });
  }, 60_000);
  afterAll(() => sim?.stop());

  it("shows KubeRay and Dynamo as not installed, with no error and no rows", async () => {
    const listing = await listDeployments(simRequest(sim.url, sim.tokens.admin));
    expect(listing).toEqual({ items: [], notInstalled: ["dynamo", "kuberay"], errors: [] });
  });

  it("tells the wizard, from API discovery as a plain user, that only KAITO can be chosen", async () => {
    expect(await servedRuntimes(simRequest(sim.url, sim.tokens.bob))).toEqual({ kaito: true, kuberay: false, dynamo: false });
  });
});
