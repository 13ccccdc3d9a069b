/**
 * The kubelet's in-memory view of running pods: per container its state, restart count, current
 * and previous log, followers and metrics. The kubelet mutates it; the PodBackend reads it to
 * answer `pods/log` and proxied HTTP requests.
 */
import type { EngineMetrics } from "./metrics-exporter";
import type { ContainerProfile } from "./pod-profile";

/** Lines kept per container instance (older lines drop off, as with log rotation). */
export const MAX_LOG_LINES = 2000;

export type ContainerPhase =
  | { state: "waiting"; reason: string; message?: string }
  | { state: "running"; startedAt: string }
  | { state: "terminated"; reason: string; exitCode: number; startedAt?: string; finishedAt: string; message?: string };

export interface ContainerRun {
  name: string;
  image: string;
  profile: ContainerProfile;
  phase: ContainerPhase;
  ready: boolean;
  started: boolean;
  restartCount: number;
  lastTerminated?: Extract<ContainerPhase, { state: "terminated" }>;
  imageID?: string;
  containerID?: string;
  /**
   * Log of the latest instance: the running one, or the exited one while the container waits to
   * restart (the kubelet serves `lastState.terminated`'s log then, kube-api.md §7).
   */
  log: string[];
  /** Log of the last exited instance (`lastState.terminated`), served for `previous=true`. */
  previousLog?: string[];
  followers: Set<LogFollower>;
  metrics?: EngineMetrics;
  /** Wall-clock ms when metrics were last advanced. */
  metricsAt: number;
  /** Log lines rendered on first read (adopted containers), instead of at start-up. */
  pendingLog?: () => string[];
  /** Cancels the timers of the current container instance. */
  cancels: (() => void)[];
}

/** One `follow=true` reader of a container's log. */
export interface LogFollower {
  onLine(line: string): void;
  /** Called once when the followed instance ends (no more lines will come). */
  onEnd?: () => void;
}

export interface PodRun {
  key: string;
  uid: string;
  namespace: string;
  name: string;
  node: string;
  podIP: string;
  hostIP: string;
  startTime: string;
  containers: ContainerRun[];
  /** Dynamo namespace label, for worker metrics. */
  dynamoNamespace: string;
  terminating: boolean;
}

/** Appends a line to the container's current log and tells followers. */
export function appendLog(c: ContainerRun, line: string): void {
  c.log.push(line);
  if (c.log.length > MAX_LOG_LINES) c.log.splice(0, c.log.length - MAX_LOG_LINES);
  for (const follow of c.followers) {
    try {
      follow.onLine(line);
    } catch {
      c.followers.delete(follow);
    }
  }
}

/** Renders a deferred start-up log, if any, into the container's log. */
export function materializeLog(c: ContainerRun): void {
  const pending = c.pendingLog;
  if (!pending) return;
  c.pendingLog = undefined;
  c.log.unshift(...pending());
}

/**
 * Ends every follower of the container: its instance terminated (crash, kill) or its pod went
 * away. Later lines belong to a new instance, which a new `follow` request reads.
 */
export function endFollowers(c: ContainerRun): void {
  const followers = [...c.followers];
  c.followers.clear();
  for (const follower of followers) {
    try {
      follower.onEnd?.();
    } catch {
      // A follower whose client already went away.
    }
  }
}

/** Cancels all timers of a container instance. */
export function cancelContainer(c: ContainerRun): void {
  for (const cancel of c.cancels.splice(0)) cancel();
}
