/**
 * The controllers and seeds seen the way the product sees them: through the sim's HTTP API with
 * @kubernetes/client-node (CRDs, operator install, custom resources, pod logs, service proxy).
 */
import type { KubernetesObject } from "@kubernetes/client-node";
import { afterEach, describe, expect, it } from "vitest";
import { startTestCluster, type TestCluster } from "../http/testing";
import { RUNTIME_CRDS, readYamlDocuments } from "../seeds/crds";
import { OPERATORS, operatorDeployment } from "../seeds/operators";
import { buildNode, type NodeShape } from "./gpu-nodes";
import { parsePromText } from "./prom-text";
import { upstreamExample } from "./testing";

let t: TestCluster | undefined;
afterEach(async () => t?.stop());

const WS = { group: "kaito.sh", version: "v1beta1", plural: "workspaces" };

const CPU: NodeShape = { name: "cpu-0", instanceType: "e2-standard-16", cpu: 16, memoryGiB: 64 };
const A100: NodeShape = {
  name: "gpu-a100-0",
  instanceType: "Standard_NC24ads_A100_v4",
  cpu: 24,
  memoryGiB: 220,
  gpu: { model: "a100-80gb", count: 1 },
};
const H100: NodeShape = {
  name: "gpu-h100-0",
  instanceType: "a3-highgpu-8g",
  cpu: 208,
  memoryGiB: 1872,
  gpu: { model: "h100-80gb", count: 8 },
};

/** Installs a runtime the way an admin would, over HTTP: its real CRDs, its operator Deployment, and nodes. */
async function installOverHttp(c: TestCluster, runtime: keyof typeof RUNTIME_CRDS, nodes: NodeShape[]): Promise<void> {
  const objects = c.objects();
  for (const file of RUNTIME_CRDS[runtime]) for (const crd of await readYamlDocuments(file)) await objects.create(crd as KubernetesObject);
  await objects.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: OPERATORS[runtime].namespace } } as KubernetesObject);
  await objects.create(operatorDeployment(runtime) as KubernetesObject);
  for (const [i, shape] of nodes.entries()) {
    const node = buildNode(shape, i);
    await objects.create({ ...node, status: undefined } as KubernetesObject);
    const patch = await c.request("admin", `/api/v1/nodes/${shape.name}/status`, {
      method: "PATCH",
      headers: { "content-type": "application/merge-patch+json" },
      body: JSON.stringify({ status: node.status }),
    });
    expect(patch.status).toBe(200);
  }
}

async function getCustom<T>(c: TestCluster, type: { group: string; version: string; plural: string }, name: string): Promise<T> {
  return (await c.custom().getNamespacedCustomObject({ ...type, namespace: "default", name })) as T;
}

const RS = { group: "ray.io", version: "v1", plural: "rayservices" };
const DGD = { group: "nvidia.com", version: "v1alpha1", plural: "dynamographdeployments" };
type Conditions = {
  status?: { state?: string; conditions?: { type: string; status: string; reason: string; message: string }[] } & Record<string, unknown>;
};
const cond = (o: Conditions, type: string) => o.status?.conditions?.find((x) => x.type === type);

async function pollUntil<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value).slice(0, 4000)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("controllers through the HTTP API", () => {
  it("installs KAITO over HTTP and takes the upstream phi-4 Workspace to Ready, with logs and metrics via the apiserver", async () => {
    t = await startTestCluster({ speed: 0.001 });
    const c = t;
    await installOverHttp(c, "kaito", [CPU, { ...A100, labels: { apps: "phi-4" } }]);
    const example = await upstreamExample("kaito/examples/kaito_workspace_phi_4.yaml", "Workspace");
    await c.custom().createNamespacedCustomObject({ ...WS, namespace: "default", body: example });
    const ws = await pollUntil(
      () =>
        c.custom().getNamespacedCustomObject({ ...WS, namespace: "default", name: "workspace-phi-4" }) as Promise<{
          status?: { state?: string; conditions?: { type: string; reason: string }[] };
        }>,
      (w) => w.status?.state === "Ready",
      8000,
      "Workspace Ready",
    );
    expect(ws.status?.conditions?.find((x) => x.type === "WorkspaceSucceeded")?.reason).toBe("workspaceSucceeded");

    const endpoints = await c.core().readNamespacedEndpoints({ name: "workspace-phi-4", namespace: "default" });
    const pod = await c.core().readNamespacedPod({ name: "workspace-phi-4-0", namespace: "default" });
    expect(endpoints.subsets?.[0]?.addresses?.map((a) => a.ip)).toEqual([pod.status?.podIP]);
    expect(endpoints.subsets?.[0]?.ports?.find((p) => p.name === "http")?.port).toBe(5000);
    const log = await c.core().readNamespacedPodLog({ name: "workspace-phi-4-0", namespace: "default" });
    expect(log).toContain("Application startup complete.");
    const metrics = await c.request("admin", "/api/v1/namespaces/default/services/workspace-phi-4:80/proxy/metrics");
    expect(metrics.status).toBe(200);
    expect(parsePromText(await metrics.text()).types.get("vllm:time_to_first_token_seconds")).toBe("histogram");

    // Following the log streams the request lines the synthetic traffic produces.
    const controller = new AbortController();
    const follow = await c.request("admin", "/api/v1/namespaces/default/pods/workspace-phi-4-0/log?follow=true&tailLines=1", {
      signal: controller.signal,
    });
    const reader = follow.body!.getReader();
    let streamed = "";
    const deadline = Date.now() + 5000;
    while (!streamed.includes("POST /v1/chat/completions") && Date.now() < deadline) {
      const { value, done } = await reader.read();
      if (done) break;
      streamed += new TextDecoder().decode(value);
    }
    expect(streamed).toContain("POST /v1/chat/completions");
    controller.abort();
  });

  it("takes the upstream RayService to Ready over HTTP and answers /v1/models through the serve Service", async () => {
    t = await startTestCluster({ speed: 0.001 });
    const c = t;
    await installOverHttp(c, "kuberay", [CPU, H100]);
    await c.objects().create((await upstreamExample("kuberay/examples/ray-service.llm-serve.yaml", "Secret")) as KubernetesObject);
    await c.custom().createNamespacedCustomObject({
      ...RS,
      namespace: "default",
      body: await upstreamExample("kuberay/examples/ray-service.llm-serve.yaml", "RayService"),
    });
    const rs = await pollUntil(
      () => getCustom<Conditions>(c, RS, "ray-serve-llm"),
      (o) => cond(o, "Ready")?.status === "True",
      8000,
      "RayService Ready",
    );
    expect(cond(rs, "Ready")?.reason).toBe("NonZeroServeEndpoints");
    const models = await c.request("admin", "/api/v1/namespaces/default/services/ray-serve-llm-serve-svc:8000/proxy/v1/models");
    expect(((await models.json()) as { data: { id: string }[] }).data[0]?.id).toBe("qwen2.5-7b-instruct");
  });

  it("marks the upstream RayService InitializingTimeout over HTTP when its 4-GPU worker never schedules", async () => {
    t = await startTestCluster({ speed: 0.001 });
    const c = t;
    await installOverHttp(c, "kuberay", [CPU, A100]);
    const example = await upstreamExample("kuberay/examples/ray-service.llm-serve.yaml", "RayService");
    example.metadata.annotations = { "ray.io/initializing-timeout": "30s" };
    await c.custom().createNamespacedCustomObject({ ...RS, namespace: "default", body: example });
    await pollUntil(
      () => getCustom<Conditions>(c, RS, "ray-serve-llm"),
      (o) => cond(o, "Ready")?.reason === "InitializingTimeout",
      5000,
      "InitializingTimeout",
    );
    const events = await c.core().listNamespacedEvent({ namespace: "default" });
    expect(events.items.find((e) => e.reason === "FailedScheduling")?.message).toMatch(
      /^0\/2 nodes are available: .*Insufficient nvidia\.com\/gpu/,
    );
  });

  it("takes the upstream vllm-disagg graph to successful over HTTP, and vllm-agg to pending without GPUs", async () => {
    t = await startTestCluster({ speed: 0.001 });
    const c = t;
    await installOverHttp(c, "dynamo", [CPU, H100]);
    const secret = {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "hf-token-secret", namespace: "default" },
      stringData: { HF_TOKEN: "placeholder" },
    };
    await c.objects().create(secret as KubernetesObject);
    await c.custom().createNamespacedCustomObject({
      ...DGD,
      namespace: "default",
      body: await upstreamExample("dynamo/examples/vllm-disagg.yaml", "DynamoGraphDeployment"),
    });
    const dgd = await pollUntil(
      () => getCustom<Conditions>(c, DGD, "vllm-disagg"),
      (o) => o.status?.state === "successful",
      8000,
      "successful",
    );
    expect(cond(dgd, "Ready")?.reason).toBe("all_resources_are_ready");
    const models = await c.request("admin", "/api/v1/namespaces/default/services/vllm-disagg-frontend:8000/proxy/v1/models");
    expect(((await models.json()) as { data: { id: string }[] }).data[0]?.id).toBe("Qwen/Qwen3-0.6B");
    // A second graph whose worker needs 8 more GPUs than are left stays pending with the scheduler's reason.
    const agg = await upstreamExample("dynamo/examples/vllm-agg.yaml", "DynamoGraphDeployment");
    (agg.spec as { services: Record<string, { resources?: { limits: { gpu: string } } }> }).services.VllmDecodeWorker!
      .resources!.limits.gpu = "8";
    await c.custom().createNamespacedCustomObject({ ...DGD, namespace: "default", body: agg });
    const pending = await pollUntil(
      () => getCustom<Conditions>(c, DGD, "vllm-agg"),
      (o) => /Unschedulable/.test(cond(o, "Ready")?.message ?? ""),
      5000,
      "pending",
    );
    expect(pending.status?.state).toBe("pending");
    expect(cond(pending, "Ready")?.reason).toBe("some_resources_are_not_ready");
  });

  it("serves the demo seed: every runtime's deployments listed, each reaching its state", async () => {
    t = await startTestCluster({ seed: "demo", speed: 0.001 });
    const c = t;
    const list = async (group: string, version: string, plural: string) =>
      (
        (await c.custom().listClusterCustomObject({ group, version, plural })) as {
          items: { metadata: { name: string; namespace: string }; status?: Record<string, unknown> }[];
        }
      ).items;
    const names = async () =>
      [
        ...(await list("kaito.sh", "v1beta1", "workspaces")),
        ...(await list("ray.io", "v1", "rayservices")),
        ...(await list("nvidia.com", "v1alpha1", "dynamographdeployments")),
      ].map((o) => `${o.metadata.namespace}/${o.metadata.name}`);
    expect((await names()).sort()).toEqual(
      [
        "default/phi-4",
        "default/qwen3-gguf",
        "team-a/phi-4-mini",
        "team-a/qwen3-8b-disagg",
        "team-a/qwen3-sglang",
        "team-b/deepseek-r1",
        "team-b/gemma-3-27b",
        "team-b/llama-3-1-8b",
        "team-b/llama-3-3-70b",
        "team-b/qwen3-nightly",
      ].sort(),
    );
    await pollUntil(
      () => list("ray.io", "v1", "rayservices"),
      (items) => items.every((i) => (i.status as { serviceStatus?: string } | undefined)?.serviceStatus === "Running"),
      8000,
      "RayService running",
    );
    const pods = await pollUntil(
      () => c.core().listNamespacedPod({ namespace: "default", labelSelector: "kaito.sh/workspace=phi-4" }),
      (l) => l.items.some((p) => (p.status?.containerStatuses?.[0]?.restartCount ?? 0) >= 1),
      8000,
      "phi-4 crash loop",
    );
    const previous = await c.core().readNamespacedPodLog({ name: pods.items[0]!.metadata!.name!, namespace: "default", previous: true });
    expect(previous).toContain("CUDA out of memory");
    const events = await c.core().listNamespacedEvent({ namespace: "team-b" });
    expect(events.items.some((e) => e.reason === "FailedScheduling" && /Insufficient nvidia\.com\/gpu/.test(e.message ?? ""))).toBe(true);
  });
});
