import { stringify } from "yaml";
import type { KaitoConfig } from "../../schemas/deployment-config";
import { parseEngineArgs } from "../engine-args";
import { manifestMetadata } from "../labels";
import { containerResources, hfTokenEnv, podTolerations, withScheduling } from "../pod-spec";
import type { KubeManifest } from "../types";
import { descriptor, KAITO_CONTAINER_PORT, LLAMACPP_IMAGES } from "./descriptor";

const API_VERSION = `${descriptor.crd.group}/${descriptor.crd.version}`;

/** Name of the companion ConfigMap that carries vLLM engine args for a preset. */
export function inferenceConfigName(workspace: string): string {
  return `${workspace}-inference-config`;
}

/** Nodes the Workspace may use: the explicit label selector, else the node selector, else `apps=<name>`. */
export function workspaceLabelSelector(config: KaitoConfig): Record<string, string> {
  if (config.kaito.labelSelector && Object.keys(config.kaito.labelSelector).length > 0) return { ...config.kaito.labelSelector };
  if (Object.keys(config.nodeSelector).length > 0) return { ...config.nodeSelector };
  return { apps: config.name };
}

function vllmArgs(config: KaitoConfig): Record<string, string | number | boolean> {
  const args: Record<string, string | number | boolean> = {};
  if (config.contextLength !== undefined) args["max-model-len"] = config.contextLength;
  for (const [flag, value] of parseEngineArgs(config.engineArgs)) args[flag] = value;
  return args;
}

/** KAITO reads engine args from `inference_config.yaml` in a ConfigMap named by `inference.config`. */
function inferenceConfigMap(config: KaitoConfig): KubeManifest | undefined {
  const args = vllmArgs(config);
  if (Object.keys(args).length === 0) return undefined;
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: manifestMetadata(config, inferenceConfigName(config.name)),
    data: { "inference_config.yaml": stringify({ vllm: args }) },
  };
}

/**
 * llama-server downloads from the HuggingFace repo itself. Without `--hf-file` it picks the repo's
 * Q4_K_M file, or the first .gguf if there is none (`--hf-repo <user>/<model>[:quant]`), so the
 * flag is only emitted with a file: an empty `--hf-file ""` would make it look for a file named "".
 */
function llamaCppArgs(config: KaitoConfig): string[] {
  const args = ["--hf-repo", config.model];
  if (config.kaito.ggufFile) args.push("--hf-file", config.kaito.ggufFile);
  args.push("--host", "0.0.0.0", "--port", String(KAITO_CONTAINER_PORT), "--metrics");
  if (config.contextLength !== undefined) args.push("--ctx-size", String(config.contextLength));
  if (config.gpusPerReplica > 0) args.push("--n-gpu-layers", "999");
  return [...args, ...config.engineArgs];
}

/** llama.cpp has no KAITO preset: a pod template running llama-server on the port KAITO's Service targets. */
function llamaCppTemplate(config: KaitoConfig): Record<string, unknown> {
  const gpus = config.gpusPerReplica;
  const probe = (initialDelaySeconds: number) => ({
    httpGet: { path: "/health", port: KAITO_CONTAINER_PORT },
    initialDelaySeconds,
    periodSeconds: 10,
    failureThreshold: 3,
  });
  const container: Record<string, unknown> = {
    name: "llama-server",
    image: gpus > 0 ? LLAMACPP_IMAGES.gpu : LLAMACPP_IMAGES.cpu,
    args: llamaCppArgs(config),
    ports: [{ name: "http", containerPort: KAITO_CONTAINER_PORT }],
    // llama.cpp on CPU competes for cores: reserve some rather than run best-effort.
    resources: containerResources(gpus, config.cpu ?? (gpus > 0 ? undefined : "4"), config.memory ?? (gpus > 0 ? undefined : "8Gi")),
    readinessProbe: probe(10),
    livenessProbe: { ...probe(600), failureThreshold: 5 },
  };
  const env = hfTokenEnv(config);
  if (env.length > 0) container.env = env;
  return {
    metadata: { labels: { ...manifestMetadata(config).labels } },
    spec: withScheduling({ containers: [container] }, config.nodeSelector, podTolerations(config, gpus > 0)),
  };
}

function inference(config: KaitoConfig, configMap: KubeManifest | undefined): Record<string, unknown> {
  if (config.engine === "llamacpp") return { template: llamaCppTemplate(config) };
  const preset: Record<string, unknown> = { name: config.model };
  if (config.hfTokenSecret) preset.presetOptions = { modelAccessSecret: config.hfTokenSecret.name };
  const out: Record<string, unknown> = { preset };
  if (configMap) out.config = configMap.metadata.name;
  return out;
}

/**
 * A KAITO Workspace, plus its inference-config ConfigMap when engine args are set (listed first so it
 * exists when KAITO reconciles). `resource` and `inference` are top-level: a Workspace has no `spec`.
 */
export function toManifests(config: KaitoConfig): KubeManifest[] {
  const configMap = config.engine === "vllm" ? inferenceConfigMap(config) : undefined;
  const resource: Record<string, unknown> = { labelSelector: { matchLabels: workspaceLabelSelector(config) } };
  if (config.kaito.instanceType) resource.instanceType = config.kaito.instanceType;
  const workspace: KubeManifest = {
    apiVersion: API_VERSION,
    kind: descriptor.crd.kind,
    metadata: manifestMetadata(config),
    resource,
    inference: inference(config, configMap),
  };
  return configMap ? [configMap, workspace] : [workspace];
}
