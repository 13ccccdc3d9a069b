import { join } from "node:path";
import { createApp } from "./app";
import { ConfigError, loadConfig } from "./config";
import { directoryAssets, type StaticAssets } from "./http/static-assets";
import { createClusterDeps } from "./kube/cluster-deps";
import { createKubeAccess } from "./kube/kube-access";
import type { KubeAccess } from "./kube/types";
import { createLogger } from "./logger";
import { buildVersion } from "./version";

/**
 * Starts the backend with the process environment; used by `bun run backend`, `make demo` and the
 * single binary's `serve` (which passes the SPA embedded in it as `options.assets`).
 */
export async function main(env: Record<string, string | undefined> = process.env, options: { assets?: StaticAssets } = {}) {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger({ level: config.logLevel, format: config.logFormat });
  let kube: KubeAccess;
  try {
    kube = createKubeAccess({ inCluster: config.inCluster, kubeconfig: config.kubeconfig, kubeContext: config.kubeContext });
  } catch (err) {
    console.error(`cannot load Kubernetes credentials: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(2);
  }
  // Informers start now; /api/ready answers 503 until every cache has listed once.
  const cluster = createClusterDeps({ config, logger, kube });
  cluster.cache.start();
  const staticDir = config.staticDir ?? join(import.meta.dir, "../../frontend/dist");
  const app = createApp({
    config,
    logger,
    ...cluster,
    clock: () => new Date(),
    version: buildVersion(env),
    assets: options.assets ?? directoryAssets(staticDir),
  });
  const server = Bun.serve({ port: config.port, hostname: config.host, fetch: app.fetch, idleTimeout: 0 });
  logger.info("backend listening", { url: `http://${config.host}:${server.port}`, authMode: config.authMode });
  const stop = () => {
    cluster.cache.stop();
    server.stop();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  return server;
}

if (import.meta.main) await main();
