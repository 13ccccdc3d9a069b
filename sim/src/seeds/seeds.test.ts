import { DeploymentConfig, providerFor } from "@kubeairunway/shared";
import { afterEach, describe, expect, it } from "vitest";
import { startControllers } from "../controllers/index";
import { parsePromText } from "../controllers/prom-text";
import { seededRandom, waitFor } from "../controllers/testing";
import { PodBackendRegistry } from "../runtime-hooks";
import { R } from "../store/builtins";
import { ObjectStore } from "../store/store";
import type { KubeObject } from "../store/types";
import { DEMO_DEPLOYMENTS, resourceTypeOf } from "./demo";
import { applySeed } from "./index";
import { SCALE_NAMESPACES } from "./scale";

interface Running {
  store: ObjectStore;
  backends: PodBackendRegistry;
  stop(): void;
}
let running: Running | undefined;
afterEach(() => running?.stop());

async function seeded(seed: string, speed: number): Promise<Running> {
  const store = new ObjectStore({ speed });
  const backends = new PodBackendRegistry();
  const controllers = startControllers(store, backends, { speed, random: seededRandom(7) });
  running = {
    store,
    backends,
    stop: () => {
      controllers.stop();
      store.close();
    },
  };
  await applySeed(store, seed, { speed, random: seededRandom(7) });
  return running;
}

function summary(store: ObjectStore, input: (typeof DEMO_DEPLOYMENTS)[number]["config"]) {
  const config = DeploymentConfig.parse(input);
  const provider = providerFor(config.runtime);
  const probe = {
    apiVersion: { kaito: "kaito.sh/v1beta1", kuberay: "ray.io/v1", dynamo: "nvidia.com/v1alpha1" }[config.runtime],
    kind: { kaito: "Workspace", kuberay: "RayService", dynamo: "DynamoGraphDeployment" }[config.runtime],
    metadata: { name: config.name },
  } as KubeObject;
  const cr = store.get(resourceTypeOf(store, probe), config.namespace, config.name);
  if (!cr) return undefined;
  const [label, value] = Object.entries(provider.podSelector(config.name))[0]!;
  const pods = store.list(R.pods, { namespace: config.namespace, labelSelector: `${label}=${value}` }).items;
  return { summary: provider.summarize(cr as never, pods as never), pods };
}

const waitingReasons = (pods: KubeObject[]) =>
  pods.flatMap((p) =>
    ((p.status as { containerStatuses?: { state?: { waiting?: { reason?: string } } }[] }).containerStatuses ?? []).map(
      (c) => c.state?.waiting?.reason,
    ),
  );

describe("demo seed", () => {
  it("brings every demo deployment to the state it was chosen for, as the product reads it", async () => {
    const { store } = await seeded("demo", 0.001);
    for (const d of DEMO_DEPLOYMENTS.filter((x) => x.expect === "running" || x.expect === "deploying")) {
      await waitFor(() => summary(store, d.config)?.summary.phase === "Running", 8000, `${d.config.name} Running`);
    }
    const pending = DEMO_DEPLOYMENTS.find((d) => d.expect === "pending")!;
    await waitFor(() => summary(store, pending.config)?.summary.phase === "Pending", 2000, "pending deployment");
    const unschedulable = DEMO_DEPLOYMENTS.find((d) => d.expect === "unschedulable")!;
    // The 16-GPU worker fits no node: Pending (not Deploying or Failed), and the row says why in GPUs.
    const u = await waitFor(
      () => {
        const s = summary(store, unschedulable.config);
        return s?.summary.explanation?.includes("cannot be scheduled") ? s : undefined;
      },
      2000,
      "unschedulable deployment explained",
    );
    expect(u.summary.phase).toBe("Pending");
    expect(u.summary.gpus).toBe(16);
    expect(u.summary.explanation).toMatch(
      /^Pod deepseek-r1-vllmdecodeworker-\S+ cannot be scheduled\. Not enough free GPUs: the pod asks for 16 nvidia\.com\/gpu and \d+ nodes of 7 do not have that many free\.$/,
    );
    const events = store.list(R.events, { namespace: "team-b" }).items.filter((e) => e["reason"] === "FailedScheduling");
    expect(events.map((e) => e["message"]).join("\n")).toMatch(/^0\/7 nodes are available: .*Insufficient nvidia\.com\/gpu/m);
    const crashing = DEMO_DEPLOYMENTS.find((d) => d.expect === "crash-looping")!;
    const c = await waitFor(
      () => {
        const s = summary(store, crashing.config);
        return s && waitingReasons(s.pods).includes("CrashLoopBackOff") ? s : undefined;
      },
      8000,
      "CrashLoopBackOff",
    );
    expect(c.summary.phase).not.toBe("Running");
    await waitFor(
      () => {
        const pods = store.list(R.pods, {
          namespace: "team-b",
          labelSelector: "nvidia.com/dynamo-graph-deployment-name=qwen3-nightly",
        }).items;
        return waitingReasons(pods).includes("ImagePullBackOff");
      },
      3000,
      "ImagePullBackOff",
    );
    const ns = store.list(R.namespaces).items.map((n) => n.metadata.name);
    expect(ns).toEqual(expect.arrayContaining(["default", "team-a", "team-b", "kubeairunway-system"]));
  });

  it("shows the 70B model still deploying shortly after start at demo speed", async () => {
    const { store } = await seeded("demo", 1);
    const deploying = DEMO_DEPLOYMENTS.find((d) => d.expect === "deploying")!;
    await new Promise((r) => setTimeout(r, 300));
    expect(summary(store, deploying.config)?.summary.phase).toMatch(/Pending|Deploying/);
  });
});

describe("scale seed", () => {
  it("applies 5,000 deployments across runtimes and namespaces in a few seconds, pods adopted as running", async () => {
    const started = performance.now();
    const { store, backends } = await seeded("scale:5000", 1);
    // About 2.5 s under plain Bun; vitest's module transform roughly doubles it.
    expect(performance.now() - started).toBeLessThan(8000);
    const count = (group: string, version: string, resource: string) => store.list({ group, version, resource }).items.length;
    const total =
      count("kaito.sh", "v1beta1", "workspaces") +
      count("ray.io", "v1", "rayservices") +
      count("nvidia.com", "v1alpha1", "dynamographdeployments");
    expect(total).toBe(5000);
    const perNamespace = new Set(
      store.list({ group: "ray.io", version: "v1", resource: "rayservices" }).items.map((o) => o.metadata.namespace),
    );
    expect(perNamespace.size).toBe(SCALE_NAMESPACES.length);
    const pod = store.get(R.pods, "team-a", "bench-00001-bench-gpu-group-worker-x0000")!;
    const rv = pod.metadata.resourceVersion;
    await new Promise((r) => setTimeout(r, 200));
    expect(store.get(R.pods, "team-a", pod.metadata.name)?.metadata.resourceVersion).toBe(rv);
    const backend = backends.get()!;
    expect(backend.readLog("team-a", pod.metadata.name, "ray-worker", false)?.join("\n")).toContain("Starting to load model");
    const metrics = await (await backend.serve("team-a", pod.metadata.name, 8080, "/metrics", new Request("http://sim/metrics")))!.text();
    expect(parsePromText(metrics).types.get("ray_vllm:generation_tokens_total")).toBe("counter");
  }, 20_000);

  it("rejects unknown seeds with a message naming the valid ones", async () => {
    await expect(applySeed(new ObjectStore(), "big", { speed: 1, random: Math.random })).rejects.toThrow(/empty, demo or scale:N/);
  });
});
