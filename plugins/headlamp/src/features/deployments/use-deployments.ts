import { K8s } from "@kinvolk/headlamp-plugin/lib";
import type { KubeEvent, KubeObject, KubePod } from "@kubeairunway/shared/providers/types";
import type { RuntimeId } from "@kubeairunway/shared/schemas/common";
import type { DeploymentSummary } from "@kubeairunway/shared/schemas/deployments";
import { useMemo } from "react";
import { useSelector } from "react-redux";
import { buildDeploymentView, type DeploymentView, summarizeAll } from "../../kube/combine";
import { runtimeClasses } from "../../resources/runtime-resources";
import { RUNTIME_IDS, runtimes } from "../../runtimes";

type ListError = { status?: number; message: string } | null | undefined;
type Listed = { jsonData: unknown };

const json = <T>(items: readonly Listed[] | null | undefined) => (items ?? []).map((i) => i.jsonData as T);

/** Namespaces picked in Headlamp's own namespace filter; empty means all the user may list. */
export function useSelectedNamespaces(): string[] {
  const selected = useSelector((state: { filter?: { namespaces?: Set<string> } }) => state.filter?.namespaces);
  return useMemo(() => [...(selected ?? [])], [selected]);
}

export interface LiveDeployments {
  items: DeploymentSummary[];
  notInstalled: RuntimeId[];
  errors: { source: string; message: string; status?: number }[];
  loading: boolean;
}

/** One runtime's resources and pods, listed and watched by Headlamp as the user. */
function useRuntimeList(runtime: RuntimeId, namespace: string[] | undefined) {
  const [resources, resourceError] = runtimeClasses[runtime].useList({ namespace });
  const labelSelector = runtimes[runtime].descriptor.instanceLabel;
  const [pods, podError] = K8s.ResourceClasses.Pod.useList({ namespace, labelSelector });
  return { resources, resourceError: resourceError as ListError, pods, podError: podError as ListError };
}

/**
 * Deployments of all three runtimes, live. A runtime whose CRD is missing (404) is "not installed";
 * other failures (403…) are errors the page shows, never silently empty rows.
 */
export function useLiveDeployments(namespaces: string[]): LiveDeployments {
  const namespace = namespaces.length ? namespaces : undefined;
  const kaito = useRuntimeList("kaito", namespace);
  const kuberay = useRuntimeList("kuberay", namespace);
  const dynamo = useRuntimeList("dynamo", namespace);
  const inputs = [kaito.resources, kaito.pods, kaito.resourceError, kaito.podError, kuberay.resources, kuberay.pods, kuberay.resourceError];
  inputs.push(kuberay.podError, dynamo.resources, dynamo.pods, dynamo.resourceError, dynamo.podError);
  // biome-ignore lint/correctness/useExhaustiveDependencies: recompute only when a list or its error changes, not on every render.
  return useMemo(() => combineLists({ kaito, kuberay, dynamo }), inputs);
}

function combineLists(lists: Record<RuntimeId, ReturnType<typeof useRuntimeList>>): LiveDeployments {
  const out: LiveDeployments = { items: [], notInstalled: [], errors: [], loading: false };
  for (const runtime of RUNTIME_IDS) {
    const l = lists[runtime];
    const name = runtimes[runtime].descriptor.displayName;
    if (l.resourceError?.status === 404) out.notInstalled.push(runtime);
    else if (l.resourceError) out.errors.push({ source: name, message: l.resourceError.message, status: l.resourceError.status });
    if (l.podError && l.resources?.length) out.errors.push({ source: `${name} pods`, message: l.podError.message });
    if (l.resources === null && !l.resourceError) out.loading = true;
    out.items.push(...summarizeAll(runtime, json<KubeObject>(l.resources), json<KubePod>(l.pods)));
  }
  out.items.sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
  return out;
}

/** The custom resource named `name` in `namespace`, whichever runtime owns it. */
function useAnyRuntimeResource(namespace: string, name: string) {
  const found = {
    kaito: runtimeClasses.kaito.useGet(name, namespace),
    kuberay: runtimeClasses.kuberay.useGet(name, namespace),
    dynamo: runtimeClasses.dynamo.useGet(name, namespace),
  };
  const runtime = RUNTIME_IDS.find((id) => found[id][0]);
  const errors = RUNTIME_IDS.map((id) => found[id][1] as ListError);
  const settled = RUNTIME_IDS.every((id) => found[id][0] || found[id][1]);
  return { runtime, resource: runtime ? found[runtime][0] : null, errors, settled };
}

export interface LiveDeployment {
  view: DeploymentView | undefined;
  /** The Headlamp object (for the generic CRD link and ConditionsTable). */
  object: InstanceType<(typeof runtimeClasses)[RuntimeId]> | null;
  loading: boolean;
  error: string | undefined;
}

/** One deployment, live: resource, pods and events, combined with the shared cores. */
export function useLiveDeployment(namespace: string, name: string): LiveDeployment {
  const { runtime, resource, errors, settled } = useAnyRuntimeResource(namespace, name);
  const labelSelector = runtime ? `${runtimes[runtime].descriptor.instanceLabel}=${name}` : "kubeairunway.io/none";
  const [pods] = K8s.ResourceClasses.Pod.useList({ namespace, labelSelector });
  const [events] = K8s.event.default.useList({ namespace });
  const view = useMemo(
    () =>
      runtime && resource
        ? buildDeploymentView(runtime, resource.jsonData as KubeObject, json<KubePod>(pods), json<KubeEvent>(events))
        : undefined,
    [runtime, resource, pods, events],
  );
  const denied = errors.find((e) => e && e.status !== 404);
  const error =
    !runtime && settled ? (denied?.message ?? `No KAITO, KubeRay or Dynamo deployment named ${name} in ${namespace}.`) : undefined;
  return { view, object: resource, loading: !settled && !runtime, error };
}
