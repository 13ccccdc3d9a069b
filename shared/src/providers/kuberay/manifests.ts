import { stringify } from "yaml";
import type { KubeRayConfig } from "../../schemas/deployment-config";
import { parseEngineArgs, toKwargName } from "../engine-args";
import { manifestMetadata } from "../labels";
import { containerResources, hfTokenEnv, podTolerations, withScheduling } from "../pod-spec";
import type { KubeManifest } from "../types";
import { descriptor, RAY_APP_NAME, RAY_LLM_IMAGE, RAY_VERSION, RAY_WORKER_GROUP } from "./descriptor";

const API_VERSION = `${descriptor.crd.group}/${descriptor.crd.version}`;
const DEFAULT_WORKER_CPU = "8";
const DEFAULT_WORKER_MEMORY = "32Gi";

/** Autoscaling bounds: explicit kuberay.min/maxReplicas, else pinned at `replicas`. */
export function replicaBounds(config: KubeRayConfig): { min: number; max: number; initial: number } {
  const min = config.kuberay.minReplicas ?? config.replicas;
  const max = Math.max(config.kuberay.maxReplicas ?? config.replicas, min, 1);
  const initial = Math.min(Math.max(config.replicas, min), max);
  return { min, max, initial };
}

/** vLLM kwargs for Ray Serve LLM: tensor parallel = GPUs per replica, then the user's args win. */
function engineKwargs(config: KubeRayConfig): Record<string, string | number | boolean> {
  const kwargs: Record<string, string | number | boolean> = { tensor_parallel_size: config.gpusPerReplica };
  if (config.contextLength !== undefined) kwargs.max_model_len = config.contextLength;
  for (const [flag, value] of parseEngineArgs(config.engineArgs)) kwargs[toKwargName(flag)] = value;
  return kwargs;
}

/** Ray Serve multi-app config (a YAML string in the CR) running `ray.serve.llm:build_openai_app`. */
export function serveConfig(config: KubeRayConfig): string {
  const { min, max } = replicaBounds(config);
  const llmConfig = {
    model_loading_config: { model_id: config.model, model_source: config.model },
    engine_kwargs: engineKwargs(config),
    deployment_config: { autoscaling_config: { min_replicas: min, max_replicas: max, target_ongoing_requests: 64 } },
  };
  return stringify({
    applications: [
      { name: RAY_APP_NAME, import_path: "ray.serve.llm:build_openai_app", route_prefix: "/", args: { llm_configs: [llmConfig] } },
    ],
  });
}

const HEAD_PORTS = [
  { containerPort: 6379, name: "gcs" },
  { containerPort: 8265, name: "dashboard" },
  { containerPort: 10001, name: "client" },
  { containerPort: 8000, name: "serve" },
  { containerPort: 8080, name: "metrics" },
];

function container(name: string, config: KubeRayConfig, resources: object, ports?: object[]): Record<string, unknown> {
  const out: Record<string, unknown> = { name, image: RAY_LLM_IMAGE, resources };
  if (ports) out.ports = ports;
  const env = hfTokenEnv(config);
  if (env.length > 0) out.env = env;
  return out;
}

function headGroup(config: KubeRayConfig): Record<string, unknown> {
  const { headCpu, headMemory } = config.kuberay;
  const head = container("ray-head", config, containerResources(0, headCpu, headMemory), HEAD_PORTS);
  return {
    // No Serve replicas on the head: it has no GPU, so every LLM replica lands on a worker.
    rayStartParams: { "num-cpus": "0", "num-gpus": "0" },
    template: {
      metadata: { labels: { ...manifestMetadata(config).labels } },
      // The head needs no GPU node: it only gets the tolerations, not the GPU node selector.
      spec: withScheduling({ containers: [head] }, {}, podTolerations(config, false)),
    },
  };
}

function workerGroup(config: KubeRayConfig): Record<string, unknown> {
  const { min, max, initial } = replicaBounds(config);
  const gpus = config.gpusPerReplica;
  const resources = containerResources(gpus, config.cpu ?? DEFAULT_WORKER_CPU, config.memory ?? DEFAULT_WORKER_MEMORY);
  resources.limits.cpu = resources.requests.cpu ?? DEFAULT_WORKER_CPU;
  const worker = container("ray-worker", config, resources, [{ containerPort: 8080, name: "metrics" }]);
  return {
    groupName: RAY_WORKER_GROUP,
    replicas: initial,
    minReplicas: min,
    maxReplicas: max,
    numOfHosts: 1,
    rayStartParams: { "num-gpus": String(gpus) },
    template: {
      metadata: { labels: { ...manifestMetadata(config).labels } },
      spec: withScheduling({ containers: [worker] }, config.nodeSelector, podTolerations(config, gpus > 0)),
    },
  };
}

/** A RayService serving the model with Ray Serve LLM (vLLM): a CPU head and one GPU worker group. */
export function toManifests(config: KubeRayConfig): KubeManifest[] {
  const { min, max } = replicaBounds(config);
  const rayClusterConfig: Record<string, unknown> = {
    rayVersion: RAY_VERSION,
    headGroupSpec: headGroup(config),
    workerGroupSpecs: [workerGroup(config)],
  };
  if (min !== max) rayClusterConfig.enableInTreeAutoscaling = true;
  return [
    {
      apiVersion: API_VERSION,
      kind: descriptor.crd.kind,
      metadata: manifestMetadata(config),
      spec: { serveConfigV2: serveConfig(config), rayClusterConfig },
    },
  ];
}
