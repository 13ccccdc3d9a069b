/**
 * Simulated KubeRay operator (ray-project/kuberay v1.7, runtimes.md §2): RayService → RayCluster
 * `<name>-<rand>` (pending, then active once its head is up; a changed rayClusterConfig starts a
 * new pending cluster and swaps when it is ready), Services `<name>-head-svc` and
 * `<name>-serve-svc` (8000), the `ray.io/serve` pod label, and the status KubeRay writes: condition
 * `Ready` (Initializing → NonZeroServeEndpoints), `UpgradeInProgress`, `activeServiceStatus` with
 * Serve application statuses (DEPLOYING → RUNNING, DEPLOY_FAILED on crashing replicas).
 */
import { R } from "../../store/builtins";
import type { Actor, KubeObject } from "../../store/types";
import type { ProfileHints } from "../pod-profile";
import type { ControllerRuntime } from "../runtime";
import { controllerRef, isPodReady, templateHash } from "../workloads";
import { condition, ensure, ownerKeys, podProblem, startOperator, writeStatus } from "./common";
import { RAYCLUSTERS, type RayClusterSpec, randomSuffix, reconcileRayCluster } from "./raycluster";
import { parseDuration, parseServeConfig, serviceObjects } from "./rayservice-spec";

export const RAYSERVICES = { group: "ray.io", version: "v1", resource: "rayservices" } as const;
const HASH = "ray.io/hash-without-replicas-and-workers-to-delete";

interface ServiceStatus {
  rayClusterName?: string;
  applicationStatuses?: Record<string, unknown>;
  rayClusterStatus?: unknown;
}

function clusterFor(rt: ControllerRuntime, rs: KubeObject, name: string | undefined): KubeObject | undefined {
  return name ? rt.store.get(RAYCLUSTERS, rs.metadata.namespace, name) : undefined;
}

/** KubeRay's cluster hash ignores worker replica counts, so scaling does not start a new cluster. */
export function configHash(config: RayClusterSpec): string {
  const groups = (config.workerGroupSpecs ?? []).map(({ replicas: _r, minReplicas: _min, maxReplicas: _max, ...rest }) => rest);
  return templateHash({ ...config, workerGroupSpecs: groups });
}

function syncReplicas(rt: ControllerRuntime, cluster: KubeObject, config: RayClusterSpec, actor: Actor): void {
  const counts = (groups: RayClusterSpec["workerGroupSpecs"]) =>
    JSON.stringify((groups ?? []).map((g) => [g.replicas, g.minReplicas, g.maxReplicas]));
  const current = (cluster.spec as RayClusterSpec).workerGroupSpecs;
  if (counts(current) === counts(config.workerGroupSpecs)) return;
  rt.store.mutate(RAYCLUSTERS, cluster.metadata.namespace, cluster.metadata.name, actor, (c) => {
    (c.spec as RayClusterSpec).workerGroupSpecs = structuredClone(config.workerGroupSpecs);
  });
}

function createCluster(rt: ControllerRuntime, hints: ProfileHints, rs: KubeObject, actor: Actor, hash: string): string {
  const ns = rs.metadata.namespace ?? "default";
  const name = `${rs.metadata.name}-${randomSuffix(rt.random)}`;
  const serve = parseServeConfig((rs.spec as { serveConfigV2?: string }).serveConfigV2);
  hints.set(`${ns}/ray.io/cluster=${name}`, { model: serve.modelSource, servedModel: serve.modelId });
  rt.store.create(
    RAYCLUSTERS,
    {
      apiVersion: "ray.io/v1",
      kind: "RayCluster",
      metadata: {
        name,
        namespace: ns,
        labels: { "ray.io/originated-from-crd": "RayService", "ray.io/originated-from-cr-name": rs.metadata.name },
        annotations: { [HASH]: hash, "ray.io/enable-serve-service": "true" },
        ownerReferences: [controllerRef(rs)],
      },
      spec: structuredClone((rs.spec as { rayClusterConfig?: unknown }).rayClusterConfig ?? {}),
    },
    actor,
  );
  return name;
}

function reconcile(
  rt: ControllerRuntime,
  hints: ProfileHints,
  rs: KubeObject,
  actor: Actor,
  requeue: (seconds: number) => void,
  firstSeen: Map<string, number>,
): void {
  const ns = rs.metadata.namespace ?? "default";
  const status = (rs.status ?? {}) as { activeServiceStatus?: ServiceStatus; pendingServiceStatus?: ServiceStatus };
  const config = (rs.spec as { rayClusterConfig?: RayClusterSpec }).rayClusterConfig ?? {};
  const hash = configHash(config);
  let active = clusterFor(rt, rs, status.activeServiceStatus?.rayClusterName);
  let pending = clusterFor(rt, rs, status.pendingServiceStatus?.rayClusterName);
  if (!pending && (!active || active.metadata.annotations?.[HASH] !== hash)) {
    pending = rt.store.get(RAYCLUSTERS, ns, createCluster(rt, hints, rs, actor, hash));
  }
  const headReady = (c: KubeObject | undefined) =>
    ((c?.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []).some(
      (x) => x.type === "HeadPodReady" && x.status === "True",
    );
  const allReady = (c: KubeObject | undefined) => (c?.status as { state?: string } | undefined)?.state === "ready";
  // First cluster: promote as soon as the head is up; upgrades: only once the new cluster is fully ready.
  // Scaling (replicas only) is applied to the running cluster in place, like KubeRay's hash rule.
  if (active && active.metadata.annotations?.[HASH] === hash) syncReplicas(rt, active, config, actor);
  if (pending && ((!active && headReady(pending)) || (active && allReady(pending)))) {
    if (active) rt.store.delete(RAYCLUSTERS, ns, active.metadata.name, actor);
    active = pending;
    pending = undefined;
  }
  if (active) for (const svc of serviceObjects(rs, active.metadata.name)) ensureSelector(rt, svc, actor);

  const pods = active ? rt.ownedObjects(R.pods, active.metadata.uid).filter((p) => !p.metadata.deletionTimestamp) : [];
  for (const pod of pods) {
    const want = isPodReady(pod) ? "true" : "false";
    if (pod.metadata.labels?.["ray.io/serve"] !== want) {
      rt.store.mutate(R.pods, ns, pod.metadata.name, actor, (p) => (p.metadata.labels = { ...p.metadata.labels, "ray.io/serve": want }));
    }
  }
  const endpoints = pods.filter(isPodReady).length;
  const serve = parseServeConfig((rs.spec as { serveConfigV2?: string }).serveConfigV2);
  const crashed = pods
    .filter((p) => p.metadata.labels?.["ray.io/node-type"] === "worker")
    .find((p) => /CrashLoopBackOff|OOMKilled|Error/.test(podProblem(p) ?? ""));
  const running = allReady(active);
  const appStatus = crashed ? "DEPLOY_FAILED" : running ? "RUNNING" : "DEPLOYING";
  const now = rt
    .now()
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z");
  const message = crashed
    ? `The deployment failed to start 3 times in a row. This may be due to a problem with its constructor or initial health check failing. See controller logs for details. Error:\nray::ServeReplica:${serve.apps[0]}:${serve.deployment}.initialize_and_get_metadata() (pid=1234, ip=${(crashed.status as { podIP?: string }).podIP ?? ""})\ntorch.OutOfMemoryError: CUDA out of memory.`
    : "";
  const applicationStatuses = Object.fromEntries(
    serve.apps.map((app) => [
      app,
      {
        status: appStatus,
        ...(message ? { message } : {}),
        healthLastUpdateTime: now,
        serveDeploymentStatuses: {
          [serve.deployment]: { status: running ? "HEALTHY" : crashed ? "DEPLOY_FAILED" : "UPDATING", healthLastUpdateTime: now },
          OpenAiIngress: { status: running ? "HEALTHY" : "UPDATING", healthLastUpdateTime: now },
        },
      },
    ]),
  );
  const ready = running && endpoints > 0;
  // `ray.io/initializing-timeout`: a RayService that never became ready in time is marked failed for good.
  const previousReady = ((rs.status as { conditions?: { type: string; reason: string }[] } | undefined)?.conditions ?? []).find(
    (c) => c.type === "Ready",
  );
  const uid = rs.metadata.uid ?? "";
  if (!firstSeen.has(uid)) firstSeen.set(uid, Date.now());
  const timeout = parseDuration(rs.metadata.annotations?.["ray.io/initializing-timeout"]);
  const elapsed = (Date.now() - (firstSeen.get(uid) ?? Date.now())) / 1000 / rt.speed;
  const everReady = previousReady?.reason === "NonZeroServeEndpoints" || previousReady?.reason === "ZeroServeEndpoints";
  const timedOut = previousReady?.reason === "InitializingTimeout" || (!ready && !everReady && timeout !== undefined && elapsed >= timeout);
  if (!ready && !everReady && !timedOut && timeout !== undefined) requeue(timeout - elapsed + 0.001);
  writeStatus(
    rt,
    RAYSERVICES,
    rs,
    {
      conditions: [
        timedOut
          ? condition(
              rs,
              rt.now(),
              "Ready",
              false,
              "InitializingTimeout",
              `RayService did not become ready within ${rs.metadata.annotations?.["ray.io/initializing-timeout"]}`,
            )
          : condition(
              rs,
              rt.now(),
              "Ready",
              ready,
              ready ? "NonZeroServeEndpoints" : everReady ? "ZeroServeEndpoints" : "Initializing",
              ready
                ? "Number of serve endpoints is greater than 0"
                : everReady
                  ? "Number of serve endpoints dropped to 0"
                  : "RayService is initializing",
            ),
        condition(
          rs,
          rt.now(),
          "UpgradeInProgress",
          Boolean(active && pending),
          active && pending ? "BothActivePendingClustersExist" : active ? "NoPendingCluster" : "NoActiveCluster",
          active && pending
            ? "Both active and pending Ray clusters exist"
            : active
              ? "Active Ray cluster exists and no pending Ray cluster"
              : "No active Ray cluster exists, and the RayService is preparing a new Ray cluster.",
        ),
      ],
      activeServiceStatus: active
        ? { rayClusterName: active.metadata.name, applicationStatuses, rayClusterStatus: active.status ?? {} }
        : {},
      pendingServiceStatus: pending ? { rayClusterName: pending.metadata.name, rayClusterStatus: pending.status ?? {} } : {},
      numServeEndpoints: endpoints,
      ...(ready ? { serviceStatus: "Running" } : {}),
      observedGeneration: rs.metadata.generation,
    },
    actor,
  );
}

/** Creates the Service or points its selector at the now-active cluster. */
function ensureSelector(rt: ControllerRuntime, svc: KubeObject, actor: Actor): void {
  const existing = ensure(rt, R.services, svc, actor);
  const want = (svc.spec as { selector: Record<string, string> }).selector;
  if (JSON.stringify((existing.spec as { selector?: unknown }).selector) !== JSON.stringify(want)) {
    rt.store.mutate(
      R.services,
      existing.metadata.namespace,
      existing.metadata.name,
      actor,
      (s) => ((s.spec as { selector: unknown }).selector = want),
    );
  }
}

/** Starts the KubeRay operator: the RayCluster and RayService controllers. */
export function startKubeRayOperator(rt: ControllerRuntime, hints: ProfileHints): void {
  const labels = { "app.kubernetes.io/name": "kuberay-operator" };
  const rayClusterOf = (o: KubeObject) => o.metadata.labels?.["ray.io/cluster"];
  startOperator(rt, {
    crds: ["rayclusters.ray.io"],
    labels,
    type: RAYCLUSTERS,
    reconcile: (cr, actor) => reconcileRayCluster(rt, cr, actor),
    ownersOf: (event) =>
      event.resource.resource === "pods" && rayClusterOf(event.object)
        ? [`${event.object.metadata.namespace}/${rayClusterOf(event.object)}`]
        : [],
  });
  const firstSeen = new Map<string, number>();
  startOperator(rt, {
    crds: ["rayservices.ray.io", "rayclusters.ray.io"],
    labels,
    type: RAYSERVICES,
    reconcile: (cr, actor, requeue) => reconcile(rt, hints, cr, actor, requeue, firstSeen),
    ownersOf: (event) => {
      if (event.resource.resource === "rayclusters") return ownerKeys(event.object, "RayService");
      const origin = event.object.metadata.labels?.["ray.io/originated-from-cr-name"];
      return event.resource.resource === "pods" && origin ? [`${event.object.metadata.namespace}/${origin}`] : [];
    },
  });
}
