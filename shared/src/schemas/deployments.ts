import { z } from "zod";
import { Condition, dns1123Label, Engine, isoTime, namespaceName, Phase, queryInt, RuntimeId, ServingMode, SourceError } from "./common";
import { DeploymentConfig } from "./deployment-config";

/** Where a deployment answers: the Service, its port, and the OpenAI-compatible base path. */
export const DeploymentEndpoint = z.object({
  service: z.string(),
  namespace: z.string(),
  port: z.number().int(),
  /** e.g. `/v1`; the API answers at http://<service>.<ns>.svc:<port><basePath>/chat/completions. */
  basePath: z.string(),
  ready: z.boolean(),
});
export type DeploymentEndpoint = z.infer<typeof DeploymentEndpoint>;

export const ContainerSummary = z.object({
  name: z.string(),
  ready: z.boolean(),
  restartCount: z.number().int(),
  state: z.enum(["waiting", "running", "terminated", "unknown"]),
  /** Waiting/terminated reason, e.g. `CrashLoopBackOff`, `ImagePullBackOff`, `OOMKilled`. */
  reason: z.string().optional(),
  message: z.string().optional(),
});

export const PodSummary = z.object({
  name: z.string(),
  namespace: z.string(),
  node: z.string().optional(),
  phase: z.string(),
  ready: z.boolean(),
  restarts: z.number().int(),
  /** The most telling reason: a container's waiting reason, or `Unschedulable`. */
  reason: z.string().optional(),
  /** Role inside the deployment: `head`, `worker`, `frontend`, `prefill`, `decode`, `inference`. */
  role: z.string().optional(),
  containers: z.array(ContainerSummary),
  createdAt: isoTime.optional(),
});
export type PodSummary = z.infer<typeof PodSummary>;

/** What a provider core computes from the custom resource, its pods and events. */
export const DeploymentStatus = z.object({
  phase: Phase,
  replicas: z.object({ desired: z.number().int(), ready: z.number().int() }),
  conditions: z.array(Condition),
  endpoints: z.array(DeploymentEndpoint),
  /** One plain sentence: why it is in this phase. */
  explanation: z.string(),
});
export type DeploymentStatus = z.infer<typeof DeploymentStatus>;

export const DeploymentSummary = z.object({
  name: z.string(),
  namespace: z.string(),
  runtime: RuntimeId,
  engine: Engine.optional(),
  mode: ServingMode.optional(),
  model: z.string(),
  phase: Phase,
  replicas: z.object({ desired: z.number().int(), ready: z.number().int() }),
  gpus: z.number().int(),
  pods: z.object({ total: z.number().int(), ready: z.number().int(), restarts: z.number().int() }),
  explanation: z.string(),
  createdAt: isoTime,
  resourceVersion: z.string(),
});
export type DeploymentSummary = z.infer<typeof DeploymentSummary>;

export const DeploymentSort = z.enum(["name", "-name", "namespace", "-namespace", "age", "-age", "phase", "-phase", "runtime", "-runtime"]);

export const DeploymentListQuery = z.object({
  namespace: namespaceName.optional(),
  runtime: RuntimeId.optional(),
  phase: Phase.optional(),
  text: z.string().max(200).optional(),
  sort: DeploymentSort.optional(),
  limit: queryInt(1, 5000).optional(),
  continue: z.string().max(200).optional(),
});
export type DeploymentListQuery = z.input<typeof DeploymentListQuery>;

export const DeploymentList = z.object({
  items: z.array(DeploymentSummary),
  /** Opaque token for the next page, absent on the last one. */
  continue: z.string().optional(),
  total: z.number().int(),
  /** True while the informer cache is resyncing: the list may lag the cluster. */
  stale: z.boolean(),
  /** Runtimes whose CRD is not installed (reported, not an error). */
  notInstalled: z.array(RuntimeId),
  errors: z.array(SourceError),
});
export type DeploymentList = z.infer<typeof DeploymentList>;

export const DeploymentParams = z.object({ namespace: namespaceName, name: dns1123Label });
export type DeploymentParams = z.infer<typeof DeploymentParams>;

export const DeploymentDetail = z.object({
  summary: DeploymentSummary,
  status: DeploymentStatus,
  pods: z.array(PodSummary),
  /** The live custom resource as the cluster returned it. */
  resource: z.record(z.string(), z.unknown()),
});
export type DeploymentDetail = z.infer<typeof DeploymentDetail>;

export const RenderResult = z.object({
  manifests: z.array(z.record(z.string(), z.unknown())),
  yaml: z.string(),
  warnings: z.array(z.object({ path: z.string(), message: z.string() })),
});
export type RenderResult = z.infer<typeof RenderResult>;

export const CreateDeploymentResult = z.object({
  name: z.string(),
  namespace: z.string(),
  runtime: RuntimeId,
  /** False when an identical object already existed (a retried create). */
  created: z.boolean(),
  warnings: z.array(z.object({ path: z.string(), message: z.string() })),
});

export const DeleteDeploymentResult = z.object({ name: z.string(), namespace: z.string(), deleted: z.literal(true) });

export { DeploymentConfig };

/** A change pushed on `/api/stream`. */
export const DeploymentEvent = z.discriminatedUnion("type", [
  z.object({ type: z.literal("added"), deployment: DeploymentSummary }),
  z.object({ type: z.literal("updated"), deployment: DeploymentSummary }),
  z.object({ type: z.literal("deleted"), namespace: z.string(), name: z.string(), runtime: RuntimeId }),
  z.object({ type: z.literal("stale"), stale: z.boolean() }),
]);
export type DeploymentEvent = z.infer<typeof DeploymentEvent>;
