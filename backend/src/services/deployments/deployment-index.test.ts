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

/** A Warning event about a Workspace: with no operator status, it alone explains the Workspace. */
const quotaEvent = (name: string) =>
  create("/api/v1/namespaces/team-a/events", {
    apiVersion: "v1",
    kind: "Event",
    metadata: { name: `${name}.quota`, namespace: "team-a" },
    involvedObject: { apiVersion: "kaito.sh/v1beta1", kind: "Workspace", name, namespace: "team-a" },
    reason: "FailedCreate",
    message: `pods "${name}-0" is forbidden: exceeded quota: gpu-quota, requested: requests.nvidia.com/gpu=1, used: 4, limited: 4`,
    type: "Warning",
    lastTimestamp: new Date().toISOString(),
  });

/** Creates a copy of the phi-4 example Workspace under `name`. */
async function createWorkspace(name: string): Promise<void> {
  const workspace = parse(readFileSync(`${CRDS}/kaito/examples/kaito_workspace_phi_4.yaml`, "utf8"));
  workspace.metadata.name = name;
  await create("/apis/kaito.sh/v1beta1/namespaces/team-a/workspaces", workspace);
}

/** The list row's explanation for `name` in team-a, over HTTP; undefined while it is not listed. */
async function rowExplanation(app: ReturnType<typeof testApp>, name: string): Promise<string | undefined> {
  const list = await app.client.listDeployments({ query: { namespace: "team-a" } });
  return list.items.find((i) => i.name === name)?.explanation;
}

/** Waits for the row to be listed and returns its explanation, which must not be the quota one. */
async function listedExplanation(app: ReturnType<typeof testApp>, name: string): Promise<string> {
  let explanation: string | undefined;
  await eventually(
    async () => {
      explanation = await rowExplanation(app, name);
      return explanation !== undefined;
    },
    5_000,
    `${name} is listed`,
  );
  expect(explanation).not.toContain("exceeded quota");
  return explanation as string;
}

const workspaceVersion = async (name: string) =>
  (await admin.request<{ metadata: { resourceVersion: string } }>({ path: `/apis/kaito.sh/v1beta1/namespaces/team-a/workspaces/${name}` }))
    .metadata.resourceVersion;

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
    await quotaEvent(name);
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

  it("stops explaining a deployment by an event once that event is deleted, with no other change to it", async () => {
    const name = "phi-4-expiring";
    await createWorkspace(name);
    const before = await listedExplanation(t, name);
    await quotaEvent(name);
    await eventually(async () => (await rowExplanation(t, name))?.includes("exceeded quota") ?? false, 5_000, "the row explains the event");
    const version = await workspaceVersion(name);

    // Events expire in a real cluster (1 h); only the event goes away, the Workspace is untouched.
    await admin.request({ method: "DELETE", path: `/api/v1/namespaces/team-a/events/${name}.quota` });
    await eventually(async () => (await rowExplanation(t, name)) === before, 5_000, "the row's explanation reverts");
    expect(await workspaceVersion(name)).toBe(version);
  });

  it("stops explaining a deployment by an event the bounded event cache evicted", async () => {
    const small = testApp(
      {},
      {},
      {
        kube: kubeFromFile(sim.kubeconfigPath, "kubeairunway"),
        startCache: true,
        cache: { installRecheckMs: 150, watchTimeoutSeconds: 5, maxEvents: 2 },
      },
    );
    try {
      await small.deps.cache.waitForSync(5_000);
      const name = "phi-4-evicted";
      await createWorkspace(name);
      const before = await listedExplanation(small, name);
      await quotaEvent(name);
      await eventually(
        async () => (await rowExplanation(small, name))?.includes("exceeded quota") ?? false,
        5_000,
        "the row explains the event",
      );
      const version = await workspaceVersion(name);

      // Two newer events about something else push the quota event out of a two-event window.
      for (const n of ["a", "b"]) {
        await create("/api/v1/namespaces/team-a/events", {
          apiVersion: "v1",
          kind: "Event",
          metadata: { name: `unrelated.${n}`, namespace: "team-a" },
          involvedObject: { apiVersion: "v1", kind: "ConfigMap", name: "unrelated", namespace: "team-a" },
          reason: "Noticed",
          message: "nothing to do with the workspace",
          type: "Normal",
          lastTimestamp: new Date().toISOString(),
        });
      }
      await eventually(async () => (await rowExplanation(small, name)) === before, 5_000, "the row's explanation reverts");
      expect(await workspaceVersion(name)).toBe(version);
    } finally {
      small.stop();
    }
  });
});
