/**
 * The runtime operators' Deployments as their Helm charts install them, carrying the labels
 * runtime detection keys on (runtimes.md §1.4, §2.4, §3.4). Their pods run on CPU nodes like any
 * controller; the simulated operators start working once these are available.
 */
import type { KubeObject } from "../store/types";

interface OperatorShape {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  image: string;
  serviceAccount: string;
  args?: string[];
}

/** Where and how each operator is installed by default. */
export const OPERATORS: Record<"kaito" | "kuberay" | "dynamo", OperatorShape> = {
  kaito: {
    name: "kaito-workspace",
    namespace: "kaito-workspace",
    labels: { "app.kubernetes.io/name": "workspace", "app.kubernetes.io/instance": "kaito-workspace" },
    image: "mcr.microsoft.com/aks/kaito/workspace:0.12.0",
    serviceAccount: "kaito-workspace-sa",
    args: ["--feature-gates=disableNodeAutoProvisioning=true"],
  },
  kuberay: {
    name: "kuberay-operator",
    namespace: "kuberay-system",
    labels: {
      "app.kubernetes.io/name": "kuberay-operator",
      "app.kubernetes.io/component": "kuberay-operator",
      "app.kubernetes.io/instance": "kuberay-operator",
    },
    image: "quay.io/kuberay/operator:v1.7.0",
    serviceAccount: "kuberay-operator",
  },
  dynamo: {
    name: "dynamo-platform-dynamo-operator-controller-manager",
    namespace: "dynamo-system",
    labels: {
      "control-plane": "controller-manager",
      "app.kubernetes.io/name": "dynamo-operator",
      "app.kubernetes.io/instance": "dynamo-platform",
    },
    image: "nvcr.io/nvidia/ai-dynamo/kubernetes-operator:1.1.0",
    serviceAccount: "dynamo-platform-dynamo-operator-controller-manager",
  },
};

/** The operator's Deployment object. */
export function operatorDeployment(runtime: keyof typeof OPERATORS): KubeObject {
  const op = OPERATORS[runtime];
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: op.name, namespace: op.namespace, labels: { ...op.labels, "app.kubernetes.io/managed-by": "Helm" } },
    spec: {
      replicas: 1,
      selector: { matchLabels: op.labels },
      template: {
        metadata: { labels: op.labels },
        spec: {
          serviceAccountName: op.serviceAccount,
          containers: [
            {
              name: "manager",
              image: op.image,
              ...(op.args ? { args: op.args } : {}),
              ports: [{ name: "metrics", containerPort: 8080 }],
              resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "512Mi" } },
            },
          ],
        },
      },
    },
  };
}
