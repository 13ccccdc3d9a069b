import { z } from "zod";
import { isoTime, queryBoolean, queryInt } from "./common";

export const KubeEventSummary = z.object({
  type: z.enum(["Normal", "Warning"]).or(z.string()),
  reason: z.string(),
  message: z.string(),
  object: z.object({ kind: z.string(), name: z.string() }),
  count: z.number().int(),
  firstSeen: isoTime.optional(),
  lastSeen: isoTime.optional(),
});
export type KubeEventSummary = z.infer<typeof KubeEventSummary>;

/** Why a deployment is not running yet, in plain sentences, with what to do about it. */
export const PendingReason = z.object({
  kind: z.enum([
    "insufficient-gpu",
    "taint",
    "node-selector",
    "insufficient-cpu-memory",
    "image-pull",
    "crash-loop",
    "oom",
    "operator",
    "model-loading",
    "unknown",
  ]),
  summary: z.string(),
  fix: z.string(),
  /** e.g. last log lines of a crashing container, or the scheduler's message. */
  evidence: z.array(z.string()),
});
export type PendingReason = z.infer<typeof PendingReason>;

export const DeploymentEvents = z.object({
  events: z.array(KubeEventSummary),
  /** Absent when the deployment is running. */
  pending: z.array(PendingReason),
});
export type DeploymentEvents = z.infer<typeof DeploymentEvents>;

export const LogsQuery = z.object({
  pod: z
    .string()
    .max(253)
    .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, "must be a pod name")
    .optional(),
  container: z
    .string()
    .max(63)
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "must be a container name")
    .optional(),
  tailLines: queryInt(1, 10_000).optional(),
  previous: queryBoolean.optional(),
  timestamps: queryBoolean.optional(),
  follow: queryBoolean.optional(),
});
export type LogsQuery = z.input<typeof LogsQuery>;

export const LogsResult = z.object({
  pod: z.string(),
  container: z.string(),
  lines: z.array(z.string()),
});
export type LogsResult = z.infer<typeof LogsResult>;
