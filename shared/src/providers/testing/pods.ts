import type { KubeContainerStatus, KubeEvent, KubePod } from "../types";

/** Realistic pod objects as the API server returns them, for status and explanation tests. */
export const T0 = Date.parse("2026-05-01T10:00:00Z");
export const minutes = (n: number) => n * 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

interface PodOptions {
  labels?: Record<string, string>;
  gpus?: number;
  nodeSelector?: Record<string, string>;
  createdAt?: number;
  container?: string;
}

function base(name: string, o: PodOptions): KubePod {
  const gpu = o.gpus ? { "nvidia.com/gpu": String(o.gpus) } : {};
  const spec: KubePod["spec"] = {
    containers: [{ name: o.container ?? "main", image: "example/image:1", resources: { requests: { ...gpu }, limits: { ...gpu } } }],
  };
  if (o.nodeSelector) spec.nodeSelector = o.nodeSelector;
  return {
    metadata: { name, namespace: "team-a", labels: o.labels ?? {}, creationTimestamp: iso(o.createdAt ?? T0) },
    spec,
  };
}

/** A pod the scheduler could not place, with its PodScheduled=False message. */
export function unschedulablePod(name: string, message: string, o: PodOptions = {}): KubePod {
  return {
    ...base(name, o),
    status: {
      phase: "Pending",
      conditions: [{ type: "PodScheduled", status: "False", reason: "Unschedulable", message, lastTransitionTime: iso(T0) }],
    },
  };
}

function scheduled(name: string, o: PodOptions, ready: boolean, container: KubeContainerStatus, phase = "Running"): KubePod {
  const pod = base(name, o);
  return {
    ...pod,
    spec: { ...pod.spec, nodeName: "gpu-node-1" },
    status: {
      phase,
      conditions: [
        { type: "PodScheduled", status: "True" },
        { type: "Ready", status: ready ? "True" : "False" },
      ],
      containerStatuses: [container],
    },
  };
}

export function readyPod(name: string, o: PodOptions = {}): KubePod {
  return scheduled(name, o, true, {
    name: o.container ?? "main",
    ready: true,
    restartCount: 0,
    state: { running: { startedAt: iso(T0) } },
  });
}

/** Scheduled, container running, readiness probe not passing yet (model loading). */
export function loadingPod(name: string, o: PodOptions = {}): KubePod {
  return scheduled(name, o, false, {
    name: o.container ?? "main",
    ready: false,
    restartCount: 0,
    state: { running: { startedAt: iso(T0) } },
  });
}

export function pullingPod(name: string, o: PodOptions = {}): KubePod {
  return scheduled(
    name,
    o,
    false,
    { name: o.container ?? "main", ready: false, restartCount: 0, state: { waiting: { reason: "ContainerCreating" } } },
    "Pending",
  );
}

export function crashLoopPod(name: string, restarts: number, o: PodOptions & { exitCode?: number; message?: string } = {}): KubePod {
  return scheduled(name, o, false, {
    name: o.container ?? "main",
    ready: false,
    restartCount: restarts,
    state: {
      waiting: { reason: "CrashLoopBackOff", message: `back-off 5m0s restarting failed container=${o.container ?? "main"} pod=${name}` },
    },
    lastState: { terminated: { reason: "Error", exitCode: o.exitCode ?? 1, ...(o.message ? { message: o.message } : {}) } },
  });
}

export function oomPod(name: string, restarts: number, o: PodOptions = {}): KubePod {
  return scheduled(name, o, false, {
    name: o.container ?? "main",
    ready: false,
    restartCount: restarts,
    state: { waiting: { reason: "CrashLoopBackOff" } },
    lastState: { terminated: { reason: "OOMKilled", exitCode: 137 } },
  });
}

export function imagePullPod(name: string, image: string, o: PodOptions = {}): KubePod {
  return scheduled(
    name,
    o,
    false,
    {
      name: o.container ?? "main",
      ready: false,
      restartCount: 0,
      state: { waiting: { reason: "ImagePullBackOff", message: `Back-off pulling image "${image}"` } },
    },
    "Pending",
  );
}

export function podEvent(pod: string, reason: string, message: string, type = "Warning", at = T0): KubeEvent {
  return { type, reason, message, involvedObject: { kind: "Pod", name: pod }, count: 3, lastTimestamp: iso(at) };
}

export const GPU_SHORTAGE =
  "0/6 nodes are available: 4 Insufficient nvidia.com/gpu, 2 node(s) had untolerated taint {nvidia.com/gpu: }. preemption: 0/6 nodes are available: 2 Preemption is not helpful for scheduling, 4 No preemption victims found for incoming pod.";
