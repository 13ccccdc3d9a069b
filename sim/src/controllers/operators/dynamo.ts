/**
 * Simulated NVIDIA Dynamo operator (ai-dynamo/dynamo 1.1, runtimes.md §3): for each entry of a
 * DynamoGraphDeployment's `spec.services` a Deployment `<dgd>-<lowercase service>` whose pods carry
 * the `nvidia.com/dynamo-*` labels and a container `main`, a Service per component (frontend 8000
 * `http`, workers 9090 `system`), and the status the operator writes: `state` initializing →
 * pending → successful (or failed when a child cannot be created), condition `Ready`
 * (all_resources_are_ready / some_resources_are_not_ready / failed_to_reconcile_the_resources),
 * and per-service replica counts. Disaggregated prefill/decode workers are separate components.
 */
import { R } from "../../store/builtins";
import { StatusError } from "../../store/errors";
import type { Actor, KubeObject } from "../../store/types";
import type { ProfileHints } from "../pod-profile";
import { flagValue } from "../pod-profile";
import { parseQuantity } from "../quantity";
import type { ControllerRuntime } from "../runtime";
import { controllerRef } from "../workloads";
import { condition, ensure, ownerKeys, podProblem, startOperator, writeStatus } from "./common";

export const DGDS = { group: "nvidia.com", version: "v1alpha1", resource: "dynamographdeployments" } as const;

interface Resources {
  cpu?: string;
  memory?: string;
  gpu?: string;
  gpuType?: string;
  custom?: Record<string, string>;
}
interface DynamoService {
  componentType?: string;
  subComponentType?: string;
  replicas?: number;
  resources?: { requests?: Resources; limits?: Resources };
  envFromSecret?: string;
  envs?: { name: string; value?: string }[];
  extraPodMetadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  extraPodSpec?: Record<string, unknown> & { mainContainer?: Record<string, unknown> & { args?: string[]; command?: string[] } };
  multinode?: { nodeCount?: number };
}

/** `<dgd>-<service>` lowercased with dots as dashes, as the operator names child resources. */
export function componentName(dgd: string, service: string): string {
  return `${dgd}-${service.toLowerCase().replaceAll(".", "-")}`;
}

function k8sResources(r: Resources | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!r) return out;
  if (r.cpu) out.cpu = r.cpu;
  if (r.memory) out.memory = r.memory;
  if (r.gpu !== undefined) out[r.gpuType ?? "nvidia.com/gpu"] = r.gpu;
  for (const [k, v] of Object.entries(r.custom ?? {})) out[k] = v;
  for (const [k, v] of Object.entries(out)) {
    if (Number.isNaN(parseQuantity(v))) {
      throw new Error(
        `failed to create the resources: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$' (resource ${k}: "${v}")`,
      );
    }
  }
  return out;
}

function deploymentFor(dgd: KubeObject, serviceName: string, svc: DynamoService): KubeObject {
  const ns = dgd.metadata.namespace ?? "default";
  const name = componentName(dgd.metadata.name, serviceName);
  const type = svc.componentType ?? "worker";
  const labels: Record<string, string> = {
    "nvidia.com/dynamo-graph-deployment-name": dgd.metadata.name,
    "nvidia.com/dynamo-component": serviceName,
    "nvidia.com/dynamo-component-type": type,
    "nvidia.com/dynamo-namespace": `${ns}-${dgd.metadata.name}`,
    "nvidia.com/metrics-enabled": "true",
    "nvidia.com/selector": name,
    ...(svc.subComponentType ? { "nvidia.com/dynamo-sub-component-type": svc.subComponentType } : {}),
  };
  const { mainContainer, ...podSpec } = structuredClone(svc.extraPodSpec ?? {});
  const frontend = type === "frontend";
  const main = {
    ...mainContainer,
    name: "main",
    image: (mainContainer?.image as string | undefined) ?? "nvcr.io/nvidia/ai-dynamo/vllm-runtime:1.1.0",
    ...(frontend && !mainContainer?.command ? { command: ["python3", "-m", "dynamo.frontend"] } : {}),
    env: [
      { name: "DYN_NAMESPACE", value: `${ns}-${dgd.metadata.name}` },
      { name: "DYN_PARENT_DGD_K8S_NAME", value: dgd.metadata.name },
      { name: "DYN_SYSTEM_ENABLED", value: "true" },
      { name: "DYN_SYSTEM_PORT", value: "9090" },
      ...(frontend ? [{ name: "DYN_HTTP_PORT", value: "8000" }] : []),
      ...(svc.envs ?? []),
      ...((mainContainer?.env as unknown[] | undefined) ?? []),
    ],
    ...(svc.envFromSecret ? { envFrom: [{ secretRef: { name: svc.envFromSecret } }] } : {}),
    ports: frontend ? [{ name: "http", containerPort: 8000, protocol: "TCP" }] : [{ name: "system", containerPort: 9090, protocol: "TCP" }],
    resources: { requests: k8sResources(svc.resources?.requests), limits: k8sResources(svc.resources?.limits) },
  };
  if (!Object.keys(main.resources.requests).length) main.resources.requests = { ...main.resources.limits };
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: ns, labels, ownerReferences: [controllerRef(dgd)] },
    spec: {
      replicas: (svc.replicas ?? 1) * (svc.multinode?.nodeCount ?? 1),
      selector: { matchLabels: { "nvidia.com/selector": name } },
      template: {
        metadata: { labels: { ...labels, ...svc.extraPodMetadata?.labels }, annotations: svc.extraPodMetadata?.annotations ?? {} },
        spec: { ...podSpec, containers: [main] },
      },
    },
  };
}

function serviceFor(dgd: KubeObject, serviceName: string, svc: DynamoService): KubeObject {
  const name = componentName(dgd.metadata.name, serviceName);
  const frontend = svc.componentType === "frontend";
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: {
      name,
      namespace: dgd.metadata.namespace,
      labels: { "nvidia.com/dynamo-graph-deployment-name": dgd.metadata.name, "nvidia.com/dynamo-component": serviceName },
      ownerReferences: [controllerRef(dgd)],
    },
    spec: {
      ports: frontend
        ? [{ name: "http", port: 8000, targetPort: 8000, protocol: "TCP" }]
        : [{ name: "system", port: 9090, targetPort: 9090, protocol: "TCP" }],
      selector: { "nvidia.com/selector": name },
    },
  };
}

/** The model a graph serves, read from its workers' command lines. */
function graphModel(services: Record<string, DynamoService>): string {
  for (const svc of Object.values(services)) {
    const c = svc.extraPodSpec?.mainContainer;
    const argv = [...(c?.command ?? []), ...(c?.args ?? [])];
    const model = flagValue(argv, "--served-model-name") ?? flagValue(argv, "--model", "--model-path");
    if (model) return model;
  }
  return "";
}

function reconcile(rt: ControllerRuntime, hints: ProfileHints, dgd: KubeObject, actor: Actor): void {
  const ns = dgd.metadata.namespace ?? "default";
  const services = ((dgd.spec as { services?: Record<string, DynamoService> } | undefined)?.services ?? {}) as Record<
    string,
    DynamoService
  >;
  const now = rt.now();
  const failed = (message: string) =>
    writeStatus(
      rt,
      DGDS,
      dgd,
      { state: "failed", conditions: [condition(dgd, now, "Ready", false, "failed_to_reconcile_the_resources", message)] },
      actor,
    );
  const model = graphModel(services);
  const notReady: string[] = [];
  const statuses: Record<string, unknown> = {};
  for (const [serviceName, svc] of Object.entries(services)) {
    let deployment: KubeObject;
    try {
      const desired = deploymentFor(dgd, serviceName, svc);
      if (svc.componentType === "frontend" && model)
        hints.set(`${ns}/nvidia.com/selector=${desired.metadata.name}`, { servedModel: model });
      deployment = ensure(rt, R.deployments, desired, actor);
      // Spec edits (replicas, args, image…) roll the Deployment, as the operator's update does.
      const want = desired.spec as { replicas: number; template: unknown };
      const have = deployment.spec as { replicas?: number; template?: unknown };
      if (have.replicas !== want.replicas || JSON.stringify(have.template) !== JSON.stringify(want.template)) {
        deployment = rt.store.mutate(R.deployments, ns, desired.metadata.name, actor, (d) => {
          const spec = d.spec as { replicas: number; template: unknown };
          spec.replicas = want.replicas;
          spec.template = want.template;
        });
      }
      ensure(rt, R.services, serviceFor(dgd, serviceName, svc), actor);
    } catch (error) {
      if (error instanceof StatusError && error.code === 409) throw error;
      failed(error instanceof Error ? error.message : String(error));
      return;
    }
    const st = (deployment.status ?? {}) as {
      replicas?: number;
      updatedReplicas?: number;
      readyReplicas?: number;
      availableReplicas?: number;
    };
    const replicas = (deployment.spec as { replicas: number }).replicas;
    statuses[serviceName] = {
      componentKind: "Deployment",
      componentName: deployment.metadata.name,
      componentNames: [deployment.metadata.name],
      replicas,
      updatedReplicas: st.updatedReplicas ?? 0,
      readyReplicas: st.readyReplicas ?? 0,
      availableReplicas: st.availableReplicas ?? 0,
    };
    if ((st.availableReplicas ?? 0) < replicas) {
      const pods = rt.podsWithLabel(ns, "nvidia.com/selector", deployment.metadata.name);
      const why = pods.map(podProblem).find(Boolean);
      notReady.push(`${deployment.metadata.name}: Component deployment not ready - Available condition not true${why ? ` (${why})` : ""}`);
    }
  }
  const ready = notReady.length === 0;
  writeStatus(
    rt,
    DGDS,
    dgd,
    {
      state: ready ? "successful" : "pending",
      conditions: [
        condition(
          dgd,
          now,
          "Ready",
          ready,
          ready ? "all_resources_are_ready" : "some_resources_are_not_ready",
          ready ? "All resources are ready" : `Resources not ready: ${notReady.join("; ")}`,
        ),
      ],
      services: statuses,
      observedGeneration: dgd.metadata.generation,
    },
    actor,
  );
}

/** Starts the Dynamo operator (active while its CRD and operator Deployment exist). */
export function startDynamoOperator(rt: ControllerRuntime, hints: ProfileHints): void {
  startOperator(rt, {
    crds: ["dynamographdeployments.nvidia.com"],
    labels: { "app.kubernetes.io/name": "dynamo-operator", "control-plane": "controller-manager" },
    type: DGDS,
    reconcile: (cr, actor) => reconcile(rt, hints, cr, actor),
    ownersOf: (event) => {
      const o = event.object;
      const graph = o.metadata.labels?.["nvidia.com/dynamo-graph-deployment-name"];
      if (event.resource.resource === "pods" && graph) return [`${o.metadata.namespace}/${graph}`];
      return event.resource.resource === "deployments" ? ownerKeys(o, "DynamoGraphDeployment") : [];
    },
  });
}
