/**
 * Followed logs end as the kubelet ends them: when the followed container instance exits (a
 * crash) or the pod is killed; and a crash-looping container's logs are its last instance's
 * (kube-api.md §7) — seen through kubectl 1.32 against the simulated kubelet.
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

/** `kubectl logs <pod> [args]`: exit code, stdout and stderr. */
async function kubectlLogs(c: TestCluster, pod: string, ...args: string[]) {
  const proc = Bun.spawn([KUBECTL, "--kubeconfig", c.cluster.kubeconfigPath, "logs", pod, "-n", "default", ...args], {
    stdout: "pipe",
    stderr: "pipe",
  });
  const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  return { code, stdout, stderr };
}

/** The first container's status of `pod`. */
async function containerStatusOf(c: TestCluster, pod: string) {
  return (await c.core().readNamespacedPod({ name: pod, namespace: "default" })).status?.containerStatuses?.[0];
}

describe.runIf(hasKubectl)("kubectl logs of a crash-looping container", () => {
  it("shows the crashed instance while it waits in back-off, and as --previous once the next instance runs", async () => {
    // phi-4 needs more than one L4's 24 GB: vLLM dies with CUDA out of memory. At 0.1 the first
    // back-off (10 s) lasts a wall second, long enough for kubectl to read the log during it.
    t = await l4Cluster(0.1);
    const c = t;
    await c.objects().create(engine("phi", "microsoft/phi-4"));
    const pod = (await runningPod(c, "phi")).metadata!.name!;
    await eventually(async () => (await containerStatusOf(c, pod))?.state?.waiting?.reason === "CrashLoopBackOff", 10_000);

    const during = await kubectlLogs(c, pod);
    const followed = await kubectlLogs(c, pod, "-f");
    const previousDuring = await kubectlLogs(c, pod, "--previous");
    // Still the first back-off: no new instance started while kubectl read.
    expect((await containerStatusOf(c, pod))?.restartCount).toBe(0);
    expect(during.code).toBe(0);
    expect(during.stdout).toContain("torch.OutOfMemoryError: CUDA out of memory");
    // `-f` prints the exited instance's log and ends: nothing more will come from it.
    expect(followed.code).toBe(0);
    expect(followed.stdout).toBe(during.stdout);
    // `previous` names lastState.terminated, which during back-off is that same instance.
    expect(previousDuring.stdout).toBe(during.stdout);

    await eventually(async () => {
      const status = await containerStatusOf(c, pod);
      return status?.restartCount === 1 && status.state?.running;
    }, 10_000);
    const previous = await kubectlLogs(c, pod, "--previous");
    const current = await kubectlLogs(c, pod);
    expect(previous.code).toBe(0);
    expect(previous.stdout).toBe(during.stdout);
    // The new instance writes a fresh log: it is still loading, and has not crashed yet.
    expect(current.code).toBe(0);
    expect(current.stdout).not.toContain("CUDA out of memory");
    expect(current.stdout).not.toBe(during.stdout);
  });

  it("answers --previous with the kubelet's error while the first instance is still running", async () => {
    t = await l4Cluster(0.1);
    const c = t;
    await c.objects().create(engine("phi", "microsoft/phi-4"));
    const pod = (await runningPod(c, "phi")).metadata!.name!;
    const previous = await kubectlLogs(c, pod, "--previous");
    expect(previous.code).not.toBe(0);
    expect(previous.stderr).toContain(`previous terminated container "vllm" in pod "${pod}" not found`);
  });

  it("answers a container that never started with the kubelet's waiting-to-start error", async () => {
    t = await l4Cluster(0.03);
    const c = t;
    const app = engine("missing", "Qwen/Qwen3-0.6B") as KubernetesObject & {
      spec: { template: { spec: { containers: { image: string }[] } } };
    };
    app.spec.template.spec.containers[0]!.image = "vllm/vllm-openai:doesnotexist";
    await c.objects().create(app);
    const pod = (await eventually(async () => {
      const pods = await c.core().listNamespacedPod({ namespace: "default", labelSelector: "app=missing" });
      return pods.items.find((p) => p.status?.containerStatuses?.[0]?.state?.waiting?.reason === "ImagePullBackOff");
    }, 5000)) as V1Pod;
    const logs = await kubectlLogs(c, pod.metadata!.name!);
    expect(logs.code).not.toBe(0);
    expect(logs.stderr).toContain(`container "vllm" in pod "${pod.metadata!.name}" is waiting to start: trying and failing to pull image`);
  });
});

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
