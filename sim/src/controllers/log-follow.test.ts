/**
 * Followed logs end as the kubelet ends them: when the followed container instance exits (a
 * crash) or the pod is killed — seen through kubectl 1.32 against the simulated kubelet.
 */
import { existsSync } from "node:fs";
import type { KubernetesObject, V1Pod } from "@kubernetes/client-node";
import { afterEach, describe, expect, it } from "vitest";
import { eventually, startTestCluster, type TestCluster } from "../http/testing";
import { registerNode } from "./gpu-nodes";
import { ADMIN } from "./testing";

const KUBECTL = "/usr/bin/kubectl";
const hasKubectl = existsSync(KUBECTL);

let t: TestCluster | undefined;
afterEach(async () => t?.stop());

/** A one-replica Deployment running vLLM with `model` on one tolerated GPU. */
function engine(name: string, model: string): KubernetesObject {
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
          tolerations: [{ key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" }],
          containers: [
            {
              name: "vllm",
              image: "vllm/vllm-openai:v0.10.1",
              args: ["--model", model, "--port", "8000"],
              resources: { limits: { "nvidia.com/gpu": "1" } },
            },
          ],
        },
      },
    },
  } as KubernetesObject;
}

/** A cluster with one L4 node (24 GB) at `speed`. */
async function l4Cluster(speed: number): Promise<TestCluster> {
  const c = await startTestCluster({ speed });
  registerNode(
    c.cluster.store,
    { name: "gpu-l4-0", instanceType: "g2-standard-8", cpu: 8, memoryGiB: 32, gpu: { model: "l4-24gb", count: 1 } },
    0,
    ADMIN,
  );
  return c;
}

/** The pod of Deployment `app` once its container is running. */
async function runningPod(c: TestCluster, app: string): Promise<V1Pod> {
  return (await eventually(async () => {
    const pods = await c.core().listNamespacedPod({ namespace: "default", labelSelector: `app=${app}` });
    return pods.items.find((p) => p.status?.containerStatuses?.[0]?.state?.running);
  }, 5000)) as V1Pod;
}

/** `kubectl logs -f <pod>`: its exit code, and its output so far / at exit. */
function followWithKubectl(c: TestCluster, pod: string) {
  const proc = Bun.spawn([KUBECTL, "--kubeconfig", c.cluster.kubeconfigPath, "logs", "-f", pod, "-n", "default"], {
    stdout: "pipe",
    stderr: "pipe",
  });
  let text = "";
  const decoder = new TextDecoder();
  const done = (async () => {
    for await (const chunk of proc.stdout) text += decoder.decode(chunk);
  })();
  return {
    exited: proc.exited,
    soFar: () => text,
    output: async () => {
      await done;
      return text;
    },
  };
}

describe.runIf(hasKubectl)("kubectl logs -f against the simulated kubelet", () => {
  it("ends when the followed container crashes, before the kubelet restarts it", async () => {
    // DeepSeek-R1 cannot fit one L4: vLLM loads for a while, then dies with CUDA out of memory.
    t = await l4Cluster(0.03);
    const c = t;
    await c.objects().create(engine("r1", "deepseek-ai/DeepSeek-R1-0528"));
    const pod = (await runningPod(c, "r1")).metadata!.name!;
    const follow = followWithKubectl(c, pod);
    expect(await follow.exited).toBe(0);
    const output = await follow.output();
    // At EOF the instance has exited but not yet restarted (back-off), and the stream is that instance's log.
    const status = (await c.core().readNamespacedPod({ name: pod, namespace: "default" })).status?.containerStatuses?.[0];
    expect(status?.restartCount).toBe(0);
    expect(status?.state?.waiting?.reason).toBe("CrashLoopBackOff");
    expect(status?.lastState?.terminated).toMatchObject({ reason: "Error", exitCode: 1 });
    expect(output).toContain("torch.OutOfMemoryError: CUDA out of memory");
    const previous = await c.core().readNamespacedPodLog({ name: pod, namespace: "default", container: "vllm", previous: true });
    expect(previous.endsWith(output.split("\n").slice(-6).join("\n"))).toBe(true);
  });

  it("ends when the pod is deleted, as its container is killed and before the pod object is gone", async () => {
    // Slow enough that the kubelet's 2 s shutdown takes 200 ms of wall time.
    t = await l4Cluster(0.1);
    const c = t;
    await c.objects().create(engine("qwen", "Qwen/Qwen3-0.6B"));
    const pod = (await runningPod(c, "qwen")).metadata!.name!;
    const follow = followWithKubectl(c, pod);
    // kubectl is attached once it has printed the log so far; then the pod is deleted.
    await eventually(() => follow.soFar().includes("Starting vLLM API server"), 5000);
    await c.core().deleteNamespacedPod({ name: pod, namespace: "default" });
    expect(await follow.exited).toBe(0);
    const terminating = await c.core().readNamespacedPod({ name: pod, namespace: "default" });
    expect(terminating.metadata?.deletionTimestamp).toBeDefined();
    expect(await follow.output()).toContain("Starting vLLM API server");
  });
});
