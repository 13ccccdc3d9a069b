/**
 * RBAC-style policy: bindings of subjects (users, groups) to rules of verbs × apiGroups ×
 * resources(/subresources) × resourceNames, either cluster-wide or in one namespace.
 * The seeded policy gives the sim its four identities (admin, alice, bob, the backend's SA).
 */

export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  /** `pods`, `pods/log`, `*`, `*\/scale`. */
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

export interface Binding {
  /** Shown in SubjectAccessReview reasons. */
  name: string;
  subjects: { kind: "User" | "Group"; name: string }[];
  /** Undefined = ClusterRoleBinding (all namespaces and cluster-scoped resources). */
  namespace?: string;
  roleName: string;
  rules: PolicyRule[];
}

/** What an authorization question is about (the SubjectAccessReview attributes). */
export interface RequestAttributes {
  verb: string;
  /** Resource requests. */
  group?: string;
  resource?: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  /** Non-resource requests (`/version`, `/healthz`). */
  path?: string;
}

const READ = ["get", "list", "watch"];
const WRITE = ["create", "update", "patch", "delete", "deletecollection"];

const CLUSTER_ADMIN: PolicyRule[] = [
  { verbs: ["*"], apiGroups: ["*"], resources: ["*"] },
  { verbs: ["*"], nonResourceURLs: ["*"] },
];

/** `edit`-like: read/write of namespaced resources (no RBAC objects), incl. logs and proxies. */
const EDIT: PolicyRule[] = [{ verbs: [...READ, ...WRITE], apiGroups: ["*"], resources: ["*"] }];

/** Read-only, cluster-wide: get/list/watch on every resource (incl. logs, status). */
const VIEW: PolicyRule[] = [{ verbs: READ, apiGroups: ["*"], resources: ["*"] }];

/** The backend's ServiceAccount (design.md §4): cluster reads, reviews, proxies. */
const BACKEND: PolicyRule[] = [
  { verbs: READ, apiGroups: ["kaito.sh", "ray.io", "nvidia.com"], resources: ["*"] },
  { verbs: READ, apiGroups: [""], resources: ["pods", "pods/log", "nodes", "events", "services", "namespaces", "endpoints"] },
  { verbs: READ, apiGroups: ["apps"], resources: ["deployments", "statefulsets", "replicasets"] },
  { verbs: ["get", "list"], apiGroups: ["apiextensions.k8s.io"], resources: ["customresourcedefinitions"] },
  { verbs: ["create"], apiGroups: ["authentication.k8s.io"], resources: ["tokenreviews"] },
  { verbs: ["create"], apiGroups: ["authorization.k8s.io"], resources: ["subjectaccessreviews"] },
  { verbs: ["get", "create"], apiGroups: [""], resources: ["pods/proxy", "services/proxy"] },
];

/** system:basic-user + system:discovery + system:public-info-viewer for every authenticated identity. */
const BASIC: PolicyRule[] = [
  { verbs: ["create"], apiGroups: ["authorization.k8s.io"], resources: ["selfsubjectaccessreviews", "selfsubjectrulesreviews"] },
  { verbs: ["create"], apiGroups: ["authentication.k8s.io"], resources: ["selfsubjectreviews"] },
  {
    verbs: ["get"],
    nonResourceURLs: [
      "/api",
      "/api/*",
      "/apis",
      "/apis/*",
      "/openapi",
      "/openapi/*",
      "/version",
      "/version/",
      "/healthz",
      "/livez",
      "/readyz",
    ],
  },
];

export const BACKEND_SERVICE_ACCOUNT = "system:serviceaccount:kubeairunway-system:kubeairunway";

/** The sim's seeded bindings. */
export function seededBindings(): Binding[] {
  return [
    { name: "cluster-admin", roleName: "cluster-admin", subjects: [{ kind: "Group", name: "system:masters" }], rules: CLUSTER_ADMIN },
    { name: "alice-edit", roleName: "edit", namespace: "team-a", subjects: [{ kind: "User", name: "alice" }], rules: EDIT },
    { name: "bob-view", roleName: "view", subjects: [{ kind: "User", name: "bob" }], rules: VIEW },
    { name: "kubeairunway", roleName: "kubeairunway", subjects: [{ kind: "User", name: BACKEND_SERVICE_ACCOUNT }], rules: BACKEND },
    { name: "system:basic-user", roleName: "system:basic-user", subjects: [{ kind: "Group", name: "system:authenticated" }], rules: BASIC },
  ];
}

function matches(list: string[] | undefined, value: string): boolean {
  return (list ?? []).some((item) => item === "*" || item === value);
}

function resourceMatches(list: string[] | undefined, resource: string, subresource: string | undefined): boolean {
  const full = subresource ? `${resource}/${subresource}` : resource;
  return (list ?? []).some(
    (item) =>
      item === "*" ||
      item === full ||
      (subresource !== undefined && item === `*/${subresource}`) ||
      (subresource === undefined && item === resource),
  );
}

function pathMatches(list: string[] | undefined, path: string): boolean {
  return (list ?? []).some((item) => item === "*" || item === path || (item.endsWith("*") && path.startsWith(item.slice(0, -1))));
}

/** `true` when `rule` allows the request described by `attrs`. */
export function ruleAllows(rule: PolicyRule, attrs: RequestAttributes): boolean {
  if (!matches(rule.verbs, attrs.verb)) return false;
  if (attrs.path !== undefined) return pathMatches(rule.nonResourceURLs, attrs.path);
  if (!rule.resources) return false;
  if (!matches(rule.apiGroups, attrs.group ?? "")) return false;
  if (!resourceMatches(rule.resources, attrs.resource ?? "", attrs.subresource || undefined)) return false;
  if (rule.resourceNames && rule.resourceNames.length > 0) return attrs.name !== undefined && rule.resourceNames.includes(attrs.name);
  return true;
}
