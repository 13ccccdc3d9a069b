/**
 * The e2e stack, run under Bun (the backend needs it): a simulated cluster + the real backend
 * serving the built SPA on 127.0.0.1 (free ports). Prints one JSON line with the URLs and the
 * sim's user tokens, then obeys commands on stdin: `stop-backend`, `start-backend` (same port),
 * `quit`. Usage: bun e2e/stack/stack.ts --auth none|kubernetes --seed demo --speed 0.3
 */
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createApp } from "../../../backend/src/app";
import { loadConfig } from "../../../backend/src/config";
import { directoryAssets } from "../../../backend/src/http/static-assets";
import { createClusterDeps } from "../../../backend/src/kube/cluster-deps";
import { createLogger } from "../../../backend/src/logger";
import { kubeFromFile } from "../../../backend/src/testing/test-app";
import { startSimCluster } from "../../../sim/src/index";

const { values } = parseArgs({
  options: {
    auth: { type: "string", default: "none" },
    seed: { type: "string", default: "demo" },
    speed: { type: "string", default: "0.3" },
    port: { type: "string", default: "0" },
  },
});
const authMode = values.auth === "kubernetes" ? "kubernetes" : "none";

const sim = await startSimCluster({ seed: values.seed, speed: Number(values.speed) });
const env = { NODE_ENV: "production", AUTH_MODE: authMode, LOG_LEVEL: "warn", LOG_FORMAT: "json" };
const config = loadConfig(env);
const logger = createLogger({ level: config.logLevel, format: config.logFormat, write: (line) => process.stderr.write(`${line}\n`) });
// The backend acts as its ServiceAccount with per-user tokens in kubernetes mode, as the admin otherwise.
const kube = kubeFromFile(sim.kubeconfigPath, authMode === "kubernetes" ? "kubeairunway-http" : "admin-http");
const cluster = createClusterDeps({ config, logger, kube });
cluster.cache.start();
const app = createApp({
  config,
  logger,
  ...cluster,
  clock: () => new Date(),
  version: { version: "e2e", commit: "local" },
  assets: directoryAssets(join(import.meta.dir, "../../dist")),
});
if (!(await cluster.cache.waitForSync(20_000))) throw new Error("the backend's cache did not sync with the sim in 20 s");

// The demo seed installs all three runtimes; wait until the backend has detected them, so a test
// that opens the wizard right away does not see a runtime as "not installed" for a moment.
if (values.seed === "demo") {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const res = await app.request("/api/providers", { headers: { Authorization: `Bearer ${sim.tokens.admin}` } });
    const body = (await res.json().catch(() => ({}))) as { items?: { install: { installed: boolean } }[] };
    if (body.items?.length && body.items.every((p) => p.install.installed)) break;
    if (Date.now() > deadline) throw new Error("the backend did not detect the demo's runtimes in 20 s");
    await Bun.sleep(100);
  }
}

const serve = (port: number) => Bun.serve({ port, hostname: "127.0.0.1", fetch: app.fetch, idleTimeout: 0 });
let server: ReturnType<typeof serve> | undefined = serve(Number(values.port));
const port = server.port ?? 0;
console.log(JSON.stringify({ url: `http://127.0.0.1:${port}`, simUrl: sim.url, kubeconfig: sim.kubeconfigPath, tokens: sim.tokens }));

async function quit(code = 0): Promise<never> {
  cluster.cache.stop();
  cluster.deployments.stop();
  await server?.stop(true);
  await sim.stop();
  process.exit(code);
}
process.on("SIGTERM", () => void quit());
process.on("SIGINT", () => void quit());

for await (const chunk of Bun.stdin.stream().pipeThrough(new TextDecoderStream())) {
  for (const command of chunk
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)) {
    if (command === "stop-backend") {
      await server?.stop(true);
      server = undefined;
    } else if (command === "start-backend") {
      server ??= serve(port);
    } else if (command === "quit") await quit();
    console.log(JSON.stringify({ done: command }));
  }
}
await quit();
