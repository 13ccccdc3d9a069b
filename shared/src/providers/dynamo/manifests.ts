import type { DynamoConfig } from "../../schemas/deployment-config";
import { manifestMetadata } from "../labels";
import { hfTokenEnv, podTolerations, withScheduling } from "../pod-spec";
import type { KubeManifest } from "../types";
import { DYNAMO_ENGINES, descriptor, FRONTEND_SERVICE } from "./descriptor";

const API_VERSION = `${descriptor.crd.group}/${descriptor.crd.version}`;
type Role = "aggregated" | "prefill" | "decode";

/** Keys of `spec.services` for a config: the upstream examples' names (`VllmDecodeWorker`, …). */
export function serviceNames(config: DynamoConfig): { frontend: string; decode: string; prefill?: string } {
  const prefix = DYNAMO_ENGINES[config.engine].servicePrefix;
  const names: { frontend: string; decode: string; prefill?: string } = { frontend: FRONTEND_SERVICE, decode: `${prefix}DecodeWorker` };
  if (config.mode === "disaggregated") names.prefill = `${prefix}PrefillWorker`;
  return names;
}

/** Kubernetes name of a service's children (Deployment, Service): `<dgd>-<lowercased service>`. */
export function componentResourceName(deployment: string, service: string): string {
  return `${deployment}-${service.toLowerCase().replace(/\./g, "-")}`;
}

/** Engine CLI flags: model, parallelism, context, and the disaggregation role. */
function engineArgs(config: DynamoConfig, role: Role, gpus: number): string[] {
  const ctx = config.contextLength;
  const disagg = role === "aggregated" ? [] : ["--disaggregation-mode", role];
  switch (config.engine) {
    case "vllm": {
      const args = ["--model", config.model, "--tensor-parallel-size", String(gpus), ...disagg];
      if (ctx !== undefined) args.push("--max-model-len", String(ctx));
      // vLLM prefill workers hand the KV cache to decode workers over NIXL (crds/dynamo/examples/vllm-disagg.yaml).
      if (role === "prefill") args.push("--kv-transfer-config", '{"kv_connector":"NixlConnector","kv_role":"kv_both"}');
      return args;
    }
    case "sglang": {
      const args = ["--model-path", config.model, "--served-model-name", config.model, "--tp", String(gpus), ...disagg];
      if (role !== "aggregated") args.push("--disaggregation-transfer-backend", "nixl");
      if (ctx !== undefined) args.push("--context-length", String(ctx));
      return args;
    }
    case "trtllm": {
      const args = ["--model-path", config.model, "--served-model-name", config.model, "--tensor-parallel-size", String(gpus), ...disagg];
      if (ctx !== undefined) args.push("--max-seq-len", String(ctx));
      return args;
    }
  }
}

/** Shared part of every service: the HF token from its Secret, never inlined. */
function withEnv(service: Record<string, unknown>, config: DynamoConfig, extra: { name: string; value: string }[] = []) {
  const envs = [...extra, ...hfTokenEnv(config)];
  if (envs.length > 0) service.envs = envs;
  return service;
}

function frontend(config: DynamoConfig): Record<string, unknown> {
  const engine = DYNAMO_ENGINES[config.engine];
  const service: Record<string, unknown> = {
    componentType: "frontend",
    replicas: 1,
    // The frontend needs no GPU node: tolerations only, no GPU node selector.
    extraPodSpec: withScheduling({ mainContainer: { image: engine.image } }, {}, podTolerations(config, false)),
  };
  return withEnv(service, config, [{ name: "DYN_ROUTER_MODE", value: config.dynamo.router }]);
}

function worker(config: DynamoConfig, role: Role): Record<string, unknown> {
  const engine = DYNAMO_ENGINES[config.engine];
  const isPrefill = role === "prefill";
  const gpus = isPrefill ? config.dynamo.prefillGpus : config.gpusPerReplica;
  const requests: Record<string, string> = { gpu: String(gpus) };
  const limits: Record<string, string> = { gpu: String(gpus) };
  if (config.cpu) requests.cpu = config.cpu;
  if (config.memory) {
    requests.memory = config.memory;
    limits.memory = config.memory;
  }
  const mainContainer = {
    image: engine.image,
    workingDir: engine.workingDir,
    command: ["python3", "-m", engine.module],
    args: [...engineArgs(config, role, gpus), ...config.engineArgs],
  };
  const service: Record<string, unknown> = {
    componentType: "worker",
    replicas: isPrefill ? config.dynamo.prefillReplicas : config.replicas,
    resources: { requests, limits },
    extraPodSpec: withScheduling({ mainContainer }, config.nodeSelector, podTolerations(config, gpus > 0)),
  };
  if (role !== "aggregated") service.subComponentType = role;
  return withEnv(service, config);
}

/**
 * A DynamoGraphDeployment: a frontend (router mode via DYN_ROUTER_MODE) and either one aggregated
 * worker or prefill + decode workers. GPUs use Dynamo's own `gpu` key, not `nvidia.com/gpu`.
 */
export function toManifests(config: DynamoConfig): KubeManifest[] {
  const names = serviceNames(config);
  const services: Record<string, unknown> = { [names.frontend]: frontend(config) };
  if (names.prefill) {
    services[names.decode] = worker(config, "decode");
    services[names.prefill] = worker(config, "prefill");
  } else {
    services[names.decode] = worker(config, "aggregated");
  }
  return [
    {
      apiVersion: API_VERSION,
      kind: descriptor.crd.kind,
      metadata: manifestMetadata(config),
      spec: { backendFramework: config.engine, services },
    },
  ];
}
