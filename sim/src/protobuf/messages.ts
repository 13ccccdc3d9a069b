/**
 * Field tables for the Kubernetes messages kubectl 1.32 sends as protobuf: the auth reviews
 * (`auth can-i`, `auth whoami`) and the `create namespace|secret|configmap|deployment` generators
 * (`api: <group>/<version>/generated.proto`, `apimachinery: pkg/apis/meta/v1/generated.proto`).
 */

export type FieldType = "string" | "bytes" | "int" | "bool" | "time" | "quantity" | "intOrString" | { message: string };

export interface FieldSpec {
  name: string;
  type: FieldType;
  repeated?: boolean;
  /** map<string, V>: key field 1 (string), value field 2 of `type`. */
  map?: boolean;
  /** A Go pointer field: a zero value was set on purpose and is kept (others are omitempty). */
  ptr?: boolean;
}

export type MessageSpec = Record<number, FieldSpec>;

const s = (name: string): FieldSpec => ({ name, type: "string" });
const m = (name: string, message: string, repeated = false): FieldSpec => ({ name, type: { message }, ...(repeated ? { repeated } : {}) });
const map = (name: string, type: FieldType = "string"): FieldSpec => ({ name, type, map: true });

export const MESSAGES: Record<string, MessageSpec> = {
  ObjectMeta: {
    1: s("name"),
    2: s("generateName"),
    3: s("namespace"),
    5: s("uid"),
    6: s("resourceVersion"),
    7: { name: "generation", type: "int" },
    8: { name: "creationTimestamp", type: "time" },
    11: map("labels"),
    12: map("annotations"),
    13: m("ownerReferences", "OwnerReference", true),
    14: { name: "finalizers", type: "string", repeated: true },
  },
  OwnerReference: {
    1: s("kind"),
    3: s("name"),
    4: s("uid"),
    5: s("apiVersion"),
    6: { name: "controller", type: "bool", ptr: true },
    7: { name: "blockOwnerDeletion", type: "bool", ptr: true },
  },
  // authorization.k8s.io/v1
  SelfSubjectAccessReview: { 1: m("metadata", "ObjectMeta"), 2: m("spec", "SelfSubjectAccessReviewSpec") },
  SelfSubjectAccessReviewSpec: { 1: m("resourceAttributes", "ResourceAttributes"), 2: m("nonResourceAttributes", "NonResourceAttributes") },
  ResourceAttributes: {
    1: s("namespace"),
    2: s("verb"),
    3: s("group"),
    4: s("version"),
    5: s("resource"),
    6: s("subresource"),
    7: s("name"),
  },
  NonResourceAttributes: { 1: s("path"), 2: s("verb") },
  SelfSubjectRulesReview: { 1: m("metadata", "ObjectMeta"), 2: m("spec", "SelfSubjectRulesReviewSpec") },
  SelfSubjectRulesReviewSpec: { 1: s("namespace") },
  SubjectAccessReview: { 1: m("metadata", "ObjectMeta"), 2: m("spec", "SubjectAccessReviewSpec") },
  SubjectAccessReviewSpec: {
    1: m("resourceAttributes", "ResourceAttributes"),
    2: m("nonResourceAttributes", "NonResourceAttributes"),
    3: s("user"),
    4: { name: "groups", type: "string", repeated: true },
    6: s("uid"),
  },
  // authentication.k8s.io/v1
  SelfSubjectReview: { 1: m("metadata", "ObjectMeta") },
  TokenReview: { 1: m("metadata", "ObjectMeta"), 2: m("spec", "TokenReviewSpec") },
  TokenReviewSpec: { 1: s("token"), 2: { name: "audiences", type: "string", repeated: true } },
  // core/v1
  Namespace: { 1: m("metadata", "ObjectMeta"), 2: m("spec", "NamespaceSpec") },
  NamespaceSpec: { 1: { name: "finalizers", type: "string", repeated: true } },
  ConfigMap: {
    1: m("metadata", "ObjectMeta"),
    2: map("data"),
    3: map("binaryData", "bytes"),
    4: { name: "immutable", type: "bool", ptr: true },
  },
  Secret: {
    1: m("metadata", "ObjectMeta"),
    2: map("data", "bytes"),
    3: s("type"),
    4: map("stringData"),
    5: { name: "immutable", type: "bool", ptr: true },
  },
  ServiceAccount: { 1: m("metadata", "ObjectMeta") },
  // apps/v1
  Deployment: { 1: m("metadata", "ObjectMeta"), 2: m("spec", "DeploymentSpec") },
  DeploymentSpec: {
    1: { name: "replicas", type: "int", ptr: true },
    2: m("selector", "LabelSelector"),
    3: m("template", "PodTemplateSpec"),
    4: m("strategy", "DeploymentStrategy"),
    5: { name: "minReadySeconds", type: "int" },
    6: { name: "revisionHistoryLimit", type: "int", ptr: true },
    7: { name: "paused", type: "bool" },
    9: { name: "progressDeadlineSeconds", type: "int", ptr: true },
  },
  DeploymentStrategy: { 1: s("type"), 2: m("rollingUpdate", "RollingUpdateDeployment") },
  RollingUpdateDeployment: { 1: { name: "maxUnavailable", type: "intOrString" }, 2: { name: "maxSurge", type: "intOrString" } },
  LabelSelector: { 1: map("matchLabels"), 2: m("matchExpressions", "LabelSelectorRequirement", true) },
  LabelSelectorRequirement: { 1: s("key"), 2: s("operator"), 3: { name: "values", type: "string", repeated: true } },
  PodTemplateSpec: { 1: m("metadata", "ObjectMeta"), 2: m("spec", "PodSpec") },
  PodSpec: {
    2: m("containers", "Container", true),
    3: s("restartPolicy"),
    4: { name: "terminationGracePeriodSeconds", type: "int", ptr: true },
    6: s("dnsPolicy"),
    7: map("nodeSelector"),
    8: s("serviceAccountName"),
    10: s("nodeName"),
    19: s("schedulerName"),
    20: m("initContainers", "Container", true),
  },
  Container: {
    1: s("name"),
    2: s("image"),
    3: { name: "command", type: "string", repeated: true },
    4: { name: "args", type: "string", repeated: true },
    5: s("workingDir"),
    6: m("ports", "ContainerPort", true),
    7: m("env", "EnvVar", true),
    8: m("resources", "ResourceRequirements"),
    13: s("terminationMessagePath"),
    14: s("imagePullPolicy"),
    20: s("terminationMessagePolicy"),
  },
  ContainerPort: {
    1: s("name"),
    2: { name: "hostPort", type: "int" },
    3: { name: "containerPort", type: "int" },
    4: s("protocol"),
    5: s("hostIP"),
  },
  EnvVar: { 1: s("name"), 2: s("value") },
  ResourceRequirements: { 1: map("limits", "quantity"), 2: map("requests", "quantity") },
};

/** Which message type decodes the object for a (apiVersion, kind) pair from the envelope. */
export const ROOT_TYPES: Record<string, string> = {
  "authorization.k8s.io/v1/SelfSubjectAccessReview": "SelfSubjectAccessReview",
  "authorization.k8s.io/v1/SelfSubjectRulesReview": "SelfSubjectRulesReview",
  "authorization.k8s.io/v1/SubjectAccessReview": "SubjectAccessReview",
  "authentication.k8s.io/v1/SelfSubjectReview": "SelfSubjectReview",
  "authentication.k8s.io/v1beta1/SelfSubjectReview": "SelfSubjectReview",
  "authentication.k8s.io/v1/TokenReview": "TokenReview",
  "v1/Namespace": "Namespace",
  "v1/ConfigMap": "ConfigMap",
  "v1/Secret": "Secret",
  "v1/ServiceAccount": "ServiceAccount",
  "apps/v1/Deployment": "Deployment",
};
