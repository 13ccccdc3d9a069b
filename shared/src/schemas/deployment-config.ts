import { z } from "zod";
import { dns1123Label, dns1123Subdomain, labelKey, labelMap, namespaceName, quantity } from "./common";
import { engineArgs } from "./engine-args";

/** Upper bounds that keep a typo from asking the scheduler for a thousand GPUs. */
export const LIMITS = { maxReplicas: 100, maxGpusPerReplica: 16, minContextLength: 256, maxContextLength: 2_097_152 };

/** `org/name` on HuggingFace, or a bare preset name (KAITO presets such as `phi-4`). */
export const modelId = z
  .string()
  .min(1, "must not be empty")
  .max(200, "must be no more than 200 characters")
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*(\/[A-Za-z0-9][A-Za-z0-9_.-]*)?$/, "must be a model id such as Qwen/Qwen3-0.6B");

export const Toleration = z.object({
  key: labelKey.optional(),
  operator: z.enum(["Exists", "Equal"]).default("Equal"),
  value: z.string().max(63).optional(),
  effect: z.enum(["NoSchedule", "PreferNoSchedule", "NoExecute"]).optional(),
});
export type Toleration = z.infer<typeof Toleration>;

/** A reference to a key in a Secret of the deployment's namespace; the token is never inlined. */
export const SecretKeyRef = z.object({
  name: dns1123Subdomain,
  key: z
    .string()
    .min(1)
    .max(253)
    .regex(/^[-._a-zA-Z0-9]+$/, "must be a valid Secret key"),
});

const base = {
  name: dns1123Label,
  namespace: namespaceName,
  model: modelId,
  replicas: z.number().int("must be a whole number").min(0).max(LIMITS.maxReplicas).default(1),
  gpusPerReplica: z.number().int("must be a whole number").min(0).max(LIMITS.maxGpusPerReplica).default(1),
  nodeSelector: labelMap.default({}),
  tolerations: z.array(Toleration).max(20).default([]),
  engineArgs: engineArgs.default([]),
  hfTokenSecret: SecretKeyRef.optional(),
  contextLength: z.number().int().min(LIMITS.minContextLength).max(LIMITS.maxContextLength).optional(),
  cpu: quantity.optional(),
  memory: quantity.optional(),
};

export const KaitoOptions = z.object({
  /** Cloud VM SKU for node auto-provisioning; leave empty for bring-your-own nodes. */
  instanceType: z
    .string()
    .max(100)
    .regex(/^[A-Za-z0-9_.-]*$/, "must be a VM SKU such as Standard_NC24ads_A100_v4")
    .optional(),
  /** Labels picking the nodes (KAITO `resource.labelSelector`); defaults to the node selector. */
  labelSelector: labelMap.optional(),
  /** GGUF file inside the model repo, for llama.cpp. */
  ggufFile: z
    .string()
    .max(200)
    .regex(/^[A-Za-z0-9_./-]+\.gguf$/, "must be a .gguf file name")
    .optional(),
});

export const KaitoConfig = z.object({
  ...base,
  runtime: z.literal("kaito"),
  engine: z.enum(["vllm", "llamacpp"]),
  mode: z.literal("aggregated").default("aggregated"),
  kaito: KaitoOptions.default({}),
});

export const KubeRayOptions = z
  .object({
    minReplicas: z.number().int().min(0).max(LIMITS.maxReplicas).optional(),
    maxReplicas: z.number().int().min(1).max(LIMITS.maxReplicas).optional(),
    headCpu: quantity.default("2"),
    headMemory: quantity.default("8Gi"),
  })
  .refine((o) => o.minReplicas === undefined || o.maxReplicas === undefined || o.minReplicas <= o.maxReplicas, {
    message: "minReplicas must not exceed maxReplicas",
    path: ["minReplicas"],
  });

export const KubeRayConfig = z.object({
  ...base,
  runtime: z.literal("kuberay"),
  engine: z.literal("vllm"),
  mode: z.literal("aggregated").default("aggregated"),
  kuberay: KubeRayOptions.default({ headCpu: "2", headMemory: "8Gi" }),
});

export const DynamoOptions = z.object({
  router: z.enum(["kv", "round-robin"]).default("round-robin"),
  prefillReplicas: z.number().int().min(1).max(LIMITS.maxReplicas).default(1),
  prefillGpus: z.number().int().min(1).max(LIMITS.maxGpusPerReplica).default(1),
});

export const DynamoConfig = z.object({
  ...base,
  runtime: z.literal("dynamo"),
  engine: z.enum(["vllm", "sglang", "trtllm"]),
  mode: z.enum(["aggregated", "disaggregated"]).default("aggregated"),
  dynamo: DynamoOptions.default({ router: "round-robin", prefillReplicas: 1, prefillGpus: 1 }),
});

/**
 * What a user chooses in the wizard. Runtime-specific fields live in a union on `runtime`, so a
 * KubeRay config cannot carry Dynamo's router and the engine list is the runtime's own.
 */
export const DeploymentConfig = z.discriminatedUnion("runtime", [KaitoConfig, KubeRayConfig, DynamoConfig]);
export type DeploymentConfig = z.infer<typeof DeploymentConfig>;
export type DeploymentConfigInput = z.input<typeof DeploymentConfig>;
export type KaitoConfig = z.infer<typeof KaitoConfig>;
export type KubeRayConfig = z.infer<typeof KubeRayConfig>;
export type DynamoConfig = z.infer<typeof DynamoConfig>;
