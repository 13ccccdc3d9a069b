import { z } from "zod";

/** Rates are computed from counter deltas (per second), never shown as raw totals. */
export const MetricSample = z.object({ t: z.number(), v: z.number() });

export const DeploymentMetrics = z.object({
  available: z.boolean(),
  /** Why metrics are missing, when they are. */
  message: z.string().optional(),
  engine: z.string().optional(),
  scrapedAt: z.string().optional(),
  current: z.object({
    generationTokensPerSecond: z.number().nullable(),
    promptTokensPerSecond: z.number().nullable(),
    requestsRunning: z.number().nullable(),
    requestsWaiting: z.number().nullable(),
    kvCacheUsage: z.number().nullable(),
    ttftP50Seconds: z.number().nullable(),
    ttftP95Seconds: z.number().nullable(),
    e2eP50Seconds: z.number().nullable(),
    e2eP95Seconds: z.number().nullable(),
  }),
  series: z.record(z.string(), z.array(MetricSample)),
});
export type DeploymentMetrics = z.infer<typeof DeploymentMetrics>;
