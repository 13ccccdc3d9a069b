/** Small, realistic objects as Headlamp's lists hand them to the plugin (`jsonData`). */

export const CREATED = "2026-11-01T10:00:00Z";

export function workspace(name: string, namespace: string, conditions: object[] = []) {
  return {
    apiVersion: "kaito.sh/v1beta1",
    kind: "Workspace",
    metadata: {
      name,
      namespace,
      uid: `uid-${name}`,
      creationTimestamp: CREATED,
      resourceVersion: "7",
      labels: { "app.kubernetes.io/managed-by": "kubeairunway", "kubeairunway.io/runtime": "kaito" },
      annotations: {
        "kubeairunway.io/model": "microsoft/Phi-4-mini-instruct",
        "kubeairunway.io/engine": "vllm",
        "kubeairunway.io/gpus": "1",
      },
    },
    resource: { count: 1, labelSelector: { matchLabels: { apps: name } } },
    inference: { preset: { name: "microsoft/Phi-4-mini-instruct" } },
    status: { conditions },
  };
}

export function runningPod(name: string, namespace: string, workspaceName: string) {
  return {
    metadata: { name, namespace, labels: { "kaito.sh/workspace": workspaceName }, creationTimestamp: CREATED },
    spec: { nodeName: "gpu-0", containers: [{ name: "inference", resources: { limits: { "nvidia.com/gpu": "1" } } }] },
    status: {
      phase: "Running",
      conditions: [
        { type: "PodScheduled", status: "True" },
        { type: "Ready", status: "True" },
      ],
      containerStatuses: [{ name: "inference", ready: true, restartCount: 0, state: { running: { startedAt: CREATED } } }],
    },
  };
}

export function unschedulablePod(name: string, namespace: string, workspaceName: string) {
  const message = "0/3 nodes are available: 3 Insufficient nvidia.com/gpu.";
  return {
    metadata: { name, namespace, labels: { "kaito.sh/workspace": workspaceName }, creationTimestamp: CREATED },
    spec: { containers: [{ name: "inference", resources: { limits: { "nvidia.com/gpu": "4" } } }] },
    status: { phase: "Pending", conditions: [{ type: "PodScheduled", status: "False", reason: "Unschedulable", message }] },
  };
}

export function schedulingEvent(pod: string, namespace: string) {
  return {
    type: "Warning",
    reason: "FailedScheduling",
    message: "0/3 nodes are available: 3 Insufficient nvidia.com/gpu.",
    involvedObject: { kind: "Pod", name: pod, namespace },
    count: 4,
    lastTimestamp: "2026-11-01T10:05:00Z",
    metadata: { name: `${pod}.1`, namespace },
  };
}
