/**
 * The `scale:N` seed for benchmarks: N deployments spread round-robin over KAITO, KubeRay and
 * Dynamo and over ten namespaces, written straight into the store in their final state (custom
 * resource with the operator's status, Running+Ready pods bound to nodes), so 5,000 apply in a few
 * seconds. The objects carry `sim.kubeairunway.io/static=true`: the simulated operators leave them
 * alone and the kubelet adopts their pods as already running (logs and metrics still work).
 */
import { DeploymentConfig, type DeploymentConfigInput, renderManifests } from "@kubeairunway/shared";
import type { NodeShape } from "../controllers/gpu-nodes";
import { STATIC_ANNOTATION } from "../controllers/operators/common";
import { R } from "../store/builtins";
import type { ObjectStore } from "../store/store";
import { resetSystemMetadata } from "../store/strategies";
import type { KubeObject, OwnerReference, ResourceType } from "../store/types";
import { resourceTypeOf, seedPlatform } from "./demo";

export const SCALE_NAMESPACES = ["default", "team-a", "team-b", ...Array.from({ length: 7 }, (_, i) => `bench-${i + 1}`)];
const MODELS = [
  "Qwen/Qwen3-0.6B",
  "Qwen/Qwen3-8B",
  "meta-llama/Llama-3.1-8B-Instruct",
  "microsoft/Phi-4-mini-instruct",
  "google/gemma-3-4b-it",
];
const RUNTIMES = ["kaito", "kuberay", "dynamo"] as const;
const GPUS_PER_NODE = 8;
const TIME = "2026-01-01T00:00:00Z";

function ready(type: string, reason: string, message = ""): Record<string, unknown> {
  return { type, status: "True", reason, message, lastTransitionTime: TIME, observedGeneration: 1 };
}

/** The wizard config of deployment `i`. */
export function scaleConfig(i: number): DeploymentConfigInput {
  const runtime = RUNTIMES[i % RUNTIMES.length]!;
  const model = MODELS[Math.floor(i / RUNTIMES.length) % MODELS.length]!;
  const base = { name: `bench-${String(i).padStart(5, "0")}`, namespace: SCALE_NAMESPACES[i % SCALE_NAMESPACES.length]!, model };
  if (runtime === "kaito") return { ...base, runtime, engine: "vllm", nodeSelector: { "cloud.google.com/gke-nodepool": "bench-pool" } };
  if (runtime === "kuberay") return { ...base, runtime, engine: "vllm" };
  return { ...base, runtime, engine: "vllm" };
}

/** Final status the runtime's operator would write for a ready deployment (or a pending KAITO one). */
function finalStatus(runtime: (typeof RUNTIMES)[number], name: string, pending: boolean): Record<string, unknown> {
  if (runtime === "kaito") {
    return pending
      ? {
          state: "Pending",
          targetNodeCount: 1,
          conditions: [
            { ...ready("ResourceReady", "workspaceResourceStatusNotReady", "Not enough Nodes are ready"), status: "False" },
            { ...ready("WorkspaceSucceeded", "workspacePending", "workspace is pending"), status: "False" },
          ],
        }
      : {
          state: "Ready",
          targetNodeCount: 1,
          workerNodes: [],
          conditions: [
            ready("ResourceReady", "workspaceResourceStatusSuccess"),
            ready("InferenceReady", "WorkspaceInferenceStatusSuccess"),
            ready("WorkspaceSucceeded", "workspaceSucceeded"),
          ],
        };
  }
  if (runtime === "kuberay") {
    const app = {
      status: "RUNNING",
      healthLastUpdateTime: TIME,
      serveDeploymentStatuses: { LLMServer: { status: "HEALTHY", healthLastUpdateTime: TIME } },
    };
    return {
      conditions: [
        ready("Ready", "NonZeroServeEndpoints", "Number of serve endpoints is greater than 0"),
        { ...ready("UpgradeInProgress", "NoPendingCluster"), status: "False" },
      ],
      activeServiceStatus: { rayClusterName: `${name}-bench`, applicationStatuses: { llms: app } },
      pendingServiceStatus: {},
      numServeEndpoints: 2,
      serviceStatus: "Running",
      observedGeneration: 1,
    };
  }
  const svc = (component: string) => ({
    componentKind: "Deployment",
    componentName: `${name}-${component}`,
    replicas: 1,
    updatedReplicas: 1,
    readyReplicas: 1,
    availableReplicas: 1,
  });
  return {
    state: "successful",
    conditions: [ready("Ready", "all_resources_are_ready", "All resources are ready")],
    services: { Frontend: svc("frontend"), VllmDecodeWorker: svc("vllmdecodeworker") },
    observedGeneration: 1,
  };
}

interface PodPlan {
  name: string;
  labels: Record<string, string>;
  container: { name: string; image: string; args: string[]; gpus: number };
}

function podPlans(runtime: (typeof RUNTIMES)[number], name: string, ns: string, model: string): PodPlan[] {
  const args = ["--model", model, "--served-model-name", model];
  if (runtime === "kaito")
    return [
      {
        name: `${name}-0`,
        labels: { "kaito.sh/workspace": name, "statefulset.kubernetes.io/pod-name": `${name}-0` },
        container: { name, image: "mcr.microsoft.com/aks/kaito/kaito-base:0.2.0", args: ["vllm", ...args, "--port", "5000"], gpus: 1 },
      },
    ];
  if (runtime === "kuberay") {
    const ray = {
      "ray.io/cluster": `${name}-bench`,
      "ray.io/is-ray-node": "yes",
      "ray.io/originated-from-crd": "RayService",
      "ray.io/originated-from-cr-name": name,
      "ray.io/serve": "true",
    };
    return [
      {
        name: `${name}-bench-head-x0000`,
        labels: { ...ray, "ray.io/node-type": "head", "ray.io/group": "headgroup" },
        container: { name: "ray-head", image: "rayproject/ray-llm:2.52.0-py311-cu128", args: [], gpus: 0 },
      },
      {
        name: `${name}-bench-gpu-group-worker-x0000`,
        labels: { ...ray, "ray.io/node-type": "worker", "ray.io/group": "gpu-group" },
        container: { name: "ray-worker", image: "rayproject/ray-llm:2.52.0-py311-cu128", args: ["ray", ...args], gpus: 1 },
      },
    ];
  }
  const dyn = {
    "nvidia.com/dynamo-graph-deployment-name": name,
    "nvidia.com/dynamo-namespace": `${ns}-${name}`,
    "nvidia.com/metrics-enabled": "true",
  };
  return [
    {
      name: `${name}-frontend-x0000`,
      labels: { ...dyn, "nvidia.com/dynamo-component": "Frontend", "nvidia.com/dynamo-component-type": "frontend" },
      container: {
        name: "main",
        image: "nvcr.io/nvidia/ai-dynamo/vllm-runtime:1.0.0",
        args: ["-m", "dynamo.frontend", "--served-model-name", model],
        gpus: 0,
      },
    },
    {
      name: `${name}-vllmdecodeworker-x0000`,
      labels: { ...dyn, "nvidia.com/dynamo-component": "VllmDecodeWorker", "nvidia.com/dynamo-component-type": "worker" },
      container: { name: "main", image: "nvcr.io/nvidia/ai-dynamo/vllm-runtime:1.0.0", args: ["-m", "dynamo.vllm", ...args], gpus: 1 },
    },
  ];
}

function podObject(
  plan: PodPlan,
  ns: string,
  owner: OwnerReference,
  node: string,
  ip: string,
  deployment: string,
): [KubeObject, Record<string, unknown>] {
  const gpu = plan.container.gpus > 0 ? { "nvidia.com/gpu": String(plan.container.gpus) } : {};
  const pod: KubeObject = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: plan.name,
      namespace: ns,
      labels: { ...plan.labels, "kubeairunway.io/deployment": deployment, [STATIC_ANNOTATION]: "true" },
      ownerReferences: [owner],
    },
    spec: {
      nodeName: node,
      schedulerName: "default-scheduler",
      restartPolicy: "Always",
      containers: [
        {
          name: plan.container.name,
          image: plan.container.image,
          args: plan.container.args,
          resources: { requests: { cpu: "1", memory: "4Gi", ...gpu }, limits: gpu },
        },
      ],
    },
  };
  const cond = (type: string) => ({ type, status: "True", lastProbeTime: null, lastTransitionTime: TIME });
  const status = {
    phase: "Running",
    podIP: ip,
    podIPs: [{ ip }],
    startTime: TIME,
    conditions: ["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"].map(cond),
    containerStatuses: [
      {
        name: plan.container.name,
        image: plan.container.image,
        imageID: "",
        ready: true,
        started: true,
        restartCount: 0,
        state: { running: { startedAt: TIME } },
        lastState: {},
      },
    ],
  };
  return [pod, status];
}

/**
 * Stores `object` (status included) as one committed change, skipping schema admission: the
 * objects come from the product's own generators, and per-object CRD validation would make 5,000
 * deployments take tens of seconds. Watchers and controllers still see an ADDED event.
 */
function commitDirect(store: ObjectStore, type: ResourceType, stored: KubeObject): KubeObject {
  const info = store.resolve(type);
  stored.apiVersion = type.group ? `${type.group}/${type.version}` : type.version;
  stored.kind = info.kind;
  resetSystemMetadata(stored, crypto.randomUUID(), new Date(), info);
  return store.commit(info, stored, "ADDED");
}

const NAME_PLACEHOLDER = "scale-name-placeholder";
const NAMESPACE_PLACEHOLDER = "scale-namespace-placeholder";

/**
 * The product's manifest for config `i`, rendered once per (runtime, model) with placeholder names
 * and then specialised by string replacement: rendering 5,000 times (YAML for Ray's serveConfigV2)
 * would dominate the seed.
 */
function manifestRenderer(): (i: number) => { config: DeploymentConfig; manifest: KubeObject | undefined } {
  const templates = new Map<string, string>();
  return (i) => {
    const config = DeploymentConfig.parse(scaleConfig(i));
    const templateKey = `${config.runtime}|${config.model}`;
    let template = templates.get(templateKey);
    if (template === undefined) {
      const [rendered] = renderManifests({
        ...config,
        name: NAME_PLACEHOLDER,
        namespace: NAMESPACE_PLACEHOLDER,
      }) as unknown as KubeObject[];
      template = JSON.stringify(rendered ?? null);
      templates.set(templateKey, template);
    }
    const json = template
      .replaceAll(`"${NAME_PLACEHOLDER}"`, JSON.stringify(config.name))
      .replaceAll(`"${NAMESPACE_PLACEHOLDER}"`, JSON.stringify(config.namespace));
    return { config, manifest: (JSON.parse(json) as KubeObject | null) ?? undefined };
  };
}

/** Applies `scale:N`. */
export async function applyScaleSeed(store: ObjectStore, count: number): Promise<void> {
  const nodeCount = Math.max(1, Math.ceil(count / GPUS_PER_NODE));
  const nodes: NodeShape[] = Array.from({ length: nodeCount }, (_, i) => ({
    name: `gke-bench-pool-${String(i).padStart(4, "0")}`,
    instanceType: "a3-highgpu-8g",
    cpu: 208,
    memoryGiB: 1872,
    gpu: { model: "h100-80gb", count: GPUS_PER_NODE },
    labels: { "cloud.google.com/gke-nodepool": "bench-pool" },
  }));
  await seedPlatform(store, SCALE_NAMESPACES, nodes);
  let gpuSlot = 0;
  let ipCounter = 0;
  const render = manifestRenderer();
  for (let i = 0; i < count; i++) {
    const { config, manifest } = render(i);
    const runtime = config.runtime;
    if (!manifest) continue;
    const pending = runtime === "kaito" && i % 25 === 0;
    manifest.metadata.annotations = { ...manifest.metadata.annotations, [STATIC_ANNOTATION]: "true" };
    const type = resourceTypeOf(store, manifest);
    if (store.get(type, config.namespace, config.name)) continue;
    const node = nodes[Math.floor(gpuSlot / GPUS_PER_NODE) % nodeCount]!.name;
    const status = finalStatus(runtime, config.name, pending);
    if (runtime === "kaito" && !pending) status.workerNodes = [node];
    const created = commitDirect(store, type, { ...manifest, status });
    if (pending) continue;
    gpuSlot += 1;
    const owner: OwnerReference = {
      apiVersion: created.apiVersion,
      kind: created.kind,
      name: created.metadata.name,
      uid: created.metadata.uid ?? "",
      controller: true,
      blockOwnerDeletion: true,
    };
    for (const plan of podPlans(runtime, config.name, config.namespace, config.model)) {
      ipCounter += 1;
      const ip = `10.${64 + Math.floor(ipCounter / 65025)}.${Math.floor(ipCounter / 255) % 255}.${(ipCounter % 255) + 1}`;
      const [pod, podStatus] = podObject(plan, config.namespace, owner, node, ip, config.name);
      commitDirect(store, R.pods, { ...pod, status: podStatus });
    }
  }
}
