/**
 * `make demo`: the simulated cluster (demo seed) + the backend serving the built SPA on
 * http://127.0.0.1:3001, wired together through a kubeconfig written to .demo/kubeconfig.
 * Ctrl-C stops both.
 */
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dir, "..");
const demoDir = join(root, ".demo");
const kubeconfig = join(demoDir, "kubeconfig");
const simPort = process.env.SIM_PORT ?? "6443";
const port = process.env.PORT ?? "3001";
const children: ReturnType<typeof Bun.spawn>[] = [];

function stopAll(code = 0): never {
  for (const child of children) child.kill();
  process.exit(code);
}
process.on("SIGINT", () => stopAll(0));
process.on("SIGTERM", () => stopAll(0));

async function waitFor(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await Bun.sleep(100);
  }
  console.error(`timed out waiting for ${what}`);
  stopAll(1);
}

mkdirSync(demoDir, { recursive: true });
rmSync(kubeconfig, { force: true });
const env: Record<string, string | undefined> = { ...process.env, PORT: port, NODE_ENV: "production", LOG_FORMAT: "pretty" };

if (existsSync(join(root, "sim/src/cli.ts"))) {
  const sim = Bun.spawn([process.execPath, "sim/src/cli.ts", "--seed", "demo", "--port", simPort, "--kubeconfig-out", kubeconfig], {
    cwd: root,
    stdout: "inherit",
    stderr: "inherit",
  });
  children.push(sim);
  await waitFor(() => existsSync(kubeconfig), "the simulated cluster");
  env.KUBECONFIG = kubeconfig;
  env.KUBE_CONTEXT = "admin";
} else {
  console.warn("sim/ has no CLI yet: starting the backend alone");
}

const backend = Bun.spawn([process.execPath, "backend/src/main.ts"], { cwd: root, env, stdout: "inherit", stderr: "inherit" });
children.push(backend);
const url = `http://127.0.0.1:${port}`;
await waitFor(async () => (await fetch(`${url}/api/health`).catch(() => undefined))?.ok === true, "the backend");

console.log(`
KubeAIRunway is running: ${url}
${
  env.KUBECONFIG
    ? `Simulated cluster: kubectl --kubeconfig ${kubeconfig} get nodes,workspaces,rayservices,dynamographdeployments -A
  (contexts: admin, alice, bob, kubeairunway; e.g. --context alice)`
    : ""
}
Press Ctrl-C to stop.`);

const exited = await Promise.race(children.map((c) => c.exited));
console.error(`a demo process exited (code ${exited}); stopping`);
stopAll(1);
