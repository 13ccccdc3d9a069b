import { explainPending } from "@kubeairunway/shared/providers/explain";
import { conditionsOf } from "@kubeairunway/shared/providers/kube-read";
import { summarizePod } from "@kubeairunway/shared/providers/pods";
import type { KubeEvent, KubeObject, KubePod } from "@kubeairunway/shared/providers/types";
import type { RuntimeId } from "@kubeairunway/shared/schemas/common";
import type { DeploymentStatus, DeploymentSummary, PodSummary } from "@kubeairunway/shared/schemas/deployments";
import type { PendingReason } from "@kubeairunway/shared/schemas/events";
import { runtimes } from "../runtimes";

/**
 * Pure glue between what Headlamp (or a test) fetched and the shared provider cores. The live
 * hooks and the imperative data layer both go through here, so both show the same thing.
 */

const key = (namespace: string | undefined, name: string | undefined) => `${namespace ?? ""}/${name ?? ""}`;

/** Pods grouped by the instance they belong to (the runtime's instance label), per namespace. */
export function groupPods(runtime: RuntimeId, pods: readonly KubePod[]): Map<string, KubePod[]> {
  const label = runtimes[runtime].descriptor.instanceLabel;
  const groups = new Map<string, KubePod[]>();
  for (const pod of pods) {
    const instance = pod.metadata?.labels?.[label];
    if (!instance) continue;
    const k = key(pod.metadata?.namespace, instance);
    const list = groups.get(k);
    if (list) list.push(pod);
    else groups.set(k, [pod]);
  }
  return groups;
}

/** One row per custom resource, summarized by the runtime's shared core. */
export function summarizeAll(
  runtime: RuntimeId,
  resources: readonly KubeObject[],
  pods: readonly KubePod[],
  now?: number,
): DeploymentSummary[] {
  const groups = groupPods(runtime, pods);
  const options = now === undefined ? {} : { now };
  return resources.map((r) => runtimes[runtime].summarize(r, groups.get(key(r.metadata?.namespace, r.metadata?.name)) ?? [], options));
}

/** Events about the resource or one of its pods, newest last as the apiserver returns them. */
export function relatedEvents(resource: KubeObject, pods: readonly KubePod[], events: readonly KubeEvent[]): KubeEvent[] {
  const names = new Set([resource.metadata?.name, ...pods.map((p) => p.metadata?.name)].filter(Boolean));
  return events.filter((e) => {
    const obj = e.involvedObject ?? e.regarding;
    return obj?.name !== undefined && names.has(obj.name);
  });
}

export interface DeploymentView {
  runtime: RuntimeId;
  summary: DeploymentSummary;
  status: DeploymentStatus;
  pods: PodSummary[];
  /** Why it is not running yet (shared `explainPending`); empty once it runs. */
  pending: PendingReason[];
  events: KubeEvent[];
  resource: KubeObject;
}

/** Everything the details page shows, from the live resource, its pods and the namespace's events. */
export function buildDeploymentView(
  runtime: RuntimeId,
  resource: KubeObject,
  pods: KubePod[],
  namespaceEvents: readonly KubeEvent[],
  now?: number,
): DeploymentView {
  const core = runtimes[runtime];
  const options = now === undefined ? {} : { now };
  const events = relatedEvents(resource, pods, namespaceEvents);
  const status = core.toStatus(resource, pods, events, options);
  const summary = core.summarize(resource, pods, events, options);
  const pending = status.phase === "Running" ? [] : explainPending(pods, events, conditionsOf(resource));
  return { runtime, summary, status, pods: pods.map((p) => summarizePod(p)), pending, events, resource };
}
