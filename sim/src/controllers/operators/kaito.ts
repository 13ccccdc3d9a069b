/**
 * Simulated KAITO workspace controller (kaito-project/kaito v0.12, runtimes.md §1): for a Workspace
 * (no `spec`: `resource`/`inference` are top level) it checks the bring-your-own nodes picked by
 * `resource.labelSelector`, then creates StatefulSet `<name>` (pods labelled `kaito.sh/workspace`),
 * Service `<name>` (80 → 5000) and `<name>-headless`, and reports NodesReady / ResourceReady /
 * InferenceReady / WorkspaceSucceeded with KAITO's reasons and `status.state` Pending → Ready.
 * Missing GPUs leave it Pending (KAITO has no terminal failure for inference).
 */
import { R } from "../../store/builtins";
import type { Actor, KubeObject } from "../../store/types";
import { nodeGpu } from "../gpu-nodes";
import { modelSize } from "../model-sizes";
import type { ProfileHints } from "../pod-profile";
import { type ControllerRuntime, key } from "../runtime";
import { matchesNodeAffinity } from "../scheduler-fit";
import { controllerRef, isPodReady } from "../workloads";
import { condition, ensure, ownerKeys, podProblem, selectorToNodeAffinity, startOperator, writeStatus } from "./common";

export const WORKSPACES = { group: "kaito.sh", version: "v1beta1", resource: "workspaces" } as const;
const BASE_IMAGE = "mcr.microsoft.com/aks/kaito/kaito-base:0.2.0";

interface Workspace extends KubeObject {
  resource?: {
    instanceType?: string;
    labelSelector?: { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] };
  };
  inference?: {
    preset?: { name?: string; presetOptions?: { image?: string; modelAccessSecret?: string } };
    template?: { metadata?: { labels?: Record<string, string> }; spec?: Record<string, unknown> };
    config?: string;
  };
}

/** The HF id behind a KAITO preset name (`phi-4` → `microsoft/phi-4`); unknown presets pass through. */
export function presetModel(preset: string): string {
  const size = modelSize(preset);
  return size.kaitoPreset === preset || size.id.toLowerCase() === preset.toLowerCase() ? size.id : preset;
}

/** GPUs KAITO asks for: the fewest (power of two, up to the node's count) whose memory fits the model. */
export function presetGpuCount(model: string, gpuMemoryMiB: number, nodeGpuCount: number): number {
  const need = modelSize(model).minGpuMemoryGiB;
  let n = 1;
  while (n < nodeGpuCount && n * (gpuMemoryMiB / 1024) < need) n *= 2;
  return Math.max(1, Math.min(n, nodeGpuCount || 1));
}

function podTemplate(ws: Workspace, node: KubeObject | undefined): { template: Record<string, unknown>; model: string; served: string } {
  const name = ws.metadata.name;
  const labels = { "kaito.sh/workspace": name };
  const tolerations = [
    { key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" },
    { key: "sku", operator: "Equal", value: "gpu", effect: "NoSchedule" },
  ];
  const affinity = selectorToNodeAffinity(ws.resource?.labelSelector);
  const custom = ws.inference?.template;
  if (custom) {
    const spec = structuredClone(custom.spec ?? {}) as Record<string, unknown>;
    spec.tolerations = [...((spec.tolerations as unknown[]) ?? []), ...tolerations];
    if (affinity) spec.affinity = { ...(spec.affinity as object), ...affinity };
    return { template: { metadata: { labels: { ...custom.metadata?.labels, ...labels } }, spec }, model: "", served: "" };
  }
  const preset = ws.inference?.preset?.name ?? "";
  const model = presetModel(preset);
  const gpu = node ? nodeGpu(node) : undefined;
  const gpus = presetGpuCount(model, gpu?.memoryMiB ?? 0, gpu?.count ?? 1);
  const transformers = ws.metadata.annotations?.["kaito.sh/runtime"] === "transformers";
  const command = transformers
    ? `accelerate launch --num_processes 1 --num_machines 1 --gpu_ids all /workspace/tfs/inference_api.py --pipeline text-generation --pretrained_model_name_or_path ${model} --torch_dtype bfloat16`
    : `python3 /workspace/vllm/inference_api.py --served-model-name=${preset} --model=${model} --port=5000 --tensor-parallel-size=${gpus} --gpu-memory-utilization=0.95 --kaito-config-file=/mnt/config/inference_config.yaml`;
  const secret = ws.inference?.preset?.presetOptions?.modelAccessSecret;
  const container = {
    name,
    image: ws.inference?.preset?.presetOptions?.image ?? BASE_IMAGE,
    command: ["/bin/sh", "-c", command],
    ports: [{ containerPort: 5000, name: "http", protocol: "TCP" }],
    resources: { requests: { "nvidia.com/gpu": String(gpus) }, limits: { "nvidia.com/gpu": String(gpus) } },
    livenessProbe: { httpGet: { path: "/health", port: 5000, scheme: "HTTP" }, initialDelaySeconds: 600, periodSeconds: 10 },
    readinessProbe: { httpGet: { path: "/health", port: 5000, scheme: "HTTP" }, initialDelaySeconds: 30, periodSeconds: 10 },
    ...(secret ? { env: [{ name: "HF_TOKEN", valueFrom: { secretKeyRef: { name: secret, key: "HF_TOKEN" } } }] } : {}),
    volumeMounts: [{ name: "dshm", mountPath: "/dev/shm" }],
  };
  return {
    template: {
      metadata: { labels },
      spec: {
        containers: [container],
        tolerations,
        ...(affinity ? { affinity } : {}),
        volumes: [{ name: "dshm", emptyDir: { medium: "Memory" } }],
      },
    },
    model,
    served: preset,
  };
}

function services(ws: Workspace): KubeObject[] {
  const name = ws.metadata.name;
  const ns = ws.metadata.namespace;
  const owner = [controllerRef(ws)];
  const ports = [
    { name: "http", port: 80, targetPort: 5000, protocol: "TCP" },
    { name: "ray", port: 6379, targetPort: 6379, protocol: "TCP" },
    { name: "dashboard", port: 8265, targetPort: 8265, protocol: "TCP" },
  ];
  return [
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name, namespace: ns, labels: { "kaito.sh/workspace": name }, ownerReferences: owner },
      spec: {
        type: ws.metadata.annotations?.["kaito.sh/enablelb"] === "True" ? "LoadBalancer" : "ClusterIP",
        ports,
        selector: { "kaito.sh/workspace": name, "statefulset.kubernetes.io/pod-name": `${name}-0` },
      },
    },
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: `${name}-headless`, namespace: ns, labels: { "kaito.sh/workspace": name }, ownerReferences: owner },
      spec: {
        clusterIP: "None",
        ports: [{ name: "torchrun", port: 29500, targetPort: 29500, protocol: "TCP" }],
        selector: { "kaito.sh/workspace": name },
        publishNotReadyAddresses: true,
      },
    },
  ];
}

function reconcile(rt: ControllerRuntime, hints: ProfileHints, ws: Workspace, actor: Actor): void {
  const now = rt.now();
  const name = ws.metadata.name;
  const ns = ws.metadata.namespace ?? "default";
  const needsGpu = !ws.inference?.template;
  const selector = { affinity: selectorToNodeAffinity(ws.resource?.labelSelector) };
  const candidates = rt.store.list(R.nodes).items.filter((n) => matchesNodeAffinity(n, selector) && (!needsGpu || nodeGpu(n)));
  const nodesOk = candidates.length >= 1;
  const sts = rt.store.get(R.statefulsets, ns, name);
  const pods = rt.podsWithLabel(ns, "kaito.sh/workspace", name).filter((p) => !p.metadata.deletionTimestamp);
  if (nodesOk && !sts) {
    const { template, model, served } = podTemplate(ws, candidates[0]);
    if (model) hints.set(`${ns}/${name}-0`, { model, servedModel: served });
    for (const svc of services(ws)) ensure(rt, R.services, svc, actor);
    ensure(
      rt,
      R.statefulsets,
      {
        apiVersion: "apps/v1",
        kind: "StatefulSet",
        metadata: { name, namespace: ns, labels: { "kaito.sh/workspace": name }, ownerReferences: [controllerRef(ws)] },
        spec: {
          replicas: 1,
          serviceName: `${name}-headless`,
          podManagementPolicy: "Parallel",
          selector: { matchLabels: { "kaito.sh/workspace": name } },
          template,
        },
      },
      actor,
    );
  }
  const ready = pods.length > 0 && pods.every(isPodReady);
  const wasReady =
    (ws.status as { state?: string } | undefined)?.state === "Ready" || (ws.status as { state?: string } | undefined)?.state === "NotReady";
  const problem = pods.map(podProblem).find(Boolean);
  const pendingMessage = `Inference workload is not ready${problem ? ` (last reconcile error: ${problem})` : ""}`;
  const conditions = [
    condition(
      ws,
      now,
      "NodesReady",
      nodesOk,
      nodesOk ? "NodesReady" : "NodeNotReady",
      nodesOk ? "Enough Nodes are ready" : "Not enough Nodes are ready",
    ),
    condition(
      ws,
      now,
      "ResourceReady",
      nodesOk,
      nodesOk ? "workspaceResourceStatusSuccess" : "workspaceResourceStatusNotReady",
      nodesOk
        ? "workspace resource is ready"
        : `Not enough Nodes are ready (last reconcile error: no ready nodes match the workspace labelSelector${needsGpu ? " and have GPUs" : ""})`,
    ),
    condition(
      ws,
      now,
      "InferenceReady",
      ready,
      ready ? "WorkspaceInferenceStatusSuccess" : "WorkspaceInferenceStatusPending",
      ready ? "Inference has been deployed successfully" : pendingMessage,
    ),
    condition(
      ws,
      now,
      "WorkspaceSucceeded",
      ready,
      ready ? "workspaceSucceeded" : "workspacePending",
      ready ? "workspace succeeds" : "workspace is pending",
    ),
  ];
  writeStatus(
    rt,
    WORKSPACES,
    ws,
    {
      state: ready ? "Ready" : wasReady ? "NotReady" : "Pending",
      targetNodeCount: 1,
      workerNodes: [...new Set(pods.map((p) => (p.spec as { nodeName?: string }).nodeName).filter(Boolean))].sort(),
      conditions,
    },
    actor,
  );
}

/** Starts the KAITO workspace controller (active while its CRD and operator Deployment exist). */
export function startKaitoOperator(rt: ControllerRuntime, hints: ProfileHints): void {
  startOperator(rt, {
    crds: ["workspaces.kaito.sh"],
    labels: { "app.kubernetes.io/name": "workspace" },
    type: WORKSPACES,
    reconcile: (cr, actor) => reconcile(rt, hints, cr as Workspace, actor),
    ownersOf: (event) => {
      const o = event.object;
      if (event.resource.resource === "pods" && o.metadata.labels?.["kaito.sh/workspace"])
        return [`${o.metadata.namespace}/${o.metadata.labels["kaito.sh/workspace"]}`];
      if (event.resource.resource === "nodes")
        return rt.store.resourceInfo("kaito.sh", "workspaces") ? rt.store.list(WORKSPACES).items.map(key) : [];
      return event.resource.resource === "statefulsets" ? ownerKeys(o, "Workspace") : [];
    },
  });
}
