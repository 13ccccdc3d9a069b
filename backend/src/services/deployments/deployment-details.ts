import type { DeploymentDetail, DeploymentEvents, KubeEventSummary, RuntimeId } from "@kubeairunway/shared";
import { explainPending } from "@kubeairunway/shared/providers/explain";
import { conditionsOf, eventMessage, eventObject, toIso } from "@kubeairunway/shared/providers/kube-read";
import { podProblems, summarizePod } from "@kubeairunway/shared/providers/pods";
import type { KubeEvent, KubeObject, KubePod } from "@kubeairunway/shared/providers/types";
import type { Identity, Permissions } from "../../auth/identity";
import { NotFoundError } from "../../errors";
import type { KubeClients, KubeResource } from "../../kube/types";
import type { DeploymentViews } from "./deployment-views";
import { assertCan } from "./visibility";

export interface Located {
  runtime: RuntimeId;
  resource: KubeResource;
}

/**
 * Finds a deployment in the cache and checks the caller may `get` it. An absent deployment is a 404
 * only for a caller who could read it in that namespace; others get the 403 the apiserver would
 * give, so probing names reveals nothing.
 */
export async function locate(
  views: DeploymentViews,
  permissions: Permissions,
  identity: Identity,
  namespace: string,
  name: string,
): Promise<Located> {
  const hit = views.cache.deployment(namespace, name);
  const runtime = hit?.runtime ?? "kaito";
  const { group, plural } = views.providers[runtime].descriptor.crd;
  await assertCan(identity, permissions, "get", { group, plural, namespace, name });
  if (!hit) throw new NotFoundError(`deployment "${name}" not found in namespace "${namespace}"`);
  return hit;
}

/** Status, pods, conditions, endpoints and the live resource of one deployment, from the cache. */
export function deploymentDetail(views: DeploymentViews, { runtime, resource }: Located, now: number): DeploymentDetail {
  const namespace = resource.metadata?.namespace ?? "";
  const name = resource.metadata?.name ?? "";
  const provider = views.providers[runtime];
  const pods = views.cache.podsOf(runtime, namespace, name) as KubePod[];
  const events = views.cache.eventsOf(runtime, namespace, name) as KubeEvent[];
  const object = resource as KubeObject;
  const summary = views.index.get(runtime, namespace, name)?.summary ?? provider.summarize(object, pods, events, { now });
  return {
    summary,
    status: provider.toStatus(object, pods, events, { now }),
    pods: pods.map((pod) => summarizePod(pod)).sort((a, b) => a.name.localeCompare(b.name)),
    resource: resource as Record<string, unknown>,
  };
}

function eventSummary(event: KubeEvent): KubeEventSummary {
  const object = eventObject(event);
  const out: KubeEventSummary = {
    type: event.type ?? "Normal",
    reason: event.reason ?? "",
    message: eventMessage(event),
    object: { kind: object.kind ?? "", name: object.name ?? "" },
    count: event.count ?? event.deprecatedCount ?? 1,
  };
  const first = toIso(event.firstTimestamp ?? event.eventTime ?? event.metadata?.creationTimestamp);
  const last = toIso(event.lastTimestamp ?? event.eventTime ?? event.firstTimestamp);
  if (first) out.firstSeen = first;
  if (last) out.lastSeen = last;
  return out;
}

/** How many crashing containers get their logs read for one explanation (each is one API call). */
const MAX_LOG_FETCHES = 3;
const LOG_TAIL_LINES = 20;

/**
 * Last lines of each crashing container's previous run, read as the caller (so a user without
 * `pods/log` access simply gets no log evidence). A failed read leaves that container out: the
 * explanation still stands on the pod status and events.
 */
async function crashLogs(clients: KubeClients, pods: readonly KubePod[]): Promise<Record<string, string[]>> {
  const crashing = podProblems(pods)
    .filter((p) => (p.kind === "crash-loop" || p.kind === "oom") && p.container)
    .slice(0, MAX_LOG_FETCHES);
  const namespace = pods[0]?.metadata?.namespace ?? "";
  const entries = await Promise.all(
    crashing.map(async (p) => {
      const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(p.pod)}/log`;
      try {
        const res = await clients.stream({ path, query: { container: p.container, previous: p.restarts > 0, tailLines: LOG_TAIL_LINES } });
        const text = await res.text();
        return [`${p.pod}/${p.container}`, text.split("\n").filter((l) => l.length > 0)] as const;
      } catch {
        return undefined;
      }
    }),
  );
  return Object.fromEntries(entries.filter((e) => e !== undefined));
}

/** Recent events of the deployment and its pods, and — unless it runs — why it does not yet. */
export async function deploymentEvents(views: DeploymentViews, located: Located, clients: KubeClients): Promise<DeploymentEvents> {
  const { runtime, resource } = located;
  const namespace = resource.metadata?.namespace ?? "";
  const name = resource.metadata?.name ?? "";
  const pods = views.cache.podsOf(runtime, namespace, name) as KubePod[];
  const events = views.cache.eventsOf(runtime, namespace, name) as KubeEvent[];
  const phase = views.index.get(runtime, namespace, name)?.summary.phase;
  const summaries = events.map(eventSummary);
  if (phase === "Running") return { events: summaries, pending: [] };
  const logs = await crashLogs(clients, pods);
  return { events: summaries, pending: explainPending(pods, events, conditionsOf(resource as KubeObject), { logs }) };
}
