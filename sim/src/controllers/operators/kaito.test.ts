import { afterEach, describe, expect, it } from "vitest";
import { R } from "../../store/builtins";
import { parsePromText } from "../prom-text";
import { ADMIN, conditionOf, createSecret, operatorCluster, type TestCluster, upstreamExample, waitFor } from "../testing";
import { WORKSPACES } from "./kaito";
import { a100, cpu, label, scrape, statusOf, t4 } from "./test-fixtures";

let cluster: TestCluster | undefined;
afterEach(() => cluster?.stop());

const get = (type: typeof WORKSPACES, name: string) => cluster?.store.get(type, "default", name);

describe("KAITO operator", () => {
  it("takes the upstream phi-4 Workspace from Pending (no labelled GPU node) to Ready", async () => {
    cluster = await operatorCluster([cpu, a100], ["kaito"]);
    const c = cluster;
    c.store.create(WORKSPACES, await upstreamExample("kaito/examples/kaito_workspace_phi_4.yaml", "Workspace"), ADMIN);
    await waitFor(() => conditionOf(get(WORKSPACES, "workspace-phi-4"), "ResourceReady")?.status === "False", 3000, "ResourceReady=False");
    const pending = get(WORKSPACES, "workspace-phi-4");
    expect(statusOf(pending).state).toBe("Pending");
    expect(conditionOf(pending, "WorkspaceSucceeded")).toMatchObject({ status: "False", reason: "workspacePending" });
    expect(c.store.get(R.statefulsets, "default", "workspace-phi-4")).toBeUndefined();

    label(c, "gpu-a100-0", { apps: "phi-4" });
    const ready = await waitFor(
      () => (statusOf(get(WORKSPACES, "workspace-phi-4")).state === "Ready" ? get(WORKSPACES, "workspace-phi-4") : undefined),
      5000,
      "Ready",
    );
    expect(conditionOf(ready, "ResourceReady")).toMatchObject({ status: "True", reason: "workspaceResourceStatusSuccess" });
    expect(conditionOf(ready, "InferenceReady")).toMatchObject({ status: "True", reason: "WorkspaceInferenceStatusSuccess" });
    expect(conditionOf(ready, "WorkspaceSucceeded")).toMatchObject({ status: "True", reason: "workspaceSucceeded" });
    expect(statusOf(ready).workerNodes).toEqual(["gpu-a100-0"]);
    const svc = c.store.get(R.services, "default", "workspace-phi-4");
    expect((svc!.spec as { ports: { port: number; targetPort: number }[] }).ports[0]).toMatchObject({ port: 80, targetPort: 5000 });
    const pod = c.store.get(R.pods, "default", "workspace-phi-4-0");
    expect(pod?.metadata.labels?.["kaito.sh/workspace"]).toBe("workspace-phi-4");
    const metrics = parsePromText(await scrape(c, "workspace-phi-4-0", 5000));
    expect(metrics.samples.find((s) => s.name === "vllm:num_requests_running")?.labels.model_name).toBe("phi-4");

    // Deleting the Workspace takes its StatefulSet, Services and pod with it (ownerReferences).
    c.store.delete(WORKSPACES, "default", "workspace-phi-4", ADMIN);
    await waitFor(
      () => !c.store.get(R.pods, "default", "workspace-phi-4-0") && !c.store.get(R.statefulsets, "default", "workspace-phi-4"),
      3000,
      "children gone",
    );
    expect(c.store.get(R.services, "default", "workspace-phi-4")).toBeUndefined();
  });

  it("keeps a Workspace whose model does not fit the node's GPU Pending (not failed) while its pod crash-loops", async () => {
    cluster = await operatorCluster([cpu, { ...t4, labels: { apps: "llama-3-1-8b-instruct" } }], ["kaito"]);
    const c = cluster;
    createSecret(c.store, "hf-token", ["HF_TOKEN"]);
    c.store.create(WORKSPACES, await upstreamExample("kaito/examples/kaito_workspace_llama-3.1_8b_instruct.yaml", "Workspace"), ADMIN);
    const name = "workspace-llama-3-1-8b-instruct";
    const ws = await waitFor(
      () =>
        /CrashLoopBackOff/.test(conditionOf(get(WORKSPACES, name), "InferenceReady")?.message ?? "") ? get(WORKSPACES, name) : undefined,
      8000,
      "crash loop reported",
    );
    expect(statusOf(ws).state).toBe("Pending");
    expect(conditionOf(ws, "InferenceReady")).toMatchObject({ status: "False", reason: "WorkspaceInferenceStatusPending" });
    expect(conditionOf(ws, "WorkspaceSucceeded")?.reason).toBe("workspacePending");
    expect(c.backends.get()?.readLog("default", `${name}-0`, name, true)?.join("\n")).toContain("CUDA out of memory");
  });

  it("does nothing until the operator Deployment is available", async () => {
    cluster = await operatorCluster([cpu, { ...a100, labels: { apps: "phi-4" } }], []);
    const c = cluster;
    const { installRuntimeCrds } = await import("../../seeds/crds");
    const { operatorDeployment } = await import("../../seeds/operators");
    await installRuntimeCrds(c.store, ["kaito"], ADMIN);
    c.store.create(WORKSPACES, await upstreamExample("kaito/examples/kaito_workspace_phi_4.yaml", "Workspace"), ADMIN);
    await new Promise((r) => setTimeout(r, 100));
    expect(get(WORKSPACES, "workspace-phi-4")?.status).toBeUndefined();
    c.store.create(R.namespaces, { apiVersion: "v1", kind: "Namespace", metadata: { name: "kaito-workspace" } }, ADMIN);
    c.store.create(R.deployments, operatorDeployment("kaito"), ADMIN);
    await waitFor(() => statusOf(get(WORKSPACES, "workspace-phi-4")).state === "Ready", 5000, "Ready after operator install");
  });
});
