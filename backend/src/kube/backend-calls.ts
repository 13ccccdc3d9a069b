/**
 * Every Kubernetes API call the backend makes, as data. The Helm chart's RBAC is checked against
 * this list (deploy/test/rbac.test.ts): the `kubeairunway-backend` ClusterRole must grant exactly
 * the `backend` calls, and the user-facing `kubeairunway-editor`/`-viewer` roles must cover the
 * `user` calls. When code starts making a new call, add it here; the chart test then says which
 * rule is missing. Discovery (`GET /api`, `/apis/<group>[/<version>]`) is a non-resource URL
 * every authenticated identity may read (system:discovery), so it is not listed.
 */

export type KubeVerb = "get" | "list" | "watch" | "create" | "delete";

export interface KubeCall {
  /** Whose credentials make the call: the backend's ServiceAccount, or the caller's own token. */
  as: "backend" | "user";
  /** API group ("" for core). */
  group: string;
  /** Plural resource, with `/subresource` when there is one (`pods/log`). */
  resource: string;
  verbs: readonly KubeVerb[];
  /** Granted to every authenticated identity by Kubernetes' default roles, so no chart rule is needed. */
  grantedByDefault?: boolean;
  /** Where the code makes the call, and why. */
  why: string;
}

/** The runtimes' custom resources (group, plural) — one entry per provider descriptor. */
export const RUNTIME_RESOURCES = [
  { runtime: "kaito", group: "kaito.sh", resource: "workspaces" },
  { runtime: "kuberay", group: "ray.io", resource: "rayservices" },
  { runtime: "dynamo", group: "nvidia.com", resource: "dynamographdeployments" },
] as const;

/** Kinds providers may create next to their custom resource, with their plural (companions). */
export const COMPANION_RESOURCES = [{ kind: "ConfigMap", group: "", resource: "configmaps" }] as const;

const runtimeCalls = (as: KubeCall["as"], verbs: readonly KubeVerb[], why: string): KubeCall[] =>
  RUNTIME_RESOURCES.map((r) => ({ as, group: r.group, resource: r.resource, verbs, why }));

export const KUBE_CALLS: readonly KubeCall[] = [
  // The backend's ServiceAccount: shared caches, runtime detection, identity.
  ...runtimeCalls("backend", ["list", "watch"], "kube/cluster-cache.ts: one informer per runtime CR, all namespaces"),
  {
    as: "backend",
    group: "",
    resource: "pods",
    verbs: ["list", "watch"],
    why: "kube/cluster-cache.ts: label-selected pod informer per runtime",
  },
  {
    as: "backend",
    group: "",
    resource: "pods/proxy",
    verbs: ["get"],
    why: "services/metrics/scrape-targets.ts: scrape inference pods' metrics through the apiserver's pod proxy",
  },
  { as: "backend", group: "", resource: "nodes", verbs: ["list", "watch"], why: "kube/cluster-cache.ts: node informer (GPU capacity)" },
  { as: "backend", group: "", resource: "events", verbs: ["list", "watch"], why: "kube/cluster-cache.ts: bounded event window" },
  {
    as: "backend",
    group: "apiextensions.k8s.io",
    resource: "customresourcedefinitions",
    verbs: ["get"],
    why: "providers/runtime-detection.ts: served versions of each runtime CRD",
  },
  {
    as: "backend",
    group: "apps",
    resource: "deployments",
    verbs: ["list"],
    why: "providers/runtime-detection.ts: operator Deployment found by labels, all namespaces",
  },
  {
    as: "backend",
    group: "authentication.k8s.io",
    resource: "tokenreviews",
    verbs: ["create"],
    why: "auth/token-review.ts: validate bearer tokens",
  },
  {
    as: "backend",
    group: "authorization.k8s.io",
    resource: "subjectaccessreviews",
    verbs: ["create"],
    why: "auth/permissions.ts: filter cached reads by the caller's RBAC",
  },
  {
    as: "backend",
    group: "authentication.k8s.io",
    resource: "selfsubjectreviews",
    verbs: ["create"],
    grantedByDefault: true,
    why: "routes/system.ts: whoami of the kubeconfig identity (system:basic-user grants it)",
  },
  // The caller's own token: the apiserver enforces the user's RBAC on these.
  ...runtimeCalls("user", ["create", "get", "delete"], "services/deployments: create (get to adopt a retried create), delete"),
  ...COMPANION_RESOURCES.map(
    (c): KubeCall => ({
      as: "user",
      group: c.group,
      resource: c.resource,
      verbs: ["create", "get"],
      why: "services/deployments/create-deployment.ts: companions",
    }),
  ),
  { as: "user", group: "", resource: "pods/log", verbs: ["get"], why: "services/deployments: logs route and crash-loop hints" },
  // Reads served from the cache are checked with SubjectAccessReview as if the user made them.
  ...runtimeCalls("user", ["get", "list"], "services/deployments/visibility.ts: SubjectAccessReview before cached reads"),
];
