/**
 * `bun run sim --seed demo --port 6443 --https-port 6444 --kubeconfig-out .demo/kubeconfig --speed 1`
 * Starts a simulated cluster, prints where it listens and where the kubeconfig is, and runs until
 * SIGINT/SIGTERM.
 */

import { parseArgs } from "node:util";
import { startSimCluster } from "./index";

const USAGE = `usage: bun run sim [--seed empty|demo|scale:N] [--port N] [--https-port N] [--kubeconfig-out PATH] [--speed F]`;

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function parsePort(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`${flag} must be a port number (0-65535), got "${value}"`);
  return port;
}

async function main(): Promise<void> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        seed: { type: "string", default: "empty" },
        port: { type: "string" },
        "https-port": { type: "string" },
        "kubeconfig-out": { type: "string" },
        speed: { type: "string", default: "1" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  if (values["help"]) {
    console.log(USAGE);
    return;
  }
  const speed = Number(values["speed"]);
  if (!Number.isFinite(speed) || speed <= 0) fail(`--speed must be a positive number, got "${String(values["speed"])}"`);
  const port = parsePort(values["port"] as string | undefined, "--port");
  const httpsPort = parsePort(values["https-port"] as string | undefined, "--https-port") ?? (port ? port + 1 : 0);
  const kubeconfigPath = values["kubeconfig-out"] as string | undefined;

  const cluster = await startSimCluster({
    seed: values["seed"] as string,
    speed,
    port: port ?? 0,
    httpsPort,
    ...(kubeconfigPath ? { kubeconfigPath } : {}),
  });
  console.log(`sim cluster (seed ${String(values["seed"])}) listening`);
  console.log(`  http:       ${cluster.url}   (client-node under Bun: use the *-http contexts)`);
  console.log(`  https:      ${cluster.httpsUrl}   (kubectl; self-signed, insecure-skip-tls-verify)`);
  console.log(`  kubeconfig: ${cluster.kubeconfigPath}   (contexts: admin, alice, bob, kubeairunway, and *-http)`);
  console.log(`  try:        kubectl --kubeconfig ${cluster.kubeconfigPath} get nodes,pods -A`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping sim cluster`);
    await cluster.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(`sim failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
