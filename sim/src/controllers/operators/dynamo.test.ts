import { afterEach, describe, expect, it } from "vitest";
import { R } from "../../store/builtins";
import type { KubeObject } from "../../store/types";
import { parsePromText } from "../prom-text";
import { ADMIN, conditionOf, createSecret, operatorCluster, type TestCluster, upstreamExample, waitFor } from "../testing";
import { DGDS } from "./dynamo";
import { cpu, h100, scrape, statusOf } from "./test-fixtures";

let cluster: TestCluster | undefined;
afterEach(() => cluster?.stop());

const get = (type: typeof DGDS, name: string) => cluster?.store.get(type, "default", name);

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
