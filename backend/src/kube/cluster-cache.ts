import type { ProviderDescriptor, RuntimeId } from "@kubeairunway/shared";
import type { Logger } from "../logger";
import { createInformer } from "./informer";
import { mergeInformers } from "./merged-informer";
import { createScheduledPodsInformer } from "./scheduled-pods";
import type {
  CacheChange,
  ClusterCache,
  DeploymentChange,
  Informer,
  KubeClients,
  KubeResource,
  ResourceRef,
  RuntimeResource,
} from "./types";

export interface ClusterCacheOptions {
  /** The backend's own clients: the cache is shared by every caller and filtered per user on read. */
  clients: KubeClients;
  logger: Logger;
  descriptors: Record<RuntimeId, ProviderDescriptor>;
  /** Server-side watch length before resuming from the last resourceVersion (default 60 s). */
  watchTimeoutSeconds?: number;
  /** How often a runtime whose CRD is missing is looked for again (default 30 s). */
  installRecheckMs?: number;
  /** Most events kept; the oldest go first (default 5 000). */
  maxEvents?: number;
}

/** Index of pods and events by the deployment they belong to: `namespace/name`. */
export const DEPLOYMENT_INDEX = "deployment";
/** Index of events by what they are about: `namespace/Kind/name`. */
export const INVOLVED_INDEX = "involved";

const POD: ResourceRef = { group: "", version: "v1", plural: "pods", kind: "Pod", namespaced: true };
const NODE: ResourceRef = { group: "", version: "v1", plural: "nodes", kind: "Node", namespaced: false };
const EVENT: ResourceRef = { group: "", version: "v1", plural: "events", kind: "Event", namespaced: true };

function involvedKey(event: KubeResource): string[] {
  const io = event.involvedObject as { kind?: string; name?: string; namespace?: string } | undefined;
  if (!io?.kind || !io.name) return [];
  return [`${io.namespace ?? event.metadata?.namespace ?? ""}/${io.kind}/${io.name}`];
}

function eventTime(event: KubeResource): number {
  const t = (event.lastTimestamp ?? event.eventTime ?? event.firstTimestamp ?? event.metadata?.creationTimestamp) as string | undefined;
  const ms = t ? Date.parse(t) : Number.NaN;
  return Number.isNaN(ms) ? 0 : ms;
}

/** Nodes carry image lists of several KB each that nothing here reads. */
function slimNode(node: KubeResource): KubeResource {
  const status = node.status as Record<string, unknown> | undefined;
  if (status && "images" in status) delete status.images;
  if (node.metadata && "managedFields" in node.metadata) delete (node.metadata as Record<string, unknown>).managedFields;
  return node;
}

/**
 * The shared informer cache (design.md §5): one informer per runtime CR, one label-selected pod
 * informer per runtime (by the descriptor's `instanceLabel`), nodes, and a bounded window of
 * events, with indexes so a route answers from memory with no LIST and no per-deployment lookup.
 */
export function createClusterCache(options: ClusterCacheOptions): ClusterCache {
  const { clients, logger, descriptors } = options;
  const ids = Object.keys(descriptors) as RuntimeId[];
  const common = { clients, logger, watchTimeoutSeconds: options.watchTimeoutSeconds, installRecheckMs: options.installRecheckMs };
  const runtimes = {} as Record<RuntimeId, Informer>;
  const podParts = {} as Record<RuntimeId, Informer>;
  for (const id of ids) {
    const d = descriptors[id];
    runtimes[id] = createInformer({
      ...common,
      name: id,
      resource: { group: d.crd.group, version: d.crd.version, plural: d.crd.plural, kind: d.crd.kind, namespaced: true },
      optional: true,
    });
    podParts[id] = createInformer({
      ...common,
      name: `pods:${id}`,
      resource: POD,
      labelSelector: d.instanceLabel,
      indexers: {
        [DEPLOYMENT_INDEX]: (pod) => {
          const owner = pod.metadata?.labels?.[d.instanceLabel];
          return owner ? [`${pod.metadata?.namespace}/${owner}`] : [];
        },
      },
    });
  }
  const pods = mergeInformers("pods", POD, Object.values(podParts));
  const nodes = createInformer({ ...common, name: "nodes", resource: NODE, transform: slimNode });
  const events = createInformer({
    ...common,
    name: "events",
    resource: EVENT,
    maxObjects: options.maxEvents ?? 5_000,
    indexers: { [INVOLVED_INDEX]: involvedKey },
  });
  const scheduledPods = createScheduledPodsInformer(common);
  const all: Informer[] = [...Object.values(runtimes), ...Object.values(podParts), nodes, events, scheduledPods];
  const listeners = new Set<(change: DeploymentChange) => void>();
  const unsubscribes: (() => void)[] = [];
  let generation = 0;

  const notify = (change: DeploymentChange) => {
    for (const listener of listeners) {
      try {
        listener(change);
      } catch (err) {
        logger.error("deployment change listener failed", { error: err });
      }
    }
  };
  /** A pod/event change counts as an update of the deployment it belongs to, if that is cached. */
  const touch = (runtime: RuntimeId, namespace: string | undefined, name: string | undefined) => {
    if (!namespace || !name) return;
    const resource = runtimes[runtime].get(namespace, name);
    if (resource) notify({ type: "updated", runtime, namespace, name, resource });
  };
  const ownerOfPod = (namespace: string, podName: string): { runtime: RuntimeId; name: string } | undefined => {
    for (const id of ids) {
      const pod = podParts[id].get(namespace, podName);
      const owner = pod?.metadata?.labels?.[descriptors[id].instanceLabel];
      if (owner) return { runtime: id, name: owner };
    }
    return undefined;
  };

  const wire = () => {
    for (const informer of all) unsubscribes.push(informer.subscribe(() => generation++));
    for (const id of ids) {
      unsubscribes.push(
        runtimes[id].subscribe((change: CacheChange) => {
          if (change.type === "resynced") return notify({ type: "resynced" });
          const meta = change.object.metadata;
          notify({ type: change.type, runtime: id, namespace: meta?.namespace, name: meta?.name, resource: change.object });
        }),
        podParts[id].subscribe((change) => {
          if (change.type === "resynced") return notify({ type: "resynced" });
          touch(id, change.object.metadata?.namespace, change.object.metadata?.labels?.[descriptors[id].instanceLabel]);
        }),
      );
    }
    unsubscribes.push(
      // Added, changed, deleted or evicted from the bounded window: the deployment the event is
      // about is re-summarized, since its explanation may come from (or have come from) this event.
      events.subscribe((change) => {
        if (change.type === "resynced") return;
        const io = change.object.involvedObject as { kind?: string; name?: string; namespace?: string } | undefined;
        const namespace = io?.namespace ?? change.object.metadata?.namespace;
        if (!io?.name || !namespace) return;
        if (io.kind === "Pod") {
          const owner = ownerOfPod(namespace, io.name);
          if (owner) touch(owner.runtime, namespace, owner.name);
          return;
        }
        const runtime = ids.find((id) => descriptors[id].crd.kind === io.kind);
        if (runtime) touch(runtime, namespace, io.name);
      }),
    );
  };

  const podsOf = (runtime: RuntimeId, namespace: string, name: string) =>
    podParts[runtime]?.byIndex(DEPLOYMENT_INDEX, `${namespace}/${name}`) ?? [];

  return {
    runtimes,
    pods,
    nodes,
    scheduledPods,
    events,
    deployments(filter = {}) {
      const out: RuntimeResource[] = [];
      for (const id of filter.runtime ? [filter.runtime] : ids) {
        for (const resource of runtimes[id].list(filter.namespace)) out.push({ runtime: id, resource });
      }
      return out;
    },
    deployment(namespace, name, runtime) {
      for (const id of runtime ? [runtime] : ids) {
        const resource = runtimes[id].get(namespace, name);
        if (resource) return { runtime: id, resource };
      }
      return undefined;
    },
    podsOf,
    eventsOf(runtime, namespace, name) {
      const kind = descriptors[runtime].crd.kind;
      const found = events.byIndex(INVOLVED_INDEX, `${namespace}/${kind}/${name}`);
      for (const pod of podsOf(runtime, namespace, name)) {
        found.push(...events.byIndex(INVOLVED_INDEX, `${namespace}/Pod/${pod.metadata?.name}`));
      }
      return found.sort((a, b) => eventTime(a) - eventTime(b));
    },
    notInstalled: () => ids.filter((id) => !runtimes[id].status().installed),
    stale: () => all.some((i) => i.status().stale),
    generation: () => generation,
    statuses: () => [...Object.values(runtimes), pods, nodes, events, scheduledPods].map((i) => i.status()),
    ready: () => all.every((i) => i.status().synced),
    async waitForSync(timeoutMs) {
      const results = await Promise.all(all.map((i) => i.waitForSync(timeoutMs)));
      return results.every(Boolean);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start() {
      if (unsubscribes.length === 0) wire();
      for (const informer of all) informer.start();
    },
    stop() {
      for (const informer of all) informer.stop();
      for (const off of unsubscribes.splice(0)) off();
    },
  };
}
