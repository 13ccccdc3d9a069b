/**
 * `make bench`: runs each benchmark that exists and prints its table. Benchmarks are scripts,
 * not timed tests: they print numbers for docs/performance.md and never fail on a threshold.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dir, "..");
const benchmarks = [
  { name: "sim: LIST at 5,000 objects, watch fan-out to 50 watchers", file: "sim/bench/list-watch.bench.ts" },
  { name: "backend: deployments API at 1,000 and 5,000 deployments", file: "backend/bench/deployments.bench.ts" },
  { name: "frontend: deployments page in headless Chromium (scale:1000)", file: "frontend/bench/deployments-page.bench.ts" },
];

let ran = 0;
for (const bench of benchmarks) {
  const path = join(root, bench.file);
  if (!existsSync(path)) {
    console.log(`- ${bench.name}: not written yet (${bench.file})`);
    continue;
  }
  console.log(`\n== ${bench.name}`);
  const code = await Bun.spawn([process.execPath, path], { cwd: root, stdout: "inherit", stderr: "inherit" }).exited;
  if (code !== 0) console.log(`   (exited with ${code})`);
  ran++;
}
console.log(`\n${ran} of ${benchmarks.length} benchmarks ran.`);
