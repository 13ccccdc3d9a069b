import { readFileSync } from "node:fs";
import type { DeploymentSummary } from "@kubeairunway/shared";
import { type SimCluster, startSimCluster } from "@kubeairunway/sim";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { KubeClients } from "../../kube/types";
import { eventually } from "../../testing/counting-kube";
import { kubeFromFile, testApp } from "../../testing/test-app";

const CRDS = "/work/shared/crds";
let sim: SimCluster;
let admin: KubeClients;
let t: ReturnType<typeof testApp>;

const create = (path: string, body: object) => admin.request({ method: "POST", path, body });

beforeAll(async () => {
  // No operator runs in the empty seed: the Workspace keeps no status, so only its events explain it.
  sim = await startSimCluster({ seed: "empty", speed: 0.01 });
  admin = kubeFromFile(sim.kubeconfigPath, "admin").asBackend();
  t = testApp(
    {},
    {},
    { kube: kubeFromFile(sim.kubeconfigPath, "kubeairunway"), startCache: true, cache: { installRecheckMs: 150, watchTimeoutSeconds: 5 } },
  );
  await t.deps.cache.waitForSync(5_000);
  await create(
    "/apis/apiextensions.k8s.io/v1/customresourcedefinitions",
    parse(readFileSync(`${CRDS}/kaito/kaito.sh_workspaces.yaml`, "utf8")),
  );
  await eventually(() => !t.deps.cache.notInstalled().includes("kaito"), 5_000, "kaito installed");
  await create("/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "team-a" } });
});
afterAll(async () => {
  t?.stop();
  await sim?.stop();
});

describe("deployment index", () => {
  it("summarizes with the deployment's events: the list row explains what the detail view explains", async () => {
    const workspace = parse(readFileSync(`${CRDS}/kaito/examples/kaito_workspace_phi_4.yaml`, "utf8"));
    const name = workspace.metadata.name as string;
    await create("/apis/kaito.sh/v1beta1/namespaces/team-a/workspaces", workspace);
    await create("/api/v1/namespaces/team-a/events", {
      apiVersion: "v1",
      kind: "Event",
      metadata: { name: `${name}.quota`, namespace: "team-a" },
      involvedObject: { apiVersion: "kaito.sh/v1beta1", kind: "Workspace", name, namespace: "team-a" },
      reason: "FailedCreate",
      message: `pods "${name}-0" is forbidden: exceeded quota: gpu-quota, requested: requests.nvidia.com/gpu=1, used: 4, limited: 4`,
      type: "Warning",
      lastTimestamp: new Date().toISOString(),
    });
    let row: DeploymentSummary | undefined;
    await eventually(
      async () => {
        const list = await t.client.listDeployments({ query: { namespace: "team-a" } });
        row = list.items.find((i) => i.name === name);
        return row?.explanation.includes("exceeded quota") ?? false;
      },
      5_000,
      "the list row explains the quota event",
    );
    const detail = await t.client.getDeployment({ params: { namespace: "team-a", name } });
    expect(row?.phase).toBe("Pending");
    expect(row?.explanation).toBe(detail.status.explanation);
    expect(detail.summary.explanation).toBe(detail.status.explanation);
  });
});
