/**
 * The pod status a kubelet reports for a running pod: phase, IPs, the five pod conditions with
 * stable transition times, and per-container state, restartCount and lastState.
 */
import type { ContainerRun, PodRun } from "./pod-runs";

function containerStatus(c: ContainerRun): Record<string, unknown> {
  const state =
    c.phase.state === "waiting"
      ? { waiting: { reason: c.phase.reason, ...(c.phase.message ? { message: c.phase.message } : {}) } }
      : c.phase.state === "running"
        ? { running: { startedAt: c.phase.startedAt } }
        : {
            terminated: {
              exitCode: c.phase.exitCode,
              reason: c.phase.reason,
              startedAt: c.phase.startedAt,
              finishedAt: c.phase.finishedAt,
            },
          };
  const last = c.lastTerminated;
  return {
    name: c.name,
    image: c.image,
    imageID: c.imageID ?? "",
    ...(c.containerID ? { containerID: c.containerID } : {}),
    ready: c.ready,
    started: c.phase.state === "running",
    restartCount: c.restartCount,
    state,
    lastState: last
      ? {
          terminated: {
            exitCode: last.exitCode,
            reason: last.reason,
            startedAt: last.startedAt,
            finishedAt: last.finishedAt,
            containerID: c.containerID,
          },
        }
      : {},
  };
}

/** The pod status the kubelet would report for `run`. */
export function podStatus(run: PodRun, existing: Record<string, unknown>, now: string): Record<string, unknown> {
  const running = run.containers.some((c) => c.phase.state === "running" || c.restartCount > 0 || c.lastTerminated);
  const ready = run.containers.length > 0 && run.containers.every((c) => c.ready);
  const notReady = run.containers.filter((c) => !c.ready).map((c) => c.name);
  const previous = (existing.conditions as { type: string; status: string; lastTransitionTime?: string }[] | undefined) ?? [];
  const condition = (type: string, status: boolean, reason?: string, message?: string) => {
    const before = previous.find((c) => c.type === type);
    const s = status ? "True" : "False";
    return {
      type,
      status: s,
      lastProbeTime: null,
      lastTransitionTime: before?.status === s ? before.lastTransitionTime : now,
      ...(reason ? { reason } : {}),
      ...(message ? { message } : {}),
    };
  };
  const msg = `containers with unready status: [${notReady.join(" ")}]`;
  return {
    ...existing,
    phase: running ? "Running" : "Pending",
    hostIP: run.hostIP,
    hostIPs: [{ ip: run.hostIP }],
    podIP: run.podIP,
    podIPs: [{ ip: run.podIP }],
    startTime: run.startTime,
    conditions: [
      condition("PodReadyToStartContainers", true),
      condition("Initialized", true),
      condition("Ready", ready, ready ? undefined : "ContainersNotReady", ready ? undefined : msg),
      condition("ContainersReady", ready, ready ? undefined : "ContainersNotReady", ready ? undefined : msg),
      condition("PodScheduled", true),
    ],
    containerStatuses: run.containers.map(containerStatus),
  };
}
