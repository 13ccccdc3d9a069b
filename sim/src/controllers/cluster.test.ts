import { afterEach, describe, expect, it } from "vitest";
import { R } from "../store/builtins";
import type { KubeObject } from "../store/types";
import { parsePromText } from "./prom-text";
import { ADMIN, eventsFor, type TestCluster, testCluster, waitFor } from "./testing";

const gpuTaint = [{ key: "nvidia.com/gpu", value: "present", effect: "NoSchedule" }];
const tolerate = [{ key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" }];

function vllmDeployment(name: string, model: string, gpus: number, extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: "default" },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          tolerations: tolerate,
          containers: [
            {
              name: "vllm",
              image: "vllm/vllm-openai:v0.10.1",
              args: ["--model", model, "--port", "8000"],
              resources: { limits: { "nvidia.com/gpu": String(gpus) } },
            },
          ],
          ...extra,
        },
      },
    },
  };
}

const podsOf = (c: TestCluster, app: string) => c.store.list(R.pods, { namespace: "default", labelSelector: `app=${app}` }).items;
const containerStatus = (pod: KubeObject | undefined) =>
  ((pod?.status as { containerStatuses?: Record<string, unknown>[] } | undefined)?.containerStatuses ?? [])[0] as
    | {
        ready: boolean;
        restartCount: number;
        state: Record<string, { reason?: string; message?: string }>;
        lastState: Record<string, { reason?: string; exitCode?: number }>;
      }
    | undefined;

let cluster: TestCluster | undefined;
afterEach(() => cluster?.stop());

describe("scheduler + kubelet + deployment controller", () => {
  it("runs a vLLM Deployment to Ready on a fitting GPU node, with pull/start events, logs and metrics", async () => {
    cluster = testCluster([
      { name: "cpu-0", instanceType: "Standard_D8s_v5", cpu: 8, memoryGiB: 32 },
      {
        name: "gpu-a100-0",
        instanceType: "Standard_NC24ads_A100_v4",
        cpu: 24,
        memoryGiB: 220,
        gpu: { model: "a100-80gb", count: 1 },
        taints: gpuTaint,
      },
    ]);
    const c = cluster;
    c.store.create(R.deployments, vllmDeployment("qwen", "Qwen/Qwen3-0.6B", 1), ADMIN);
    const pod = await waitFor(() => podsOf(c, "qwen").find((p) => containerStatus(p)?.ready), 5000, "ready pod");
    expect((pod.spec as { nodeName: string }).nodeName).toBe("gpu-a100-0");
    expect((pod.status as { podIP: string }).podIP).toMatch(/^10\.244\.\d+\.\d+$/);
    const reasons = eventsFor(c.store, "default", pod.metadata.name).map((e) => e["reason"]);
    expect(reasons).toEqual(expect.arrayContaining(["Scheduled", "Pulling", "Pulled", "Created", "Started"]));
    await waitFor(
      () => (c.store.get(R.deployments, "default", "qwen")?.status as { availableReplicas?: number })?.availableReplicas === 1,
      2000,
      "deployment available",
    );
    const backend = c.backends.get()!;
    expect(backend.readLog("default", pod.metadata.name, "vllm", false)?.at(-1)).toContain("Application startup complete.");
    const first = await (await backend.serve("default", pod.metadata.name, 8000, "/metrics", new Request("http://x/metrics")))!.text();
    await new Promise((r) => setTimeout(r, 30));
    const second = await (await backend.serve("default", pod.metadata.name, 8000, "/metrics", new Request("http://x/metrics")))!.text();
    const tokens = (t: string) => parsePromText(t).samples.find((s) => s.name === "vllm:generation_tokens_total")?.value ?? 0;
    expect(tokens(second)).toBeGreaterThan(tokens(first));
    const models = (await (await backend.serve(
      "default",
      pod.metadata.name,
      8000,
      "/v1/models",
      new Request("http://x/v1/models"),
    ))!.json()) as { data: { id: string }[] };
    expect(models.data[0]?.id).toBe("Qwen/Qwen3-0.6B");
  });

  it("leaves a pod Pending with a kube-scheduler style FailedScheduling event when no node fits", async () => {
    cluster = testCluster([
      { name: "cpu-0", instanceType: "Standard_D8s_v5", cpu: 8, memoryGiB: 32 },
      { name: "cpu-1", instanceType: "Standard_D8s_v5", cpu: 8, memoryGiB: 32, taints: [{ key: "nvidia.com/gpu", effect: "NoSchedule" }] },
      { name: "gpu-l4-0", instanceType: "g2-standard-8", cpu: 8, memoryGiB: 32, gpu: { model: "l4-24gb", count: 1 }, taints: gpuTaint },
    ]);
    const c = cluster;
    c.store.create(R.deployments, vllmDeployment("big", "Qwen/Qwen3-32B", 4, { tolerations: [] }), ADMIN);
    const pod = await waitFor(() => podsOf(c, "big")[0], 2000, "pod");
    const event = await waitFor(
      () => eventsFor(c.store, "default", pod.metadata.name).find((e) => e["reason"] === "FailedScheduling"),
      2000,
      "event",
    );
    expect(event["type"]).toBe("Warning");
    expect(event["message"]).toBe(
      "0/3 nodes are available: 1 Insufficient nvidia.com/gpu, 1 node(s) had untolerated taint {nvidia.com/gpu: present}, 1 node(s) had untolerated taint {nvidia.com/gpu: }. " +
        "preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.",
    );
    const scheduled = c.store.get(R.pods, "default", pod.metadata.name)?.status as { phase: string; conditions: Record<string, string>[] };
    expect(scheduled.phase).toBe("Pending");
    expect(scheduled.conditions).toContainEqual(
      expect.objectContaining({ type: "PodScheduled", status: "False", reason: "Unschedulable" }),
    );
  });

  it("retries an unschedulable pod when a node that fits joins", async () => {
    cluster = testCluster([{ name: "cpu-0", instanceType: "Standard_D8s_v5", cpu: 8, memoryGiB: 32 }]);
    const c = cluster;
    c.store.create(R.deployments, vllmDeployment("later", "Qwen/Qwen3-0.6B", 1), ADMIN);
    await waitFor(() => eventsFor(c.store, "default", podsOf(c, "later")[0]?.metadata.name ?? "").length > 0, 2000, "FailedScheduling");
    const { registerNode } = await import("./gpu-nodes");
    registerNode(
      c.store,
      { name: "gpu-h100-0", instanceType: "ND96", cpu: 96, memoryGiB: 1800, gpu: { model: "h100-80gb", count: 8 } },
      5,
      ADMIN,
    );
    await waitFor(
      () => podsOf(c, "later").find((p) => (p.spec as { nodeName?: string }).nodeName === "gpu-h100-0"),
      3000,
      "bound to new node",
    );
  });

  it("crash-loops with a CUDA out-of-memory log when the model does not fit the node's GPU memory", async () => {
    cluster = testCluster([
      { name: "gpu-l4-0", instanceType: "g2-standard-8", cpu: 8, memoryGiB: 32, gpu: { model: "l4-24gb", count: 1 }, taints: gpuTaint },
    ]);
    const c = cluster;
    c.store.create(R.deployments, vllmDeployment("phi", "microsoft/phi-4", 1), ADMIN);
    const pod = await waitFor(() => podsOf(c, "phi").find((p) => (containerStatus(p)?.restartCount ?? 0) >= 1), 8000, "restarted pod");
    const status = containerStatus(pod)!;
    expect(status.lastState.terminated).toMatchObject({ reason: "Error", exitCode: 1 });
    const previous = c.backends.get()!.readLog("default", pod.metadata.name, "vllm", true) ?? [];
    expect(previous.join("\n")).toContain("torch.OutOfMemoryError: CUDA out of memory");
    expect(eventsFor(c.store, "default", pod.metadata.name).some((e) => e["reason"] === "BackOff" && e["type"] === "Warning")).toBe(true);
  });

  it("crash-loops with HuggingFace's GatedRepoError for a gated model without a token, and runs once a token is given", async () => {
    cluster = testCluster([{ name: "gpu-h100-0", instanceType: "ND96", cpu: 96, memoryGiB: 1800, gpu: { model: "h100-80gb", count: 8 } }]);
    const c = cluster;
    c.store.create(R.deployments, vllmDeployment("llama", "meta-llama/Llama-3.1-8B-Instruct", 1), ADMIN);
    const pod = await waitFor(() => podsOf(c, "llama").find((p) => (containerStatus(p)?.restartCount ?? 0) >= 1), 5000, "restarted");
    expect(c.backends.get()!.readLog("default", pod.metadata.name, "vllm", true)?.join("\n")).toContain(
      "Access to model meta-llama/Llama-3.1-8B-Instruct is restricted. You must have access to it and be authenticated to access it.",
    );
    const withToken = vllmDeployment("llama-token", "meta-llama/Llama-3.1-8B-Instruct", 1);
    const container = ((withToken.spec as Record<string, unknown>).template as { spec: { containers: Record<string, unknown>[] } }).spec
      .containers[0]!;
    container.env = [{ name: "HF_TOKEN", value: "hf_placeholder" }];
    c.store.create(R.deployments, withToken, ADMIN);
    await waitFor(() => podsOf(c, "llama-token").find((p) => containerStatus(p)?.ready), 5000, "ready with a token");
  });

  it("reports ErrImagePull then ImagePullBackOff for an image that does not exist", async () => {
    cluster = testCluster([
      { name: "gpu-l4-0", instanceType: "g2-standard-8", cpu: 8, memoryGiB: 32, gpu: { model: "l4-24gb", count: 1 } },
    ]);
    const c = cluster;
    const d = vllmDeployment("bad", "Qwen/Qwen3-0.6B", 1);
    (
      ((d.spec as Record<string, unknown>).template as { spec: { containers: { image: string }[] } }).spec.containers[0] as {
        image: string;
      }
    ).image = "vllm/vllm-openai:doesnotexist";
    c.store.create(R.deployments, d, ADMIN);
    const pod = await waitFor(
      () => podsOf(c, "bad").find((p) => containerStatus(p)?.state.waiting?.reason === "ImagePullBackOff"),
      3000,
      "ImagePullBackOff",
    );
    expect(containerStatus(pod)?.state.waiting?.message).toContain('Back-off pulling image "vllm/vllm-openai:doesnotexist"');
    expect(eventsFor(c.store, "default", pod.metadata.name).map((e) => e["message"])).toContain("Error: ErrImagePull");
  });

  it("kills the container with OOMKilled when the memory limit is below what loading needs", async () => {
    cluster = testCluster([{ name: "gpu-h100-0", instanceType: "ND96", cpu: 96, memoryGiB: 1800, gpu: { model: "h100-80gb", count: 8 } }]);
    const c = cluster;
    const d = vllmDeployment("tight", "Qwen/Qwen3-8B", 1);
    const container = (
      (d.spec as Record<string, unknown>).template as { spec: { containers: { resources: { limits: Record<string, string> } }[] } }
    ).spec.containers[0]!;
    container.resources.limits.memory = "2Gi";
    c.store.create(R.deployments, d, ADMIN);
    const pod = await waitFor(() => podsOf(c, "tight").find((p) => containerStatus(p)?.lastState.terminated), 8000, "terminated once");
    expect(containerStatus(pod)?.lastState.terminated).toMatchObject({ reason: "OOMKilled", exitCode: 137 });
  });

  it("removes a deleted pod after its shutdown and the ReplicaSet replaces it", async () => {
    cluster = testCluster([{ name: "cpu-0", instanceType: "Standard_D8s_v5", cpu: 8, memoryGiB: 32, gpu: { model: "t4-16gb", count: 1 } }]);
    const c = cluster;
    c.store.create(R.deployments, vllmDeployment("gone", "Qwen/Qwen3-0.6B", 1), ADMIN);
    const pod = await waitFor(() => podsOf(c, "gone").find((p) => containerStatus(p)?.ready), 5000, "ready");
    c.store.delete(R.pods, "default", pod.metadata.name, ADMIN);
    expect(c.store.get(R.pods, "default", pod.metadata.name)?.metadata.deletionTimestamp).toBeDefined();
    await waitFor(() => !c.store.get(R.pods, "default", pod.metadata.name), 3000, "pod removed");
    await waitFor(() => podsOf(c, "gone").find((p) => p.metadata.name !== pod.metadata.name), 3000, "replacement");
  });
});

describe("controller runtime", () => {
  it("runs on injected timers and stop() clears every pending one", async () => {
    const { ObjectStore } = await import("../store/store");
    const { PodBackendRegistry } = await import("../runtime-hooks");
    const { startControllers } = await import("./index");
    const { registerNode } = await import("./gpu-nodes");
    const { seededRandom } = await import("./testing");
    const pending = new Map<number, () => void>();
    let next = 0;
    const timers = {
      setTimeout: (fn: () => void) => {
        pending.set(++next, fn);
        return next;
      },
      clearTimeout: (h: unknown) => void pending.delete(h as number),
    };
    const store = new ObjectStore({ speed: 1 });
    store.create(R.namespaces, { apiVersion: "v1", kind: "Namespace", metadata: { name: "default" } }, ADMIN);
    registerNode(store, { name: "gpu-0", instanceType: "x", cpu: 8, memoryGiB: 64, gpu: { model: "l4-24gb", count: 1 } }, 0, ADMIN);
    const controllers = startControllers(store, new PodBackendRegistry(), { speed: 1, random: seededRandom(), timers });
    store.create(R.deployments, vllmDeployment("timed", "Qwen/Qwen3-0.6B", 1), ADMIN);
    // Drive simulated time by hand: fire whatever is due until the pod is Ready.
    await waitFor(
      () => {
        for (const [h, fn] of [...pending]) {
          pending.delete(h);
          fn();
        }
        return podsOf({ store } as TestCluster, "timed").find((p) => containerStatus(p)?.ready);
      },
      3000,
      "ready on injected timers",
    );
    expect(pending.size).toBeGreaterThan(0); // request-log traffic keeps ticking
    controllers.stop();
    expect(pending.size).toBe(0);
    store.close();
  });
});
