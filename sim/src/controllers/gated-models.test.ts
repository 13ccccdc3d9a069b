/**
 * A gated HuggingFace model (model-facts.json `gated: true`) without a token crash-loops with
 * GatedRepoError under every runtime whose pods download the model, and runs once the product's
 * token Secret is referenced. Deployments are rendered by the product's own manifest generators
 * and read back through the sim's HTTP API with client-node.
 */

import { DeploymentConfig, type DeploymentConfigInput, providerFor, renderManifests } from "@kubeairunway/shared";
import type { KubernetesObject, V1ContainerStatus, V1Pod } from "@kubernetes/client-node";
import { afterEach, describe, expect, it } from "vitest";
import { eventually, startTestCluster, type TestCluster } from "../http/testing";
import { installRuntimeCrds } from "../seeds/crds";
import { OPERATORS, operatorDeployment } from "../seeds/operators";
import { R } from "../store/builtins";
import { registerNode } from "./gpu-nodes";
import { ADMIN } from "./testing";

let t: TestCluster | undefined;
afterEach(async () => t?.stop());

const MODEL = "meta-llama/Llama-3.1-8B-Instruct";
const pool = { "cloud.google.com/gke-nodepool": "h100-pool" };
const tolerations = [{ key: "nvidia.com/gpu", operator: "Exists" as const, effect: "NoSchedule" as const }];

/** An H100 node, the runtime's CRDs and operator, and Secret `hf-token` (created over HTTP). */
async function clusterWith(runtime: "kaito" | "kuberay" | "dynamo"): Promise<TestCluster> {
  const c = await startTestCluster({ speed: 0.001 });
  const store = c.cluster.store;
  await installRuntimeCrds(store, [runtime], ADMIN);
  store.create(R.namespaces, { apiVersion: "v1", kind: "Namespace", metadata: { name: OPERATORS[runtime].namespace } }, ADMIN);
  store.create(R.deployments, operatorDeployment(runtime), ADMIN);
  const h100 = { model: "h100-80gb" as const, count: 8 };
  registerNode(store, { name: "cpu-0", instanceType: "e2-standard-16", cpu: 16, memoryGiB: 64, labels: pool }, 0, ADMIN);
  registerNode(store, { name: "gpu-h100-0", instanceType: "a3-highgpu-8g", cpu: 208, memoryGiB: 1872, gpu: h100, labels: pool }, 1, ADMIN);
  const secret = {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: "hf-token", namespace: "default" },
    stringData: { HF_TOKEN: "hf_x" },
  };
  await c.objects().create(secret as KubernetesObject);
  return c;
}

/** Renders the deployment as the product would and creates its manifests over HTTP. */
async function deploy(c: TestCluster, input: DeploymentConfigInput): Promise<DeploymentConfig> {
  const config = DeploymentConfig.parse(input);
  for (const manifest of renderManifests(config)) await c.objects().create(manifest as unknown as KubernetesObject);
  return config;
}

async function podsOf(c: TestCluster, config: DeploymentConfig): Promise<V1Pod[]> {
  const selector = Object.entries(providerFor(config.runtime).podSelector(config.name))
    .map(([k, v]) => `${k}=${v}`)
    .join(",");
  return (await c.core().listNamespacedPod({ namespace: "default", labelSelector: selector })).items;
}

/** `eventually` for a check that answers `undefined` until it holds. */
const eventuallyDefined = async <T>(check: () => Promise<T | undefined>, timeoutMs: number): Promise<T> =>
  (await eventually(check, timeoutMs)) as T;

const statuses = (pods: V1Pod[]) =>
  pods.flatMap((p) => (p.status?.containerStatuses ?? []).map((s) => ({ pod: p.metadata!.name!, status: s as V1ContainerStatus })));

const RUNTIMES: { runtime: "kaito" | "kuberay" | "dynamo"; extra: Partial<DeploymentConfigInput> }[] = [
  { runtime: "kaito", extra: { nodeSelector: pool } },
  { runtime: "kuberay", extra: { tolerations, nodeSelector: pool } },
  { runtime: "dynamo", extra: { tolerations, nodeSelector: pool } },
];

describe.each(RUNTIMES)("a gated model under $runtime", ({ runtime, extra }) => {
  it("crash-loops with GatedRepoError without a HuggingFace token, and runs with one", async () => {
    t = await clusterWith(runtime);
    const c = t;
    const base = { runtime, engine: "vllm", namespace: "default", model: MODEL, ...extra } as DeploymentConfigInput;
    const without = await deploy(c, { ...base, name: "no-token" } as DeploymentConfigInput);
    const withToken = await deploy(c, {
      ...base,
      name: "with-token",
      hfTokenSecret: { name: "hf-token", key: "HF_TOKEN" },
    } as DeploymentConfigInput);

    const crashing = await eventuallyDefined(
      async () => statuses(await podsOf(c, without)).find((s) => s.status.state?.waiting?.reason === "CrashLoopBackOff"),
      8000,
    );
    expect(crashing.status.lastState?.terminated).toMatchObject({ reason: "Error", exitCode: 1 });
    const log = await c.core().readNamespacedPodLog({
      name: crashing.pod,
      namespace: "default",
      container: crashing.status.name,
      previous: true,
    });
    expect(log).toContain("huggingface_hub.errors.GatedRepoError: 401 Client Error.");
    expect(log).toContain(`Access to model ${MODEL} is restricted.`);

    // Same deployment with the token Secret referenced: every container becomes ready, none restarts.
    const ready = await eventuallyDefined(async () => {
      const all = statuses(await podsOf(c, withToken));
      return all.length > 0 && all.every((s) => s.status.ready) ? all : undefined;
    }, 8000);
    expect(ready.every((s) => s.status.restartCount === 0)).toBe(true);
  });
});
