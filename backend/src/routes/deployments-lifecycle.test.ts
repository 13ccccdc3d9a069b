import type { DeploymentConfigInput, DeploymentDetail, DeploymentList } from "@kubeairunway/shared";
import { R } from "@kubeairunway/sim";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SimBackend, startSimBackend, waitFor } from "../testing/sim-backend";

/** KAITO runs on bring-your-own nodes picked by its label selector (the node selector by default). */
const GPU_NODES = { "node.kubernetes.io/instance-type": "Standard_ND96isr_H100_v5" };
const CPU_NODES = { "node.kubernetes.io/instance-type": "Standard_D16s_v5" };

/** Every runtime × engine × mode the providers support (the same set the provider tests render). */
const COMBINATIONS: { label: string; config: DeploymentConfigInput }[] = [
  {
    label: "kaito vllm (with an engine-args ConfigMap)",
    config: {
      runtime: "kaito",
      engine: "vllm",
      model: "phi-4-mini-instruct",
      name: "k-vllm",
      namespace: "team-a",
      nodeSelector: GPU_NODES,
      contextLength: 4096,
    },
  },
  {
    label: "kaito llamacpp",
    config: {
      runtime: "kaito",
      engine: "llamacpp",
      model: "bartowski/Qwen3-0.6B-GGUF",
      gpusPerReplica: 0,
      kaito: { ggufFile: "Qwen3-0.6B-Q4_K_M.gguf" },
      name: "k-llama",
      namespace: "team-a",
      nodeSelector: CPU_NODES,
    },
  },
  { label: "kuberay vllm", config: { runtime: "kuberay", engine: "vllm", model: "Qwen/Qwen3-0.6B", name: "r-vllm", namespace: "team-a" } },
  ...(["vllm", "sglang", "trtllm"] as const).flatMap((engine) =>
    (["aggregated", "disaggregated"] as const).map((mode) => ({
      label: `dynamo ${engine} ${mode}`,
      config: {
        runtime: "dynamo" as const,
        engine,
        mode,
        model: "Qwen/Qwen3-0.6B",
        name: `d-${engine}-${mode.slice(0, 3)}`,
        namespace: "team-b",
      },
    })),
  ),
];

function configAt(i: number): DeploymentConfigInput {
  const entry = COMBINATIONS[i];
  if (!entry) throw new Error(`no combination ${i}`);
  return entry.config;
}

let env: SimBackend;
beforeAll(async () => {
  env = await startSimBackend();
});
afterAll(async () => {
  await env?.stop();
});

async function detail(namespace: string, name: string): Promise<DeploymentDetail | undefined> {
  const res = await env.call(`/api/deployments/${namespace}/${name}`);
  return res.ok ? ((await res.json()) as DeploymentDetail) : undefined;
}

describe("deployments over HTTP against the sim", () => {
  it.each(COMBINATIONS)("creates $label as the user and it reaches Running", async ({ config }) => {
    const res = await env.call("/api/deployments", { method: "POST", body: config });
    expect(res.status, await res.clone().text()).toBe(201);
    expect(await res.json()).toMatchObject({ name: config.name, namespace: config.namespace, runtime: config.runtime, created: true });
    const running = await waitFor(
      async () => {
        const d = await detail(config.namespace, config.name);
        return d?.summary.phase === "Running" ? d : undefined;
      },
      15_000,
      `${config.name} Running`,
    );
    expect(running.status.replicas.ready).toBeGreaterThan(0);
    expect(running.pods.length).toBeGreaterThan(0);
    expect(running.pods.every((p) => p.ready && p.node)).toBe(true);
    expect(running.resource).toMatchObject({ metadata: { name: config.name } });
    expect(running.status.endpoints.length).toBeGreaterThan(0);
    expect(running.status.endpoints[0]).toMatchObject({ namespace: config.namespace, basePath: expect.stringMatching(/^\/v1/) });
    expect(running.status.conditions.length).toBeGreaterThan(0);
    expect(running.pods.every((p) => p.restarts === 0 && p.containers.length > 0)).toBe(true);
  });

  it("lists every created deployment with replicas and a pod summary, across namespaces", async () => {
    const res = await env.call("/api/deployments?sort=name");
    const list = (await res.json()) as DeploymentList;
    expect(list.stale).toBe(false);
    expect(list.notInstalled).toEqual([]);
    expect(list.errors).toEqual([]);
    expect(list.items.map((i) => i.name).sort()).toEqual(COMBINATIONS.map((c) => c.config.name).sort());
    for (const item of list.items) {
      expect(item.phase).toBe("Running");
      expect(item.pods.total).toBeGreaterThan(0);
      expect(item.replicas.ready).toBe(item.replicas.desired);
    }
  });

  it("pages with limit/continue and filters by namespace, runtime and text", async () => {
    const first = (await (await env.call("/api/deployments?sort=name&limit=3")).json()) as DeploymentList;
    expect(first.items).toHaveLength(3);
    expect(first.total).toBe(COMBINATIONS.length);
    const second = (await (await env.call(`/api/deployments?sort=name&limit=100&continue=${first.continue}`)).json()) as DeploymentList;
    expect([...first.items, ...second.items].map((i) => i.name)).toEqual(COMBINATIONS.map((c) => c.config.name).sort());
    expect(second.continue).toBeUndefined();
    const teamB = (await (await env.call("/api/deployments?namespace=team-b")).json()) as DeploymentList;
    expect(teamB.items.every((i) => i.namespace === "team-b" && i.runtime === "dynamo")).toBe(true);
    const sglang = (await (await env.call("/api/deployments?runtime=dynamo&text=SGLANG")).json()) as DeploymentList;
    expect(sglang.items.map((i) => i.name).sort()).toEqual(["d-sglang-agg", "d-sglang-dis"]);
  });

  it("answers a retried create of the same object with created:false, and a different one with 409", async () => {
    const config = configAt(2);
    const again = await env.call("/api/deployments", { method: "POST", body: config });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ created: false });
    const clash = await env.call("/api/deployments", { method: "POST", body: { ...config, replicas: 3 } });
    expect(clash.status).toBe(409);
    expect(((await clash.json()) as { error: { code: string } }).error.code).toBe("conflict");
  });

  it("creates companions owned by the custom resource", async () => {
    const { namespace, name } = configAt(0);
    const workspace = env.sim.store.get({ group: "kaito.sh", version: "v1beta1", resource: "workspaces" }, namespace, name);
    const configMap = env.sim.store.get(R.configmaps, namespace, `${name}-inference-config`);
    expect(configMap?.metadata.ownerReferences).toEqual([
      expect.objectContaining({ kind: "Workspace", name, uid: workspace?.metadata.uid }),
    ]);
    expect(String(configMap?.data && (configMap.data as Record<string, string>)["inference_config.yaml"])).toContain("max-model-len: 4096");
  });

  it("deletes a deployment and the cluster removes its children", async () => {
    const { namespace, name } = configAt(0);
    const before = await detail(namespace, name);
    const podNames = before?.pods.map((p) => p.name) ?? [];
    expect(podNames.length).toBeGreaterThan(0);
    const res = await env.call(`/api/deployments/${namespace}/${name}`, { method: "DELETE" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ name, namespace, deleted: true });
    await waitFor(() => (podNames.every((p) => !env.sim.store.get(R.pods, namespace, p)) ? true : undefined), 10_000, "pods gone");
    await waitFor(async () => ((await env.call(`/api/deployments/${namespace}/${name}`)).status === 404 ? true : undefined), 5_000, "404");
    const owned = env.sim.store
      .list(R.services, { namespace })
      .items.filter((s) => s.metadata.ownerReferences?.some((o) => o.name === name));
    expect(owned).toEqual([]);
    await waitFor(
      () => (env.sim.store.get(R.configmaps, namespace, `${name}-inference-config`) ? undefined : true),
      5_000,
      "ConfigMap gone",
    );
    const again = await env.call(`/api/deployments/${namespace}/${name}`, { method: "DELETE" });
    expect(again.status).toBe(404);
  });
});
