import { afterEach, describe, expect, it } from "vitest";
import { R } from "../../store/builtins";
import type { NodeShape } from "../gpu-nodes";
import { parsePromText } from "../prom-text";
import { ADMIN, conditionOf, operatorCluster, type TestCluster, upstreamExample, waitFor } from "../testing";
import { RAYSERVICES } from "./kuberay";
import { RAYCLUSTERS } from "./raycluster";
import { cpu, h100, scrape, statusOf, t4 } from "./test-fixtures";

let cluster: TestCluster | undefined;
afterEach(() => cluster?.stop());

const get = (type: typeof RAYSERVICES, name: string) => cluster?.store.get(type, "default", name);

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
