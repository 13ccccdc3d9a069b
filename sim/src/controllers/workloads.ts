/**
 * The kube-controller-manager parts the operators rely on: Deployment → ReplicaSet → Pods and
 * StatefulSet → Pods (`<name>-<ordinal>`), with the status fields (`readyReplicas`,
 * `availableReplicas`, conditions) that runtime detection and the product read.
 */
import { R } from "../store/builtins";
import type { KubeObject, OwnerReference, ResourceType } from "../store/types";
import { type ControllerRuntime, key, systemActor } from "./runtime";

const DEPLOYMENT_ACTOR = systemActor("system:serviceaccount:kube-system:deployment-controller", ["system:serviceaccounts"]);
const REPLICASET_ACTOR = systemActor("system:serviceaccount:kube-system:replicaset-controller", ["system:serviceaccounts"]);
const STATEFULSET_ACTOR = systemActor("system:serviceaccount:kube-system:statefulset-controller", ["system:serviceaccounts"]);

interface Template {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: Record<string, unknown>;
}
interface WorkloadSpec {
  replicas?: number;
  selector?: { matchLabels?: Record<string, string> };
  template?: Template;
  serviceName?: string;
}

/** k8s `rand.SafeEncodeString` alphabet over an FNV-1a hash of the template, like pod-template-hash. */
export function templateHash(template: unknown): string {
  let h = 0x811c9dc5;
  for (const ch of JSON.stringify(template ?? {})) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  const alphabet = "bcdfghjklmnpqrstvwxz2456789";
  let out = "";
  let n = h;
  for (let i = 0; i < 10; i++) {
    out += alphabet[n % alphabet.length];
    n = Math.floor(n / alphabet.length) + (i + 1) * 7919;
  }
  return out;
}

/** An ownerReference marking `owner` as the managing controller. */
export function controllerRef(owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid ?? "",
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** A pod from a template, with the defaults the apiserver fills in. */
export function podFromTemplate(
  template: Template,
  name: { name?: string; generateName?: string },
  namespace: string,
  owner: KubeObject,
  labels: Record<string, string> = {},
): KubeObject {
  const spec = structuredClone(template.spec ?? {}) as Record<string, unknown>;
  spec.restartPolicy ??= "Always";
  spec.terminationGracePeriodSeconds ??= 30;
  spec.schedulerName ??= "default-scheduler";
  spec.dnsPolicy ??= "ClusterFirst";
  for (const c of (spec.containers as Record<string, unknown>[] | undefined) ?? []) c.imagePullPolicy ??= "IfNotPresent";
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: name.name ?? "",
      ...(name.generateName ? { generateName: name.generateName } : {}),
      namespace,
      labels: { ...template.metadata?.labels, ...labels },
      ...(template.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
      ownerReferences: [controllerRef(owner)],
    },
    spec,
  };
}

export function isPodReady(pod: KubeObject): boolean {
  const conditions = (pod.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? [];
  return conditions.some((c) => c.type === "Ready" && c.status === "True");
}

function controllerOf(o: KubeObject): OwnerReference | undefined {
  return o.metadata.ownerReferences?.find((r) => r.controller);
}

function splitKey(k: string): [string, string] {
  return k.split("/") as [string, string];
}

/** Starts the Deployment, ReplicaSet and StatefulSet controllers. */
export function startWorkloadControllers(rt: ControllerRuntime): void {
  const { store } = rt;
  const live = (pods: KubeObject[]) => pods.filter((p) => !p.metadata.deletionTimestamp);
  const writeStatus = (type: ResourceType, o: KubeObject, status: Record<string, unknown>, actor = DEPLOYMENT_ACTOR) => {
    if (JSON.stringify(o.status ?? {}) === JSON.stringify(status)) return;
    store.mutate(type, o.metadata.namespace, o.metadata.name, actor, (x) => (x.status = status), true);
  };

  const reconcileDeployment = (k: string) => {
    const [ns, name] = splitKey(k);
    const d = store.get(R.deployments, ns, name);
    if (!d || d.metadata.deletionTimestamp) return;
    const spec = d.spec as WorkloadSpec;
    const desired = spec.replicas ?? 1;
    const hash = templateHash(spec.template);
    const sets = rt.ownedObjects(R.replicasets, d.metadata.uid);
    let current = sets.find((rs) => rs.metadata.labels?.["pod-template-hash"] === hash);
    if (!current) {
      current = store.create(
        R.replicasets,
        {
          apiVersion: "apps/v1",
          kind: "ReplicaSet",
          metadata: {
            name: `${name}-${hash}`,
            namespace: ns,
            labels: { ...spec.template?.metadata?.labels, "pod-template-hash": hash },
            ownerReferences: [controllerRef(d)],
          },
          spec: {
            replicas: desired,
            selector: { matchLabels: { ...spec.selector?.matchLabels, "pod-template-hash": hash } },
            template: {
              ...spec.template,
              metadata: { ...spec.template?.metadata, labels: { ...spec.template?.metadata?.labels, "pod-template-hash": hash } },
            },
          },
        },
        DEPLOYMENT_ACTOR,
      );
    } else if ((current.spec as WorkloadSpec).replicas !== desired) {
      store.mutate(R.replicasets, ns, current.metadata.name, DEPLOYMENT_ACTOR, (rs) => ((rs.spec as WorkloadSpec).replicas = desired));
    }
    for (const old of sets) {
      if (old.metadata.name !== current.metadata.name && (old.spec as WorkloadSpec).replicas !== 0) {
        store.mutate(R.replicasets, ns, old.metadata.name, DEPLOYMENT_ACTOR, (rs) => ((rs.spec as WorkloadSpec).replicas = 0));
      }
    }
    const st = (rs: KubeObject) => (rs.status ?? {}) as Record<string, number>;
    const all = rt.ownedObjects(R.replicasets, d.metadata.uid);
    const sum = (f: string) => all.reduce((a, rs) => a + (st(rs)[f] ?? 0), 0);
    const available = sum("availableReplicas");
    const updated = st(all.find((rs) => rs.metadata.name === current.metadata.name) ?? current).replicas ?? 0;
    const now = rt
      .now()
      .toISOString()
      .replace(/\.\d{3}Z$/, "Z");
    const ok = available >= desired;
    const done = ok && updated === desired;
    writeStatus(R.deployments, d, {
      observedGeneration: d.metadata.generation,
      replicas: sum("replicas"),
      updatedReplicas: updated,
      readyReplicas: sum("readyReplicas"),
      availableReplicas: available,
      ...(desired - available > 0 ? { unavailableReplicas: desired - available } : {}),
      conditions: [
        ok
          ? {
              type: "Available",
              status: "True",
              reason: "MinimumReplicasAvailable",
              message: "Deployment has minimum availability.",
              lastUpdateTime: now,
              lastTransitionTime: now,
            }
          : {
              type: "Available",
              status: "False",
              reason: "MinimumReplicasUnavailable",
              message: "Deployment does not have minimum availability.",
              lastUpdateTime: now,
              lastTransitionTime: now,
            },
        {
          type: "Progressing",
          status: "True",
          reason: done ? "NewReplicaSetAvailable" : "ReplicaSetUpdated",
          message: done
            ? `ReplicaSet "${current.metadata.name}" has successfully progressed.`
            : `ReplicaSet "${current.metadata.name}" is progressing.`,
          lastUpdateTime: now,
          lastTransitionTime: now,
        },
      ],
    });
  };

  const reconcileReplicaSet = (k: string) => {
    const [ns, name] = splitKey(k);
    const rs = store.get(R.replicasets, ns, name);
    if (!rs || rs.metadata.deletionTimestamp) return;
    const spec = rs.spec as WorkloadSpec;
    const desired = spec.replicas ?? 1;
    const pods = live(rt.ownedObjects(R.pods, rs.metadata.uid));
    for (let i = pods.length; i < desired; i++) {
      store.create(R.pods, podFromTemplate(spec.template ?? {}, { generateName: `${name}-` }, ns, rs), REPLICASET_ACTOR);
    }
    const excess = [...pods].sort((a, b) => Number(isPodReady(a)) - Number(isPodReady(b))).slice(0, Math.max(0, pods.length - desired));
    for (const p of excess) store.delete(R.pods, ns, p.metadata.name, REPLICASET_ACTOR);
    const now = live(rt.ownedObjects(R.pods, rs.metadata.uid));
    const ready = now.filter(isPodReady).length;
    writeStatus(
      R.replicasets,
      rs,
      {
        replicas: now.length,
        fullyLabeledReplicas: now.length,
        readyReplicas: ready,
        availableReplicas: ready,
        observedGeneration: rs.metadata.generation,
      },
      REPLICASET_ACTOR,
    );
  };

  const reconcileStatefulSet = (k: string) => {
    const [ns, name] = splitKey(k);
    const sts = store.get(R.statefulsets, ns, name);
    if (!sts || sts.metadata.deletionTimestamp) return;
    const spec = sts.spec as WorkloadSpec;
    const desired = spec.replicas ?? 1;
    const revision = `${name}-${templateHash(spec.template)}`;
    for (let i = 0; i < desired; i++) {
      const podName = `${name}-${i}`;
      if (store.get(R.pods, ns, podName)) continue;
      const labels = {
        "apps.kubernetes.io/pod-index": String(i),
        "controller-revision-hash": revision,
        "statefulset.kubernetes.io/pod-name": podName,
      };
      const pod = podFromTemplate(spec.template ?? {}, { name: podName }, ns, sts, labels);
      (pod.spec as Record<string, unknown>).hostname = podName;
      if (spec.serviceName) (pod.spec as Record<string, unknown>).subdomain = spec.serviceName;
      store.create(R.pods, pod, STATEFULSET_ACTOR);
    }
    const pods = live(rt.ownedObjects(R.pods, sts.metadata.uid));
    for (const p of pods) {
      const ordinal = Number(p.metadata.name.slice(name.length + 1));
      if (ordinal >= desired) store.delete(R.pods, ns, p.metadata.name, STATEFULSET_ACTOR);
    }
    const kept = pods.filter((p) => Number(p.metadata.name.slice(name.length + 1)) < desired);
    const ready = kept.filter(isPodReady).length;
    writeStatus(
      R.statefulsets,
      sts,
      {
        observedGeneration: sts.metadata.generation,
        replicas: kept.length,
        readyReplicas: ready,
        currentReplicas: kept.length,
        updatedReplicas: kept.length,
        availableReplicas: ready,
        currentRevision: revision,
        updateRevision: revision,
        collisionCount: 0,
      },
      STATEFULSET_ACTOR,
    );
  };

  const deployments = rt.queue(reconcileDeployment);
  const replicasets = rt.queue(reconcileReplicaSet);
  const statefulsets = rt.queue(reconcileStatefulSet);
  const byKind: Record<string, (k: string) => void> = { Deployment: deployments, ReplicaSet: replicasets, StatefulSet: statefulsets };

  for (const d of store.list(R.deployments).items) deployments(key(d));
  for (const rs of store.list(R.replicasets).items) replicasets(key(rs));
  for (const s of store.list(R.statefulsets).items) statefulsets(key(s));

  rt.onEvent(({ resource, object, type }) => {
    const isApps = resource.group === "apps";
    if (isApps && resource.resource === "deployments" && type !== "DELETED") deployments(key(object));
    if (isApps && resource.resource === "replicasets" && type !== "DELETED") replicasets(key(object));
    if (isApps && resource.resource === "statefulsets" && type !== "DELETED") statefulsets(key(object));
    const owner = controllerOf(object);
    if (!owner || (resource.group !== "" && !isApps)) return;
    if ((resource.resource === "pods" || resource.resource === "replicasets") && byKind[owner.kind]) {
      byKind[owner.kind]?.(`${object.metadata.namespace ?? ""}/${owner.name}`);
    }
  });
}
