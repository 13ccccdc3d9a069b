/**
 * The endpoints controller: keeps an Endpoints object per Service with a selector, listing the IPs
 * of matching pods (ready ones under `addresses`, the rest under `notReadyAddresses`) and the
 * target ports, as kube-controller-manager does; `kubectl describe svc` and readiness checks read it.
 */
import { R } from "../store/builtins";
import type { KubeObject } from "../store/types";
import { type ControllerRuntime, getOrCreate, key, systemActor } from "./runtime";
import { isPodReady } from "./workloads";

const ACTOR = systemActor("system:serviceaccount:kube-system:endpoint-controller", ["system:serviceaccounts"]);

interface ServiceSpec {
  selector?: Record<string, string>;
  ports?: { name?: string; port: number; targetPort?: number | string; protocol?: string }[];
  publishNotReadyAddresses?: boolean;
}

function targetPort(pod: KubeObject, port: NonNullable<ServiceSpec["ports"]>[number]): number | undefined {
  if (typeof port.targetPort === "number") return port.targetPort;
  if (typeof port.targetPort === "string") {
    const containers = ((pod.spec as { containers?: { ports?: { name?: string; containerPort: number }[] }[] }).containers ?? []) as {
      ports?: { name?: string; containerPort: number }[];
    }[];
    return containers.flatMap((c) => c.ports ?? []).find((p) => p.name === port.targetPort)?.containerPort;
  }
  return port.port;
}

/** The Endpoints object for `service` given the pods in its namespace. */
export function endpointsFor(service: KubeObject, pods: KubeObject[]): KubeObject {
  const spec = (service.spec ?? {}) as ServiceSpec;
  const selector = Object.entries(spec.selector ?? {});
  const matching = pods.filter(
    (p) =>
      !p.metadata.deletionTimestamp &&
      (p.status as { podIP?: string } | undefined)?.podIP &&
      selector.every(([k, v]) => p.metadata.labels?.[k] === v),
  );
  const address = (p: KubeObject) => ({
    ip: (p.status as { podIP: string }).podIP,
    nodeName: (p.spec as { nodeName?: string }).nodeName,
    targetRef: { kind: "Pod", namespace: p.metadata.namespace, name: p.metadata.name, uid: p.metadata.uid },
  });
  const ready = matching.filter((p) => spec.publishNotReadyAddresses || isPodReady(p));
  const notReady = matching.filter((p) => !ready.includes(p));
  const sample = matching[0];
  const ports = (spec.ports ?? []).map((p) => ({
    ...(p.name ? { name: p.name } : {}),
    port: (sample && targetPort(sample, p)) ?? p.port,
    protocol: p.protocol ?? "TCP",
  }));
  const subsets = matching.length
    ? [
        {
          ...(ready.length ? { addresses: ready.map(address) } : {}),
          ...(notReady.length ? { notReadyAddresses: notReady.map(address) } : {}),
          ports,
        },
      ]
    : [];
  return {
    apiVersion: "v1",
    kind: "Endpoints",
    metadata: {
      name: service.metadata.name,
      namespace: service.metadata.namespace,
      ...(service.metadata.labels ? { labels: { ...service.metadata.labels } } : {}),
    },
    subsets,
  };
}

/** Starts the endpoints controller. */
export function startEndpointsController(rt: ControllerRuntime): void {
  const { store } = rt;
  /** Services with a selector, per namespace, so a pod event touches only its namespace's Services. */
  const servicesByNamespace = new Map<string, Set<string>>();

  const sync = (k: string) => {
    const [ns, name] = k.split("/") as [string, string];
    const service = store.get(R.services, ns, name);
    if (!service) {
      if (store.get(R.endpoints, ns, name)) store.delete(R.endpoints, ns, name, ACTOR);
      return;
    }
    if (Object.keys((service.spec as ServiceSpec).selector ?? {}).length === 0) return;
    const selector = (service.spec as ServiceSpec).selector ?? {};
    const [firstKey, firstValue] = Object.entries(selector)[0] as [string, string];
    const desired = endpointsFor(service, rt.podsWithLabel(ns, firstKey, firstValue));
    const existing = store.get(R.endpoints, ns, name);
    if (!existing) {
      store.create(R.endpoints, desired, ACTOR);
      return;
    }
    if (JSON.stringify(existing["subsets"] ?? []) === JSON.stringify(desired["subsets"])) return;
    store.mutate(R.endpoints, ns, name, ACTOR, (e) => {
      e["subsets"] = desired["subsets"];
    });
  };
  const enqueue = rt.queue(sync);

  const track = (service: KubeObject, deleted: boolean) => {
    const set = getOrCreate(servicesByNamespace, service.metadata.namespace ?? "", () => new Set<string>());
    if (deleted || Object.keys((service.spec as ServiceSpec | undefined)?.selector ?? {}).length === 0) set.delete(service.metadata.name);
    else set.add(service.metadata.name);
  };

  for (const service of store.list(R.services).items) {
    track(service, false);
    enqueue(key(service));
  }
  rt.onEvent(({ resource, object, type }) => {
    if (resource.group !== "") return;
    if (resource.resource === "services") {
      track(object, type === "DELETED");
      enqueue(key(object));
      return;
    }
    if (resource.resource !== "pods") return;
    const ns = object.metadata.namespace ?? "";
    for (const name of servicesByNamespace.get(ns) ?? []) enqueue(`${ns}/${name}`);
  });
}
