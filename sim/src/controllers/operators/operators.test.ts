import { afterEach, describe, expect, it } from "vitest";
import { R } from "../../store/builtins";
import type { KubeObject } from "../../store/types";
import type { NodeShape } from "../gpu-nodes";
import { parsePromText } from "../prom-text";
import { ADMIN, conditionOf, createSecret, operatorCluster, type TestCluster, upstreamExample, waitFor } from "../testing";
import { DGDS } from "./dynamo";
import { WORKSPACES } from "./kaito";
import { RAYSERVICES } from "./kuberay";
import { RAYCLUSTERS } from "./raycluster";

const cpu: NodeShape = { name: "cpu-0", instanceType: "e2-standard-16", cpu: 16, memoryGiB: 64 };
const a100: NodeShape = {
  name: "gpu-a100-0",
  instanceType: "Standard_NC24ads_A100_v4",
  cpu: 24,
  memoryGiB: 220,
  gpu: { model: "a100-80gb", count: 1 },
};
const t4: NodeShape = {
  name: "gpu-t4-0",
  instanceType: "Standard_NC4as_T4_v3",
  cpu: 4,
  memoryGiB: 28,
  gpu: { model: "t4-16gb", count: 1 },
};
const h100: NodeShape = {
  name: "gpu-h100-0",
  instanceType: "a3-highgpu-8g",
  cpu: 208,
  memoryGiB: 1872,
  gpu: { model: "h100-80gb", count: 8 },
};

let cluster: TestCluster | undefined;
afterEach(() => cluster?.stop());

const get = (type: typeof WORKSPACES | typeof RAYSERVICES | typeof DGDS, name: string) => cluster?.store.get(type, "default", name);
const statusOf = (o: KubeObject | undefined) => (o?.status ?? {}) as Record<string, unknown>;
const label = (c: TestCluster, node: string, labels: Record<string, string>) =>
  c.store.mutate(R.nodes, undefined, node, ADMIN, (n) => (n.metadata.labels = { ...n.metadata.labels, ...labels }));
async function scrape(c: TestCluster, pod: string, port: number, path = "/metrics"): Promise<string> {
  const response = await c.backends.get()?.serve("default", pod, port, path, new Request(`http://sim${path}`));
  if (!response) throw new Error(`nothing listens on ${pod}:${port}`);
  return response.text();
}

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

describe("KubeRay operator", () => {
  it("takes the upstream ray-serve-llm RayService to Ready with head and GPU worker pods", async () => {
    cluster = await operatorCluster([cpu, h100], ["kuberay"]);
    const c = cluster;
    c.store.create(R.secrets, await upstreamExample("kuberay/examples/ray-service.llm-serve.yaml", "Secret"), ADMIN);
    c.store.create(RAYSERVICES, await upstreamExample("kuberay/examples/ray-service.llm-serve.yaml", "RayService"), ADMIN);
    const rs = await waitFor(
      () => (conditionOf(get(RAYSERVICES, "ray-serve-llm"), "Ready")?.status === "True" ? get(RAYSERVICES, "ray-serve-llm") : undefined),
      8000,
      "Ready",
    );
    const status = statusOf(rs) as {
      activeServiceStatus: { rayClusterName: string; applicationStatuses: Record<string, { status: string }> };
      serviceStatus: string;
      numServeEndpoints: number;
    };
    expect(conditionOf(rs, "Ready")?.reason).toBe("NonZeroServeEndpoints");
    expect(conditionOf(rs, "UpgradeInProgress")).toMatchObject({ status: "False", reason: "NoPendingCluster" });
    expect(status.activeServiceStatus.applicationStatuses.llms?.status).toBe("RUNNING");
    expect(status.serviceStatus).toBe("Running");
    const clusterName = status.activeServiceStatus.rayClusterName;
    expect(clusterName).toMatch(/^ray-serve-llm-[a-z0-9]{5}$/);
    expect(c.store.get(RAYCLUSTERS, "default", clusterName)?.metadata.ownerReferences?.[0]?.kind).toBe("RayService");
    const pods = c.store.list(R.pods, { namespace: "default", labelSelector: `ray.io/cluster=${clusterName}` }).items;
    const head = pods.find((p) => p.metadata.labels?.["ray.io/node-type"] === "head");
    const worker = pods.find((p) => p.metadata.labels?.["ray.io/node-type"] === "worker");
    expect(head?.metadata.labels).toMatchObject({
      "ray.io/group": "headgroup",
      "ray.io/is-ray-node": "yes",
      "ray.io/originated-from-cr-name": "ray-serve-llm",
    });
    expect(worker?.metadata.labels).toMatchObject({ "ray.io/group": "gpu-group", "ray.io/serve": "true" });
    expect((worker!.spec as { nodeName: string }).nodeName).toBe("gpu-h100-0");
    const serve = c.store.get(R.services, "default", "ray-serve-llm-serve-svc");
    expect((serve!.spec as { ports: { port: number }[]; selector: Record<string, string> }).ports[0]?.port).toBe(8000);
    expect(c.store.get(R.services, "default", "ray-serve-llm-head-svc")).toBeDefined();
    const metrics = await scrape(c, worker!.metadata.name, 8080);
    expect(parsePromText(metrics).types.get("ray_vllm:generation_tokens_total")).toBe("counter");
  });

  it("upgrades to a new RayCluster when rayClusterConfig changes, then drops the old one", async () => {
    cluster = await operatorCluster([cpu, h100], ["kuberay"]);
    const c = cluster;
    c.store.create(R.secrets, await upstreamExample("kuberay/examples/ray-service.llm-serve.yaml", "Secret"), ADMIN);
    c.store.create(RAYSERVICES, await upstreamExample("kuberay/examples/ray-service.llm-serve.yaml", "RayService"), ADMIN);
    const activeName = () =>
      (statusOf(get(RAYSERVICES, "ray-serve-llm")).activeServiceStatus as { rayClusterName?: string } | undefined)?.rayClusterName;
    await waitFor(() => conditionOf(get(RAYSERVICES, "ray-serve-llm"), "Ready")?.status === "True", 8000, "Ready");
    const first = activeName()!;
    c.store.mutate(RAYSERVICES, "default", "ray-serve-llm", ADMIN, (rs) => {
      (rs.spec as { rayClusterConfig: { rayVersion: string } }).rayClusterConfig.rayVersion = "2.53.0";
    });
    await waitFor(
      () => conditionOf(get(RAYSERVICES, "ray-serve-llm"), "UpgradeInProgress")?.reason === "BothActivePendingClustersExist",
      3000,
      "upgrade in progress",
    );
    await waitFor(
      () => activeName() !== first && conditionOf(get(RAYSERVICES, "ray-serve-llm"), "Ready")?.status === "True",
      8000,
      "switched to new cluster",
    );
    expect(conditionOf(get(RAYSERVICES, "ray-serve-llm"), "UpgradeInProgress")?.reason).toBe("NoPendingCluster");
    await waitFor(() => !c.store.get(RAYCLUSTERS, "default", first), 3000, "old cluster deleted");
    const selector = (c.store.get(R.services, "default", "ray-serve-llm-serve-svc")!.spec as { selector: Record<string, string> }).selector;
    expect(selector["ray.io/cluster"]).toBe(activeName());
  });

  it("scales workers in place when only replicas change (no new cluster)", async () => {
    cluster = await operatorCluster([cpu, h100], ["kuberay"]);
    const c = cluster;
    c.store.create(R.secrets, await upstreamExample("kuberay/examples/ray-service.llm-serve.yaml", "Secret"), ADMIN);
    c.store.create(RAYSERVICES, await upstreamExample("kuberay/examples/ray-service.llm-serve.yaml", "RayService"), ADMIN);
    await waitFor(() => conditionOf(get(RAYSERVICES, "ray-serve-llm"), "Ready")?.status === "True", 8000, "Ready");
    const active = (statusOf(get(RAYSERVICES, "ray-serve-llm")).activeServiceStatus as { rayClusterName: string }).rayClusterName;
    c.store.mutate(RAYSERVICES, "default", "ray-serve-llm", ADMIN, (rs) => {
      const group = (rs.spec as { rayClusterConfig: { workerGroupSpecs: { replicas: number; maxReplicas: number }[] } }).rayClusterConfig
        .workerGroupSpecs[0]!;
      group.replicas = 2;
      group.maxReplicas = 2;
    });
    const workers = () =>
      c.store.list(R.pods, { namespace: "default", labelSelector: `ray.io/cluster=${active},ray.io/node-type=worker` }).items;
    await waitFor(() => workers().length === 2, 3000, "second worker");
    await waitFor(() => (statusOf(get(RAYSERVICES, "ray-serve-llm")).numServeEndpoints as number) === 3, 8000, "3 serve endpoints");
    expect((statusOf(get(RAYSERVICES, "ray-serve-llm")).activeServiceStatus as { rayClusterName: string }).rayClusterName).toBe(active);
    expect(conditionOf(get(RAYSERVICES, "ray-serve-llm"), "UpgradeInProgress")?.reason).toBe("NoPendingCluster");
  });

  it("reports DEPLOY_FAILED when the workers' GPUs are too small for the model", async () => {
    const small: NodeShape = {
      ...h100,
      name: "gpu-small-0",
      gpu: { model: "t4-16gb", count: 4 },
      labels: { "nvidia.com/gpu.memory": "4096" },
    };
    cluster = await operatorCluster([cpu, small], ["kuberay"]);
    const c = cluster;
    c.store.create(R.secrets, await upstreamExample("kuberay/examples/ray-service.llm-serve.yaml", "Secret"), ADMIN);
    c.store.create(RAYSERVICES, await upstreamExample("kuberay/examples/ray-service.llm-serve.yaml", "RayService"), ADMIN);
    const rs = await waitFor(
      () => {
        const s = statusOf(get(RAYSERVICES, "ray-serve-llm")) as {
          activeServiceStatus?: { applicationStatuses?: Record<string, { status: string; message?: string }> };
        };
        return s.activeServiceStatus?.applicationStatuses?.llms?.status === "DEPLOY_FAILED" ? s : undefined;
      },
      8000,
      "DEPLOY_FAILED",
    );
    expect(rs.activeServiceStatus?.applicationStatuses?.llms?.message).toContain("CUDA out of memory");
    expect(conditionOf(get(RAYSERVICES, "ray-serve-llm"), "Ready")).toMatchObject({ status: "False", reason: "Initializing" });
  });

  it("marks a RayService whose workers cannot be scheduled InitializingTimeout after ray.io/initializing-timeout", async () => {
    cluster = await operatorCluster([cpu, { ...t4, name: "gpu-t4-1" }], ["kuberay"]);
    const c = cluster;
    c.store.create(R.secrets, await upstreamExample("kuberay/examples/ray-service.llm-serve.yaml", "Secret"), ADMIN);
    const example = await upstreamExample("kuberay/examples/ray-service.llm-serve.yaml", "RayService");
    example.metadata.annotations = { "ray.io/initializing-timeout": "60s" };
    c.store.create(RAYSERVICES, example, ADMIN);
    await waitFor(
      () => conditionOf(get(RAYSERVICES, "ray-serve-llm"), "Ready")?.reason === "InitializingTimeout",
      3000,
      "InitializingTimeout",
    );
    const worker = c.store.list(R.pods, { namespace: "default", labelSelector: "ray.io/node-type=worker" }).items[0];
    expect(conditionOf(worker, "PodScheduled")).toMatchObject({ status: "False", reason: "Unschedulable" });
  });
});

describe("Dynamo operator", () => {
  it("takes the upstream vllm-disagg graph to successful with separate prefill and decode workers", async () => {
    cluster = await operatorCluster([cpu, h100], ["dynamo"]);
    const c = cluster;
    createSecret(c.store, "hf-token-secret", ["HF_TOKEN"]);
    c.store.create(DGDS, await upstreamExample("dynamo/examples/vllm-disagg.yaml", "DynamoGraphDeployment"), ADMIN);
    const dgd = await waitFor(
      () => (statusOf(get(DGDS, "vllm-disagg")).state === "successful" ? get(DGDS, "vllm-disagg") : undefined),
      8000,
      "successful",
    );
    expect(conditionOf(dgd, "Ready")).toMatchObject({
      status: "True",
      reason: "all_resources_are_ready",
      message: "All resources are ready",
    });
    const services = statusOf(dgd).services as Record<string, { componentKind: string; componentName: string; readyReplicas: number }>;
    expect(Object.keys(services).sort()).toEqual(["Frontend", "VllmDecodeWorker", "VllmPrefillWorker"]);
    expect(services.VllmPrefillWorker).toMatchObject({
      componentKind: "Deployment",
      componentName: "vllm-disagg-vllmprefillworker",
      readyReplicas: 1,
    });
    const pods = c.store.list(R.pods, { namespace: "default", labelSelector: "nvidia.com/dynamo-graph-deployment-name=vllm-disagg" }).items;
    const sub = (p: KubeObject) => p.metadata.labels?.["nvidia.com/dynamo-sub-component-type"];
    expect(pods.map(sub).sort()).toEqual(["decode", "prefill", undefined]);
    const frontendPod = pods.find((p) => p.metadata.labels?.["nvidia.com/dynamo-component-type"] === "frontend")!;
    expect(frontendPod.metadata.labels).toMatchObject({
      "nvidia.com/dynamo-component": "Frontend",
      "nvidia.com/dynamo-namespace": "default-vllm-disagg",
    });
    expect((c.store.get(R.services, "default", "vllm-disagg-frontend")!.spec as { ports: { port: number }[] }).ports[0]?.port).toBe(8000);
    const models = JSON.parse(await scrape(c, frontendPod.metadata.name, 8000, "/v1/models")) as { data: { id: string }[] };
    expect(models.data[0]?.id).toBe("Qwen/Qwen3-0.6B");
    const prefill = pods.find((p) => sub(p) === "prefill")!;
    expect(parsePromText(await scrape(c, prefill.metadata.name, 9090)).types.get("dynamo_component_requests_total")).toBe("counter");
  });

  it("rolls a component's Deployment when the graph's spec changes", async () => {
    cluster = await operatorCluster([cpu, h100], ["dynamo"]);
    const c = cluster;
    createSecret(c.store, "hf-token-secret", ["HF_TOKEN"]);
    c.store.create(DGDS, await upstreamExample("dynamo/examples/vllm-agg.yaml", "DynamoGraphDeployment"), ADMIN);
    await waitFor(() => statusOf(get(DGDS, "vllm-agg")).state === "successful", 8000, "successful");
    c.store.mutate(DGDS, "default", "vllm-agg", ADMIN, (dgd) => {
      const worker = (dgd.spec as { services: Record<string, { replicas: number; extraPodSpec: { mainContainer: { args: string[] } } }> })
        .services.VllmDecodeWorker!;
      worker.replicas = 2;
      worker.extraPodSpec.mainContainer.args = ["--model", "Qwen/Qwen3-8B"];
    });
    const workerPods = () =>
      c.store
        .list(R.pods, { namespace: "default", labelSelector: "nvidia.com/dynamo-component=VllmDecodeWorker" })
        .items.filter((p) => !p.metadata.deletionTimestamp);
    await waitFor(
      () =>
        statusOf(get(DGDS, "vllm-agg")).state === "successful" &&
        workerPods().length === 2 &&
        workerPods().every((p) => JSON.stringify(p.spec).includes("Qwen/Qwen3-8B")),
      8000,
      "rolled to the new args with 2 replicas",
    );
    expect((statusOf(get(DGDS, "vllm-agg")).services as Record<string, { readyReplicas: number }>).VllmDecodeWorker?.readyReplicas).toBe(2);
  });

  it("holds workers in CreateContainerConfigError until the envFromSecret Secret exists", async () => {
    cluster = await operatorCluster([cpu, h100], ["dynamo"]);
    const c = cluster;
    c.store.create(DGDS, await upstreamExample("dynamo/examples/vllm-agg.yaml", "DynamoGraphDeployment"), ADMIN);
    const waiting = () =>
      c.store
        .list(R.pods, { namespace: "default", labelSelector: "nvidia.com/dynamo-component=VllmDecodeWorker" })
        .items.map(
          (p) =>
            (p.status as { containerStatuses?: { state?: { waiting?: { reason?: string; message?: string } } }[] }).containerStatuses?.[0]
              ?.state?.waiting,
        )[0];
    await waitFor(() => waiting()?.reason === "CreateContainerConfigError", 3000, "CreateContainerConfigError");
    expect(waiting()?.message).toBe('secret "hf-token-secret" not found');
    expect(statusOf(get(DGDS, "vllm-agg")).state).toBe("pending");
    createSecret(c.store, "hf-token-secret", ["HF_TOKEN"]);
    await waitFor(() => statusOf(get(DGDS, "vllm-agg")).state === "successful", 8000, "successful once the Secret exists");
  });

  it("stays pending with the scheduler's reason when no GPU node exists", async () => {
    cluster = await operatorCluster([cpu], ["dynamo"]);
    const c = cluster;
    c.store.create(DGDS, await upstreamExample("dynamo/examples/vllm-agg.yaml", "DynamoGraphDeployment"), ADMIN);
    const dgd = await waitFor(
      () => (/Unschedulable/.test(conditionOf(get(DGDS, "vllm-agg"), "Ready")?.message ?? "") ? get(DGDS, "vllm-agg") : undefined),
      5000,
      "pending reason",
    );
    expect(statusOf(dgd).state).toBe("pending");
    expect(conditionOf(dgd, "Ready")).toMatchObject({ status: "False", reason: "some_resources_are_not_ready" });
    expect(conditionOf(dgd, "Ready")?.message).toMatch(
      /^Resources not ready: .*vllm-agg-vllmdecodeworker: .*Unschedulable: 0\/1 nodes are available: 1 Insufficient nvidia\.com\/gpu/,
    );
  });

  it("fails with failed_to_reconcile_the_resources when a child cannot be built", async () => {
    cluster = await operatorCluster([cpu, h100], ["dynamo"]);
    const c = cluster;
    const example = await upstreamExample("dynamo/examples/sglang-agg.yaml", "DynamoGraphDeployment");
    (
      (example.spec as { services: Record<string, { resources: { limits: { gpu: string } } }> }).services.decode as {
        resources: { limits: { gpu: string } };
      }
    ).resources.limits.gpu = "one";
    c.store.create(DGDS, example, ADMIN);
    await waitFor(() => statusOf(get(DGDS, "sglang-agg")).state === "failed", 3000, "failed");
    expect(conditionOf(get(DGDS, "sglang-agg"), "Ready")).toMatchObject({ status: "False", reason: "failed_to_reconcile_the_resources" });
    expect(conditionOf(get(DGDS, "sglang-agg"), "Ready")?.message).toContain("quantities must match the regular expression");
  });
});
