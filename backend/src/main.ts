import { join } from "node:path";
import { createApp } from "./app";
import { localAccess } from "./auth/local-access";
import { ConfigError, loadConfig } from "./config";
import { directoryAssets } from "./http/static-assets";
import { createLogger } from "./logger";
import { buildVersion } from "./version";

/** Starts the backend with the process environment; used by `bun run backend` and `make demo`. */
export async function main(env: Record<string, string | undefined> = process.env) {
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
  const staticDir = config.staticDir ?? join(import.meta.dir, "../../frontend/dist");
  const app = createApp({
    config,
    logger,
    access: localAccess(),
    clock: () => new Date(),
    version: buildVersion(env),
    assets: directoryAssets(staticDir),
  });
  const server = Bun.serve({ port: config.port, hostname: config.host, fetch: app.fetch, idleTimeout: 0 });
  logger.info("backend listening", { url: `http://${config.host}:${server.port}`, authMode: config.authMode });
  const stop = () => {
    server.stop();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  return server;
}

if (import.meta.main) await main();
