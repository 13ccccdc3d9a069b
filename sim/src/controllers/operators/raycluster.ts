/**
 * Simulated KubeRay RayCluster controller (ray-project/kuberay v1.7, runtimes.md §2.3–2.4): head
 * pod `<cluster>-head-<rand>` and worker pods `<cluster>-<group>-worker-<rand>` created directly
 * (no ReplicaSet), with the `ray.io/*` labels, head Service `<cluster>-head-svc`, and status
 * conditions HeadPodReady / RayClusterProvisioned plus the replica and endpoint fields.
 */
import { R } from "../../store/builtins";
import type { Actor, KubeObject } from "../../store/types";
import { parseQuantity } from "../quantity";
import type { ControllerRuntime } from "../runtime";
import { controllerRef, isPodReady, podFromTemplate } from "../workloads";
import { condition, ensure, writeStatus } from "./common";

export const RAYCLUSTERS = { group: "ray.io", version: "v1", resource: "rayclusters" } as const;

interface PodTemplate {
  metadata?: { labels?: Record<string, string> };
  spec?: { containers?: { resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> } }[] } & Record<
    string,
    unknown
  >;
}
export interface RayClusterSpec {
  rayVersion?: string;
  headGroupSpec?: { rayStartParams?: Record<string, string>; template?: PodTemplate; serviceType?: string };
  workerGroupSpecs?: {
    groupName: string;
    replicas?: number;
    minReplicas?: number;
    maxReplicas?: number;
    numOfHosts?: number;
    rayStartParams?: Record<string, string>;
    template?: PodTemplate;
    suspend?: boolean;
  }[];
  suspend?: boolean;
}

const HEAD_PORTS = [
  { name: "gcs-server", port: 6379 },
  { name: "dashboard", port: 8265 },
  { name: "client", port: 10001 },
  { name: "metrics", port: 8080 },
  { name: "serve", port: 8000 },
];

function baseLabels(cluster: KubeObject): Record<string, string> {
  const labels: Record<string, string> = {
    "ray.io/cluster": cluster.metadata.name,
    "ray.io/is-ray-node": "yes",
    "app.kubernetes.io/name": "kuberay",
    "app.kubernetes.io/created-by": "kuberay-operator",
  };
  for (const k of ["ray.io/originated-from-crd", "ray.io/originated-from-cr-name"]) {
    const v = cluster.metadata.labels?.[k];
    if (v) labels[k] = v;
  }
  return labels;
}

/** A short random suffix like Kubernetes' generateName. */
export function randomSuffix(random: () => number, n = 5): string {
  const alphabet = "bcdfghjklmnpqrstvwxz2456789";
  let s = "";
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(random() * alphabet.length)];
  return s;
}

function rayStartCommand(params: Record<string, string> | undefined, head: boolean, cluster: string): string {
  const flags = Object.entries(params ?? {}).map(([k, v]) => `--${k}=${v}`);
  const address = head
    ? "--head --dashboard-host=0.0.0.0 --metrics-export-port=8080"
    : `--address=${cluster}-head-svc:6379 --metrics-export-port=8080`;
  return `ulimit -n 65536; ray start ${address} ${flags.join(" ")} --block`;
}

function rayPod(
  cluster: KubeObject,
  template: PodTemplate,
  labels: Record<string, string>,
  generateName: string,
  startParams: Record<string, string> | undefined,
  head: boolean,
): KubeObject {
  const pod = podFromTemplate(template, { generateName }, cluster.metadata.namespace ?? "default", cluster, labels);
  const containers = ((pod.spec as { containers?: Record<string, unknown>[] }).containers ?? []) as Record<string, unknown>[];
  const first = containers[0];
  if (first && !first.command) {
    first.command = ["/bin/bash", "-c", "--"];
    first.args = [rayStartCommand(startParams, head, cluster.metadata.name)];
  }
  return pod;
}

function sumResource(template: PodTemplate | undefined, resource: string): number {
  return (template?.spec?.containers ?? []).reduce(
    (a, c) => a + (parseQuantity(c.resources?.limits?.[resource] ?? c.resources?.requests?.[resource] ?? 0) || 0),
    0,
  );
}

/** Reconciles one RayCluster: pods, head Service, status. */
export function reconcileRayCluster(rt: ControllerRuntime, cluster: KubeObject, actor: Actor): void {
  const spec = (cluster.spec ?? {}) as RayClusterSpec;
  const ns = cluster.metadata.namespace ?? "default";
  const name = cluster.metadata.name;
  const pods = rt.ownedObjects(R.pods, cluster.metadata.uid).filter((p) => !p.metadata.deletionTimestamp);
  const heads = pods.filter((p) => p.metadata.labels?.["ray.io/node-type"] === "head");
  if (!spec.suspend && heads.length === 0 && spec.headGroupSpec) {
    const labels = { ...baseLabels(cluster), "ray.io/node-type": "head", "ray.io/group": "headgroup", "ray.io/identifier": `${name}-head` };
    rt.store.create(
      R.pods,
      rayPod(cluster, spec.headGroupSpec.template ?? {}, labels, `${name}-head-`, spec.headGroupSpec.rayStartParams, true),
      actor,
    );
  }
  let desiredWorkers = 0;
  let desiredGPU = 0;
  for (const group of spec.workerGroupSpecs ?? []) {
    const replicas = group.suspend || spec.suspend ? 0 : (group.replicas ?? group.minReplicas ?? 0) * (group.numOfHosts ?? 1);
    desiredWorkers += replicas;
    desiredGPU += replicas * sumResource(group.template, "nvidia.com/gpu");
    const existing = pods.filter(
      (p) => p.metadata.labels?.["ray.io/node-type"] === "worker" && p.metadata.labels?.["ray.io/group"] === group.groupName,
    );
    const labels = {
      ...baseLabels(cluster),
      "ray.io/node-type": "worker",
      "ray.io/group": group.groupName,
      "ray.io/identifier": `${name}-worker`,
    };
    for (let i = existing.length; i < replicas; i++) {
      rt.store.create(
        R.pods,
        rayPod(cluster, group.template ?? {}, labels, `${name}-${group.groupName}-worker-`, group.rayStartParams, false),
        actor,
      );
    }
    for (const extra of existing.slice(replicas)) rt.store.delete(R.pods, ns, extra.metadata.name, actor);
  }
  const svc = ensure(
    rt,
    R.services,
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: {
        name: `${name}-head-svc`,
        namespace: ns,
        labels: { ...baseLabels(cluster), "ray.io/node-type": "head" },
        ownerReferences: [controllerRef(cluster)],
      },
      spec: {
        type: spec.headGroupSpec?.serviceType ?? "ClusterIP",
        ports: HEAD_PORTS.map((p) => ({ ...p, protocol: "TCP", targetPort: p.port, appProtocol: "tcp" })),
        selector: { "ray.io/cluster": name, "ray.io/node-type": "head" },
      },
    },
    actor,
  );
  const current = rt.ownedObjects(R.pods, cluster.metadata.uid).filter((p) => !p.metadata.deletionTimestamp);
  const head = current.find((p) => p.metadata.labels?.["ray.io/node-type"] === "head");
  const workers = current.filter((p) => p.metadata.labels?.["ray.io/node-type"] === "worker");
  const readyWorkers = workers.filter(isPodReady).length;
  const headReady = head ? isPodReady(head) : false;
  const allReady = headReady && readyWorkers >= desiredWorkers;
  const previous = (cluster.status ?? {}) as { conditions?: { type: string; status: string; reason?: string }[] };
  const provisionedBefore = previous.conditions?.some((c) => c.type === "RayClusterProvisioned" && c.status === "True");
  const headIP = (head?.status as { podIP?: string } | undefined)?.podIP;
  writeStatus(
    rt,
    RAYCLUSTERS,
    cluster,
    {
      ...(allReady ? { state: "ready" } : {}),
      desiredWorkerReplicas: desiredWorkers,
      minWorkerReplicas: desiredWorkers,
      maxWorkerReplicas: desiredWorkers,
      readyWorkerReplicas: readyWorkers,
      availableWorkerReplicas: readyWorkers,
      desiredCPU: String(
        sumResource(spec.headGroupSpec?.template, "cpu") +
          (spec.workerGroupSpecs ?? []).reduce((a, g) => a + sumResource(g.template, "cpu") * (g.replicas ?? 0), 0),
      ),
      desiredGPU: String(desiredGPU),
      desiredMemory: "0",
      desiredTPU: "0",
      endpoints: { client: "10001", dashboard: "8265", "gcs-server": "6379", metrics: "8080", serve: "8000" },
      head: {
        ...(head ? { podName: head.metadata.name } : {}),
        ...(headIP ? { podIP: headIP } : {}),
        serviceName: svc.metadata.name,
        serviceIP: (svc.spec as { clusterIP?: string }).clusterIP,
      },
      observedGeneration: cluster.metadata.generation,
      conditions: [
        condition(
          cluster,
          rt.now(),
          "HeadPodReady",
          headReady,
          headReady ? "HeadPodRunningAndReady" : "HeadPodNotFound",
          headReady ? "" : "Head Pod is not ready",
        ),
        condition(
          cluster,
          rt.now(),
          "RayClusterProvisioned",
          allReady || Boolean(provisionedBefore),
          allReady || provisionedBefore ? "AllPodRunningAndReadyFirstTime" : "RayClusterPodsProvisioning",
          allReady || provisionedBefore
            ? "All Ray Pods are ready for the first time"
            : "RayCluster Pods are being provisioned for first time",
        ),
      ],
    },
    actor,
  );
}
