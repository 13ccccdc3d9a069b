/**
 * Runs every suite of scripts/test-suites.ts and ends with exactly one line
 * `N passed, N failed` totalled over all of them; exits non-zero on any failure.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { type Suite, suites } from "./test-suites";

const root = resolve(import.meta.dir, "..");
const reports = join(root, ".test-results");
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
const only = process.argv.slice(2);

interface Counts {
  passed: number;
  failed: number;
}

function countReport(suite: Suite, path: string): Counts | undefined {
  if (!existsSync(path)) return undefined;
  const json = JSON.parse(readFileSync(path, "utf8"));
  if (suite.kind === "vitest")
    return { passed: json.numPassedTests ?? 0, failed: (json.numFailedTests ?? 0) + (json.numFailedTestSuites ?? 0) };
  const stats = json.stats ?? {};
  return { passed: stats.expected ?? 0, failed: (stats.unexpected ?? 0) + (stats.flaky ?? 0) };
}

async function run(suite: Suite): Promise<Counts> {
  const why = await suite.needs?.();
  if (why) {
    console.log(`\n== ${suite.name}: not run (${why})`);
    return { passed: 0, failed: 0 };
  }
  const report = join(reports, `${suite.name.replace(/[^a-z0-9-]/gi, "_")}.json`);
  const cmd = suite.cmd.map((part) => part.replace("{report}", report).replace("{bun}", process.execPath));
  console.log(`\n== ${suite.name} (${suite.cwd}): ${cmd.join(" ")}`);
  const started = performance.now();
  const proc = Bun.spawn(cmd, {
    cwd: join(root, suite.cwd),
    stdout: "inherit",
    stderr: "inherit",
    env: { ...process.env, FORCE_COLOR: "0" },
  });
  const code = await proc.exited;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (suite.kind === "check") {
    console.log(`== ${suite.name}: ${code === 0 ? "ok" : "FAILED"} (${seconds}s)`);
    return code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
  }
  const counts = countReport(suite, report) ?? { passed: 0, failed: 0 };
  // A runner that crashed, or exited non-zero with no failed test counted, still fails the run.
  if (code !== 0 && counts.failed === 0) counts.failed = 1;
  if (code === 0 && counts.passed === 0 && counts.failed === 0) counts.failed = 1;
  console.log(`== ${suite.name}: ${counts.passed} passed, ${counts.failed} failed (${seconds}s)`);
  return counts;
}

const total: Counts = { passed: 0, failed: 0 };
const summary: string[] = [];
/** `typecheck:*` selects every suite whose name starts with `typecheck:`. */
const selected = (name: string) => only.length === 0 || only.some((o) => (o.endsWith("*") ? name.startsWith(o.slice(0, -1)) : o === name));
for (const suite of suites.filter((s) => selected(s.name))) {
  const counts = await run(suite);
  total.passed += counts.passed;
  total.failed += counts.failed;
  summary.push(`  ${suite.name.padEnd(24)} ${String(counts.passed).padStart(5)} passed ${String(counts.failed).padStart(4)} failed`);
}
console.log(`\n${summary.join("\n")}\n`);
console.log(`${total.passed} passed, ${total.failed} failed`);
process.exit(total.failed > 0 ? 1 : 0);
