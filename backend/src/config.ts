import { z } from "zod";

const bool = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");
const csv = z.string().transform((v) =>
  v
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean),
);

/**
 * Every environment variable the backend reads. This file is the only reader of the environment;
 * docs/operations.md is generated from the descriptions below.
 */
export const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3001).describe("Port the HTTP server listens on."),
  HOST: z
    .string()
    .regex(/^[0-9a-fA-F.:]+$|^localhost$/, "must be an IP address or localhost")
    .optional()
    .describe("Address to bind. Default 127.0.0.1 on a laptop, 0.0.0.0 inside a cluster."),
  AUTH_MODE: z
    .enum(["none", "kubernetes"])
    .optional()
    .describe(
      "`none`: single user, acts with the kubeconfig identity. `kubernetes`: Bearer tokens checked by TokenReview. Default none on a laptop, kubernetes in a cluster.",
    ),
  AUTH_ALLOW_ANONYMOUS_CLUSTER_READS: bool
    .default(false)
    .describe(
      "Let callers without a token use `cluster` routes (catalog-level reads as the backend's ServiceAccount); needed by the Headlamp plugin's service-proxy lane.",
    ),
  CORS_ORIGINS: csv.default([]).describe("Comma-separated origins allowed to call the API from a browser (none by default)."),
  KUBECONFIG: z.string().optional().describe("Path of the kubeconfig to use outside a cluster (default ~/.kube/config)."),
  KUBE_CONTEXT: z.string().optional().describe("Kubeconfig context to use (default: the current context)."),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info").describe("Lowest level logged."),
  LOG_FORMAT: z.enum(["json", "pretty"]).optional().describe("Log format; default json in production, pretty otherwise."),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development").describe("Runtime environment."),
  STATIC_DIR: z.string().optional().describe("Folder of the built SPA to serve (default frontend/dist next to the backend)."),
  KUBERNETES_SERVICE_HOST: z.string().optional().describe("Set by Kubernetes inside a pod; its presence means in-cluster."),
});

export type RawConfig = z.infer<typeof ConfigSchema>;

export interface Config {
  port: number;
  host: string;
  authMode: "none" | "kubernetes";
  allowAnonymousClusterReads: boolean;
  corsOrigins: string[];
  kubeconfig?: string;
  kubeContext?: string;
  logLevel: RawConfig["LOG_LEVEL"];
  logFormat: "json" | "pretty";
  env: RawConfig["NODE_ENV"];
  staticDir?: string;
  inCluster: boolean;
}

/** Thrown at start-up when the environment is wrong; the message names each bad variable. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/** Parses the environment once at start-up. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const known = Object.fromEntries(Object.keys(ConfigSchema.shape).map((k) => [k, env[k] === "" ? undefined : env[k]]));
  const parsed = ConfigSchema.safeParse(known);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message} (got ${JSON.stringify(known[String(i.path[0])])})`);
    throw new ConfigError(`invalid configuration:\n${lines.join("\n")}`);
  }
  const raw = parsed.data;
  const inCluster = Boolean(raw.KUBERNETES_SERVICE_HOST);
  return {
    port: raw.PORT,
    host: raw.HOST ?? (inCluster ? "0.0.0.0" : "127.0.0.1"),
    authMode: raw.AUTH_MODE ?? (inCluster ? "kubernetes" : "none"),
    allowAnonymousClusterReads: raw.AUTH_ALLOW_ANONYMOUS_CLUSTER_READS,
    corsOrigins: raw.CORS_ORIGINS,
    kubeconfig: raw.KUBECONFIG,
    kubeContext: raw.KUBE_CONTEXT,
    logLevel: raw.LOG_LEVEL,
    logFormat: raw.LOG_FORMAT ?? (raw.NODE_ENV === "production" ? "json" : "pretty"),
    env: raw.NODE_ENV,
    staticDir: raw.STATIC_DIR,
    inCluster,
  };
}
