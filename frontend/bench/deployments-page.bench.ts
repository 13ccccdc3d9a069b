/**
 * Frontend benchmark (a script, not a timed test; `make bench` runs it under Bun): the deployments
 * page in headless Debian Chromium against the sim's `scale:1000` seed served by the real backend.
 * Prints: time to first rows, filter-typing latency, and the first page's JavaScript (gzipped).
 * BENCH_SEED=scale:5000 and BENCH_RUNS=N override the defaults.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { launchBrowser, startStack } from "../e2e/harness";

const frontend = resolve(import.meta.dir, "..");
const seed = process.env.BENCH_SEED ?? "scale:1000";
const runs = Number(process.env.BENCH_RUNS ?? 5);

const build = Bun.spawnSync([process.execPath, "x", "vite", "build"], { cwd: frontend, stdout: "ignore", stderr: "inherit" });
if (build.exitCode !== 0) throw new Error("vite build failed");

/** JavaScript the first page needs: the entry, its static imports, and the deployments route chunk. */
function firstPageJs(): { files: number; rawKiB: number; gzipKiB: number } {
  const dist = join(frontend, "dist");
  const manifest = JSON.parse(readFileSync(join(dist, ".vite/manifest.json"), "utf8")) as Record<
    string,
    { file: string; imports?: string[] }
  >;
  const files = new Set<string>();
  const walk = (key: string) => {
    const entry = manifest[key];
    if (!entry || files.has(entry.file)) return;
    files.add(entry.file);
    for (const i of entry.imports ?? []) walk(i);
  };
  walk("index.html");
  walk(Object.keys(manifest).find((k) => k.endsWith("deployments-page.tsx")) ?? "");
  let raw = 0;
  let gz = 0;
  for (const f of files) {
    const body = readFileSync(join(dist, f));
    raw += body.length;
    gz += gzipSync(body).length;
  }
  return { files: files.size, rawKiB: raw / 1024, gzipKiB: gz / 1024 };
}

// Records, inside the page, when the first row appears and how long each keystroke takes to show.
const PROBE = `
  window.__bench = { firstRowAt: undefined, typed: [] };
  let pending;
  const countText = () => document.querySelector('[data-testid="row-count"]')?.textContent ?? "";
  document.addEventListener("input", () => { pending = { at: performance.now(), before: countText() }; }, true);
  new MutationObserver(() => {
    const b = window.__bench;
    if (b.firstRowAt === undefined && document.querySelector('[data-testid="deployment-row"]')) b.firstRowAt = performance.now();
    if (pending && countText() !== pending.before) { b.typed.push(performance.now() - pending.at); pending = undefined; }
  }).observe(document, { childList: true, subtree: true, characterData: true });
`;

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? Number.NaN;

const startedAt = performance.now();
const stack = await startStack({ seed, speed: 1 });
console.log(`stack (${seed}) ready in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
const browser = await launchBrowser();
const firstRows: number[] = [];
const typing: number[] = [];
let transferredGzipKiB = 0;
try {
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await page.addInitScript(PROBE);
    const scripts: Promise<number>[] = [];
    page.on("response", (res) => {
      if (res.request().resourceType() === "script") scripts.push(res.body().then((b) => gzipSync(b).length));
    });
    await page.goto(`${stack.url}/deployments`);
    await page.getByTestId("deployment-row").first().waitFor({ timeout: 30_000 });
    firstRows.push(await page.evaluate(() => (window as unknown as { __bench: { firstRowAt: number } }).__bench.firstRowAt));
    transferredGzipKiB = (await Promise.all(scripts)).reduce((a, b) => a + b, 0) / 1024;
    const box = page.getByRole("textbox", { name: /Filter by name/ });
    // Every keystroke changes which of the 1,000 rows match (a digit narrows, Backspace widens),
    // so the count under the table changes each time and marks the moment the table is updated.
    for (const key of ["7", "7", "Backspace", "Backspace", "3", "1", "Backspace", "Backspace"]) {
      await box.press(key);
      await page.waitForTimeout(400);
    }
    typing.push(...(await page.evaluate(() => (window as unknown as { __bench: { typed: number[] } }).__bench.typed)));
    await context.close();
  }
} finally {
  await browser.close();
  await stack.stop();
}

const js = firstPageJs();
const rows: [string, string][] = [
  [
    `first rows rendered (navigation → first row), ${runs} cold loads`,
    `p50 ${pct(firstRows, 50).toFixed(0)} ms, max ${Math.max(...firstRows).toFixed(0)} ms`,
  ],
  [
    `filter typing → table updated, ${typing.length} keystrokes`,
    `p50 ${pct(typing, 50).toFixed(1)} ms, p95 ${pct(typing, 95).toFixed(1)} ms, max ${Math.max(...typing).toFixed(1)} ms`,
  ],
  [
    "first page JavaScript, by the build manifest",
    `${js.gzipKiB.toFixed(1)} KiB gzipped (${js.rawKiB.toFixed(0)} KiB raw, ${js.files} files)`,
  ],
  ["first page JavaScript, as loaded by the browser", `${transferredGzipKiB.toFixed(1)} KiB gzipped`],
];
console.log(`\n| ${seed} | value |\n|---|---|`);
for (const [k, v] of rows) console.log(`| ${k} | ${v} |`);
