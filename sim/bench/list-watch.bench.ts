/**
 * Benchmark (plain bun script, not a test): LIST latency with 5,000 custom resources in one
 * namespace and watch fan-out to 50 watchers, through the sim's HTTP API.
 *
 *   bun sim/bench/list-watch.bench.ts [--objects 5000] [--watchers 50] [--updates 200]
 */

import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { startSimCluster } from "../src/index";
import type { KubeObject } from "../src/store/types";

const { values } = parseArgs({
  options: {
    objects: { type: "string", default: "5000" },
    watchers: { type: "string", default: "50" },
    updates: { type: "string", default: "200" },
  },
});
const OBJECTS = Number(values.objects);
const WATCHERS = Number(values.watchers);
const UPDATES = Number(values.updates);
const SYSTEM = { username: "bench", groups: ["system:masters"] };
const WORKSPACES = { group: "kaito.sh", version: "v1beta1", resource: "workspaces" };

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const rows: [string, string, string, string, string][] = [];
function report(name: string, samples: number[], extra = ""): void {
  rows.push([name, String(samples.length), percentile(samples, 50).toFixed(1), percentile(samples, 99).toFixed(1), extra]);
}

const cluster = await startSimCluster({ controllers: false });
const headers = { Authorization: `Bearer ${cluster.tokens.admin}`, Accept: "application/json" };
const store = cluster.store;
const crdPath = new URL("../../../shared/crds/kaito/kaito.sh_workspaces.yaml", import.meta.url).pathname;
const crd = Bun.YAML.parse(readFileSync(crdPath, "utf8")) as KubeObject;
store.create({ group: "apiextensions.k8s.io", version: "v1", resource: "customresourcedefinitions" }, crd, SYSTEM);
store.create(
  { group: "", version: "v1", resource: "namespaces" },
  { apiVersion: "v1", kind: "Namespace", metadata: { name: "bench" } },
  SYSTEM,
);

const seedStart = performance.now();
for (let i = 0; i < OBJECTS; i++) {
  store.create(
    WORKSPACES,
    {
      apiVersion: "kaito.sh/v1beta1",
      kind: "Workspace",
      metadata: { name: `ws-${i}`, namespace: "bench", labels: { "kubeairunway.io/runtime": "kaito", shard: String(i % 10) } },
      resource: { instanceType: "Standard_NC24ads_A100_v4", labelSelector: { matchLabels: { app: `ws-${i}` } } },
      inference: { preset: { name: "phi-4" } },
    },
    SYSTEM,
  );
}
const seedMs = performance.now() - seedStart;

async function timeList(query: string, runs: number): Promise<{ samples: number[]; bytes: number; items: number }> {
  const samples: number[] = [];
  let bytes = 0;
  let items = 0;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const res = await fetch(`${cluster.url}/apis/kaito.sh/v1beta1/namespaces/bench/workspaces${query}`, { headers });
    const text = await res.text();
    samples.push(performance.now() - started);
    bytes = text.length;
    items = (JSON.parse(text) as { items: unknown[] }).items.length;
  }
  return { samples, bytes, items };
}

const full = await timeList("", 30);
report(`LIST ${full.items} workspaces (full)`, full.samples, `${(full.bytes / 1e6).toFixed(1)} MB`);
const page = await timeList("?limit=500", 50);
report("LIST limit=500 (first page)", page.samples, `${page.items} items`);
const selected = await timeList("?labelSelector=shard%3D3", 50);
report("LIST labelSelector=shard=3", selected.samples, `${selected.items} items`);

// Watch fan-out: WATCHERS streams from the current revision, then UPDATES writes.
const writeTimes = new Map<string, number>();
const latencies: number[] = [];
let received = 0;
const controllers: AbortController[] = [];
const fromRv = String(store.resourceVersion);
await Promise.all(
  Array.from({ length: WATCHERS }, async () => {
    const controller = new AbortController();
    controllers.push(controller);
    const res = await fetch(`${cluster.url}/apis/kaito.sh/v1beta1/namespaces/bench/workspaces?watch=true&resourceVersion=${fromRv}`, {
      headers,
      signal: controller.signal,
    });
    const reader = res.body?.getReader();
    if (!reader) throw new Error("watch without body");
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = "";
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buffer += decoder.decode(value, { stream: true });
          let nl = buffer.indexOf("\n");
          while (nl >= 0) {
            const line = buffer.slice(0, nl);
            buffer = buffer.slice(nl + 1);
            if (line.trim()) {
              const rv = (JSON.parse(line) as { object: KubeObject }).object.metadata.resourceVersion as string;
              const sent = writeTimes.get(rv);
              if (sent !== undefined) latencies.push(performance.now() - sent);
              received++;
            }
            nl = buffer.indexOf("\n");
          }
        }
      } catch {
        // aborted at the end of the run
      }
    })();
  }),
);

const fanStart = performance.now();
for (let i = 0; i < UPDATES; i++) {
  const updated = store.patch(WORKSPACES, "bench", `ws-${i % OBJECTS}`, "merge", { metadata: { labels: { round: String(i) } } }, SYSTEM);
  writeTimes.set(updated.metadata.resourceVersion as string, performance.now());
  if (i % 20 === 19) await Bun.sleep(0);
}
const expected = UPDATES * WATCHERS;
while (received < expected && performance.now() - fanStart < 30_000) await Bun.sleep(5);
const fanMs = performance.now() - fanStart;
for (const c of controllers) c.abort();
report(`watch fan-out ${WATCHERS} watchers × ${UPDATES} updates`, latencies, `${Math.round((received / fanMs) * 1000)} events/s delivered`);

await cluster.stop();

const header: [string, string, string, string, string] = ["scenario", "samples", "p50 ms", "p99 ms", "notes"];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ");
console.log(
  `sim list/watch benchmark — seeded ${OBJECTS} workspaces in ${seedMs.toFixed(0)} ms, rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`,
);
console.log(line(header));
console.log(widths.map((w) => "-".repeat(w)).join("  "));
for (const r of rows) console.log(line(r));
if (received < expected) {
  console.error(`watch fan-out incomplete: ${received}/${expected} events delivered`);
  process.exit(1);
}
