/**
 * The `demo` seed: a GKE-like cluster with H100, L4, A100 and CPU pools, the three runtimes
 * installed from their real CRDs with operator Deployments, and a handful of deployments rendered
 * by the product's own manifest generators (`renderManifests`), chosen to land in every state:
 * running, deploying (a 70B model still loading), pending (KAITO waiting for GPU nodes of a pool
 * that does not exist), a worker that no node can fit (16 GPUs), crash-looping (a model too big for
 * its GPU) and an image that cannot be pulled.
 */
import { DeploymentConfig, type DeploymentConfigInput, renderManifests } from "@kubeairunway/shared";
import { registerNode } from "../controllers/gpu-nodes";
import { R } from "../store/builtins";
import type { ObjectStore } from "../store/store";
import type { Actor, KubeObject, ResourceType } from "../store/types";
import { installRuntimeCrds } from "./crds";
import { demoNodePools } from "./nodes";
import { OPERATORS, operatorDeployment } from "./operators";

export const SEED_ACTOR: Actor = { username: "system:sim-seed", groups: ["system:masters", "system:authenticated"] };

/** Namespaces the demo creates besides the base ones. */
export const DEMO_NAMESPACES = ["default", "team-a", "team-b", "kubeairunway-system", ...Object.values(OPERATORS).map((o) => o.namespace)];

/** Everything that tolerates the GPU taint goes to the H100 pool; the A100 node is kept for the 70B model. */
const h100Pool = { "cloud.google.com/gke-nodepool": "h100-pool" };
/** Gated models (Llama, Gemma) need the token the demo stores in Secret `hf-token`. */
const hfToken = { name: "hf-token", key: "HF_TOKEN" };
const tolerateGpu = [{ key: "nvidia.com/gpu", operator: "Exists" as const, effect: "NoSchedule" as const }];

/** The demo deployments, as a user would enter them in the wizard, with the state each ends in. */
export const DEMO_DEPLOYMENTS: {
  expect: "running" | "deploying" | "pending" | "unschedulable" | "crash-looping";
  config: DeploymentConfigInput;
}[] = [
  {
    expect: "running",
    config: {
      runtime: "kaito",
      engine: "vllm",
      name: "phi-4-mini",
      namespace: "team-a",
      model: "microsoft/Phi-4-mini-instruct",
      nodeSelector: { "cloud.google.com/gke-nodepool": "l4-pool" },
    },
  },
  {
    expect: "running",
    config: {
      runtime: "dynamo",
      engine: "vllm",
      mode: "disaggregated",
      name: "qwen3-8b-disagg",
      namespace: "team-a",
      model: "Qwen/Qwen3-8B",
      tolerations: tolerateGpu,
      nodeSelector: h100Pool,
    },
  },
  {
    expect: "running",
    config: {
      runtime: "dynamo",
      engine: "sglang",
      name: "qwen3-sglang",
      namespace: "team-a",
      model: "Qwen/Qwen3-0.6B",
      tolerations: tolerateGpu,
      nodeSelector: h100Pool,
    },
  },
  {
    expect: "running",
    config: {
      runtime: "kuberay",
      engine: "vllm",
      name: "llama-3-1-8b",
      hfTokenSecret: hfToken,
      namespace: "team-b",
      model: "meta-llama/Llama-3.1-8B-Instruct",
      tolerations: tolerateGpu,
      nodeSelector: h100Pool,
    },
  },
  {
    expect: "deploying",
    config: {
      runtime: "kaito",
      engine: "vllm",
      name: "llama-3-3-70b",
      hfTokenSecret: hfToken,
      namespace: "team-b",
      model: "meta-llama/Llama-3.3-70B-Instruct",
      gpusPerReplica: 4,
      nodeSelector: { "cloud.google.com/gke-nodepool": "a100-pool" },
    },
  },
  {
    expect: "pending",
    config: {
      runtime: "kaito",
      engine: "vllm",
      name: "gemma-3-27b",
      hfTokenSecret: hfToken,
      namespace: "team-b",
      model: "google/gemma-3-27b-it",
      nodeSelector: { "cloud.google.com/gke-nodepool": "h200-pool" },
    },
  },
  {
    expect: "unschedulable",
    config: {
      runtime: "dynamo",
      engine: "vllm",
      name: "deepseek-r1",
      namespace: "team-b",
      model: "deepseek-ai/DeepSeek-R1-0528",
      gpusPerReplica: 16,
      tolerations: tolerateGpu,
      nodeSelector: h100Pool,
    },
  },
  {
    expect: "crash-looping",
    config: {
      runtime: "kaito",
      engine: "vllm",
      name: "phi-4",
      namespace: "default",
      model: "microsoft/phi-4",
      nodeSelector: { "cloud.google.com/gke-nodepool": "l4-pool" },
    },
  },
  {
    expect: "running",
    config: {
      runtime: "kaito",
      engine: "llamacpp",
      name: "qwen3-gguf",
      namespace: "default",
      model: "Qwen/Qwen3-0.6B-GGUF",
      gpusPerReplica: 0,
      nodeSelector: { "cloud.google.com/gke-nodepool": "cpu-pool" },
    },
  },
];

/** A deployment whose image does not exist, for ImagePullBackOff (the wizard has no image field). */
function brokenImageDeployment(): KubeObject[] {
  const config = DeploymentConfig.parse({
    runtime: "dynamo",
    engine: "vllm",
    name: "qwen3-nightly",
    namespace: "team-b",
    model: "Qwen/Qwen3-0.6B",
    tolerations: tolerateGpu,
    nodeSelector: h100Pool,
  });
  const manifests = renderManifests(config) as unknown as KubeObject[];
  for (const m of manifests) {
    const services =
      (m.spec as { services?: Record<string, { extraPodSpec?: { mainContainer?: { image?: string } } }> } | undefined)?.services ?? {};
    for (const svc of Object.values(services))
      if (svc.extraPodSpec?.mainContainer)
        svc.extraPodSpec.mainContainer.image = "nvcr.io/nvidia/ai-dynamo/vllm-runtime:nightly-doesnotexist";
  }
  return manifests;
}

/** The resource type of a manifest from its apiVersion/kind (built-ins or installed CRDs). */
export function resourceTypeOf(store: ObjectStore, object: KubeObject): ResourceType {
  const [group, version] = object.apiVersion.includes("/") ? (object.apiVersion.split("/") as [string, string]) : ["", object.apiVersion];
  const info = store.resources().find((r) => r.group === group && r.kind === object.kind);
  if (!info) throw new Error(`the sim does not serve ${object.apiVersion} ${object.kind}`);
  return { group, version: version ?? "v1", resource: info.resource };
}

/** Creates `object` unless it exists (seeds can be applied to a cluster that already has some of it). */
export function createIfMissing(store: ObjectStore, object: KubeObject): KubeObject {
  const type = resourceTypeOf(store, object);
  return store.get(type, object.metadata.namespace, object.metadata.name) ?? store.create(type, object, SEED_ACTOR);
}

/** Namespaces, Secrets with a placeholder HF token, node pools, CRDs and operators. */
export async function seedPlatform(store: ObjectStore, namespaces: string[], nodes = demoNodePools()): Promise<void> {
  for (const name of new Set([...namespaces, ...Object.values(OPERATORS).map((o) => o.namespace)]))
    createIfMissing(store, { apiVersion: "v1", kind: "Namespace", metadata: { name } });
  nodes.forEach((shape, i) => {
    if (!store.get(R.nodes, undefined, shape.name)) registerNode(store, shape, i, SEED_ACTOR);
  });
  await installRuntimeCrds(store, ["kaito", "kuberay", "dynamo"], SEED_ACTOR);
  for (const runtime of ["kaito", "kuberay", "dynamo"] as const) createIfMissing(store, operatorDeployment(runtime));
}

/** Applies the demo seed. */
export async function applyDemoSeed(store: ObjectStore): Promise<void> {
  await seedPlatform(store, DEMO_NAMESPACES);
  for (const ns of ["default", "team-a", "team-b"]) {
    createIfMissing(store, {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "hf-token", namespace: ns },
      type: "Opaque",
      data: { HF_TOKEN: btoa("hf_sim_placeholder_not_a_real_token") },
    });
  }
  const manifests = [
    ...DEMO_DEPLOYMENTS.flatMap((d) => renderManifests(DeploymentConfig.parse(d.config)) as unknown as KubeObject[]),
    ...brokenImageDeployment(),
  ];
  // Companions (ConfigMaps, Secrets) first so a custom resource never refers to something missing.
  manifests.sort((a, b) => Number(a.apiVersion !== "v1") - Number(b.apiVersion !== "v1"));
  for (const manifest of manifests) createIfMissing(store, manifest);
}
