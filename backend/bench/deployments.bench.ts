/**
 * Deployments API benchmark (`make bench`; a script, not a timed test). For each sim seed
 * (scale:1000, scale:5000) it starts the sim in this process and the backend as a child process
 * (so the backend's RSS is its own), then measures:
 *  - cold start: spawn → the list reports every deployment and `stale: false`;
 *  - backend RSS after the cache synced, and after the load;
 *  - GET /api/deployments p50/p99 and requests/s with 20 concurrent clients (full list, a page of
 *    50, and a filtered + sorted view);
 *  - status change written in the sim → `updated` event on /api/stream, p50/p99.
 * Environment: BENCH_SEEDS (default "1000,5000"), BENCH_SECONDS per load run (default 10).
 */
import { cpus, loadavg } from "node:os";
import { resolve } from "node:path";
import type { DeploymentEvent } from "@kubeairunway/shared";
import { startSimCluster } from "@kubeairunway/sim";
import { readSse } from "../src/testing/sse-reader";
import { closedLoop } from "./load";
import { latencyStats, ms, table } from "./stats";

const SEEDS = (process.env.BENCH_SEEDS ?? "1000,5000").split(",").map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONCURRENCY = 20;
const STREAM_SAMPLES = 100;
const RAYSERVICES = { group: "ray.io", version: "v1", resource: "rayservices" };
const BENCH_ACTOR = { username: "bench", groups: ["system:masters", "system:authenticated"] };
const backendMain = resolve(import.meta.dir, "../src/main.ts");

function rssMiB(pid: number): number {
  const status = require("node:fs").readFileSync(`/proc/${pid}/status`, "utf8") as string;
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

function freePort(): number {
  const probe = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: () => new Response() });
  const port = probe.port as number;
  probe.stop(true);
  return port;
}

async function untilSynced(url: string, count: number, timeoutMs: number): Promise<number> {
  const start = performance.now();
  while (performance.now() - start < timeoutMs) {
    try {
      const res = await fetch(`${url}/api/deployments?limit=1`);
      if (res.ok) {
        const body = (await res.json()) as { total: number; stale: boolean };
        if (body.total === count && !body.stale) return performance.now() - start;
      }
    } catch {
      // not listening yet
    }
    await Bun.sleep(20);
  }
  throw new Error(`backend did not sync ${count} deployments in ${timeoutMs} ms`);
}

/** Writes status changes into the sim and times each until its `updated` event arrives on the stream. */
async function streamLatency(url: string, sim: Awaited<ReturnType<typeof startSimCluster>>, total: number): Promise<number[]> {
  const abort = new AbortController();
  const sentAt = new Map<string, number>();
  const samples: number[] = [];
  let snapshot = 0;
  const reading = readSse(`${url}/api/stream`, {}, abort.signal, (e) => {
    const event = JSON.parse(e.data) as DeploymentEvent;
    if (event.type === "added") snapshot++;
    if (event.type !== "updated") return;
    const t0 = sentAt.get(event.deployment.name);
    if (t0 !== undefined) {
      samples.push(performance.now() - t0);
      sentAt.delete(event.deployment.name);
    }
  }).catch(() => undefined);
  while (snapshot < total) await Bun.sleep(20);
  const rays = sim.store.list(RAYSERVICES, {}).items;
  for (let i = 0; i < STREAM_SAMPLES; i++) {
    const target = rays[(i * 7) % rays.length];
    if (!target) break;
    const live = sim.store.get(RAYSERVICES, target.metadata.namespace, target.metadata.name);
    if (!live) continue;
    const status = structuredClone((live.status ?? {}) as Record<string, unknown>);
    status.numServeEndpoints = ((status.numServeEndpoints as number) ?? 1) + 1;
    sentAt.set(live.metadata.name, performance.now());
    sim.store.updateStatus(RAYSERVICES, { ...structuredClone(live), status }, BENCH_ACTOR);
    await Bun.sleep(50);
  }
  await Bun.sleep(500);
  abort.abort();
  await reading;
  return samples;
}

async function benchSeed(n: number): Promise<string[][]> {
  const sim = await startSimCluster({ seed: `scale:${n}`, speed: 1 });
  const port = freePort();
  const url = `http://127.0.0.1:${port}`;
  const spawnedAt = performance.now();
  const child = Bun.spawn([process.execPath, backendMain], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      AUTH_MODE: "none",
      KUBECONFIG: sim.kubeconfigPath,
      KUBE_CONTEXT: "admin-http",
      LOG_LEVEL: "warn",
      NODE_ENV: "production",
    },
    stdout: "ignore",
    stderr: "inherit",
  });
  const rows: string[][] = [];
  try {
    while (
      !(await fetch(`${url}/api/health`)
        .then((r) => r.ok)
        .catch(() => false))
    )
      await Bun.sleep(10);
    const listening = performance.now() - spawnedAt;
    await untilSynced(url, n, 60_000);
    const coldStart = performance.now() - spawnedAt;
    await Bun.sleep(1_000);
    const rssSynced = rssMiB(child.pid);
    rows.push([`${n}`, "cold start: process spawn → HTTP listening", ms(listening), "", ""]);
    rows.push([`${n}`, "cold start: process spawn → cache synced", ms(coldStart), "", ""]);
    rows.push([`${n}`, "backend RSS after sync", `${rssSynced.toFixed(0)} MiB`, "", ""]);
    for (const [label, path] of [
      ["baseline: GET /api/health", "/api/health"],
      ["GET /api/deployments (all)", "/api/deployments"],
      ["GET /api/deployments?limit=50", "/api/deployments?limit=50"],
      ["GET ?namespace=team-a&sort=-age", "/api/deployments?namespace=team-a&sort=-age"],
    ] as const) {
      await closedLoop(`${url}${path}`, {}, CONCURRENCY, 1_000);
      const load = await closedLoop(`${url}${path}`, {}, CONCURRENCY, SECONDS * 1_000);
      const stats = latencyStats(load.latencies);
      const kib = load.latencies.length ? load.bytes / load.latencies.length / 1024 : 0;
      rows.push([
        `${n}`,
        `${label} (${kib.toFixed(0)} KiB)`,
        `p50 ${ms(stats.p50)}`,
        `p99 ${ms(stats.p99)}`,
        `${load.requestsPerSecond.toFixed(0)} req/s, ${load.errors} errors`,
      ]);
    }
    const stream = latencyStats(await streamLatency(url, sim, n));
    rows.push([
      `${n}`,
      `status change → /api/stream event (${stream.count} samples)`,
      `p50 ${ms(stream.p50)}`,
      `p99 ${ms(stream.p99)}`,
      "",
    ]);
    rows.push([`${n}`, "backend RSS after load", `${rssMiB(child.pid).toFixed(0)} MiB`, "", ""]);
  } finally {
    child.kill();
    await child.exited;
    await sim.stop();
  }
  return rows;
}

const all: string[][] = [];
for (const n of SEEDS) all.push(...(await benchSeed(n)));
console.log(
  `\nDeployments API — ${cpus().length} CPUs (${cpus()[0]?.model ?? "unknown"}), bun ${Bun.version}, ${new Date().toISOString().slice(0, 10)}`,
);
console.log(`${CONCURRENCY} concurrent clients, ${SECONDS} s per load run; sim in the bench process, backend as a child process`);
console.log(
  `load average at the end: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" / ")} (1 / 5 / 15 min; other work on the machine skews tails)\n`,
);
console.log(table(["deployments", "measure", "value / p50", "p99", "throughput"], all));
