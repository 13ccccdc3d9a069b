import {
  CatalogModel,
  DeploymentDetail,
  DeploymentList,
  type DeploymentSummary,
  DeploymentSummary as DeploymentSummarySchema,
  ProviderInfo,
} from "@kubeairunway/shared";

/** Test data is parsed through the shared schemas, so a fixture that drifts from the contract fails. */
export function aDeployment(overrides: Partial<DeploymentSummary> = {}): DeploymentSummary {
  return DeploymentSummarySchema.parse({
    name: "qwen",
    namespace: "team-a",
    runtime: "kaito",
    engine: "vllm",
    mode: "aggregated",
    model: "Qwen/Qwen3-0.6B",
    phase: "Running",
    replicas: { desired: 1, ready: 1 },
    gpus: 1,
    pods: { total: 1, ready: 1, restarts: 0 },
    explanation: "All replicas are ready.",
    createdAt: "2025-01-01T00:00:00Z",
    resourceVersion: "1",
    ...overrides,
  });
}

export function aDeploymentList(items: DeploymentSummary[], overrides: Partial<DeploymentList> = {}): DeploymentList {
  return DeploymentList.parse({ items, total: items.length, stale: false, notInstalled: [], errors: [], ...overrides });
}

export function aDeploymentDetail(summary: DeploymentSummary = aDeployment()): DeploymentDetail {
  return DeploymentDetail.parse({
    summary,
    status: {
      phase: summary.phase,
      replicas: summary.replicas,
      conditions: [{ type: "Ready", status: "True", reason: "Ready", message: "ready", lastTransitionTime: "2025-01-01T00:01:00Z" }],
      endpoints: [{ service: summary.name, namespace: summary.namespace, port: 80, basePath: "/v1", ready: true }],
      explanation: summary.explanation,
    },
    pods: [
      {
        name: `${summary.name}-0`,
        namespace: summary.namespace,
        node: "gpu-a100-0",
        phase: "Running",
        ready: true,
        restarts: 0,
        role: "inference",
        containers: [
          { name: "engine", ready: true, restartCount: 0, state: "running" },
          { name: "sidecar", ready: true, restartCount: 0, state: "running" },
        ],
      },
      {
        name: `${summary.name}-1`,
        namespace: summary.namespace,
        node: "gpu-a100-1",
        phase: "Running",
        ready: true,
        restarts: 2,
        containers: [{ name: "engine", ready: true, restartCount: 2, state: "running" }],
      },
    ],
    resource: { apiVersion: "kaito.sh/v1beta1", kind: "Workspace", metadata: { name: summary.name, namespace: summary.namespace } },
  });
}

export function aModel(overrides: Partial<CatalogModel> = {}): CatalogModel {
  return CatalogModel.parse({
    id: "Qwen/Qwen3-0.6B",
    name: "Qwen3 0.6B",
    family: "qwen3",
    parametersB: 0.6,
    activeParametersB: null,
    contextLength: 32768,
    license: "apache-2.0",
    gated: false,
    engines: ["vllm", "sglang", "trtllm", "llamacpp"],
    runtimes: ["kaito", "kuberay", "dynamo"],
    minGpuMemoryGiB: 2,
    gpus80GB: 1,
    cpuFriendly: true,
    gguf: [],
    kaitoPreset: null,
    ...overrides,
  });
}

const descriptors = {
  kaito: {
    displayName: "KAITO",
    kind: "Workspace",
    group: "kaito.sh",
    plural: "workspaces",
    engines: ["vllm", "llamacpp"],
    modes: ["aggregated"],
  },
  kuberay: { displayName: "KubeRay", kind: "RayService", group: "ray.io", plural: "rayservices", engines: ["vllm"], modes: ["aggregated"] },
  dynamo: {
    displayName: "NVIDIA Dynamo",
    kind: "DynamoGraphDeployment",
    group: "nvidia.com",
    plural: "dynamographdeployments",
    engines: ["vllm", "sglang", "trtllm"],
    modes: ["aggregated", "disaggregated"],
  },
} as const;

export function aProvider(id: "kaito" | "kuberay" | "dynamo", installed = true): ProviderInfo {
  const d = descriptors[id];
  return ProviderInfo.parse({
    id,
    displayName: d.displayName,
    description: `${d.displayName} runtime`,
    docsUrl: "https://example.org",
    crd: { group: d.group, version: "v1", kind: d.kind, plural: d.plural, name: `${d.plural}.${d.group}` },
    engines: d.engines,
    modes: d.modes,
    capabilities: { cpuOnly: id === "kaito", multiNode: id !== "kaito", autoscaling: id !== "kaito", disaggregated: id === "dynamo" },
    instanceLabel: "app",
    operatorLabels: {},
    servicePort: 8000,
    openaiBasePath: "/v1",
    install: installed
      ? { crdServed: true, operatorAvailable: true, installed: true }
      : { crdServed: false, operatorAvailable: false, installed: false, message: `The ${d.kind} CRD is not installed.` },
  });
}
