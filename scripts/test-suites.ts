/**
 * Every suite `make test` runs, in order. Each vitest suite writes a JSON report that the runner
 * totals; `check` suites (type-check, lint) count as one test each.
 */
export interface Suite {
  name: string;
  cwd: string;
  /** Command; `{report}` is replaced by the JSON report path for vitest/playwright suites. */
  cmd: string[];
  kind: "vitest" | "playwright" | "check";
  /** Runs only when this returns true; otherwise the runner prints why it was left out. */
  needs?: () => Promise<string | undefined>;
}

const vitestNode = (name: string, cwd: string): Suite => ({
  name,
  cwd,
  kind: "vitest",
  cmd: ["npx", "vitest", "run", "--reporter=default", "--reporter=json", "--outputFile.json={report}"],
});
const vitestBun = (name: string, cwd: string): Suite => ({
  name,
  cwd,
  kind: "vitest",
  cmd: ["{bun}", "--bun", "vitest", "run", "--reporter=default", "--reporter=json", "--outputFile.json={report}"],
});

export const suites: Suite[] = [
  { name: "lint", cwd: ".", kind: "check", cmd: ["{bun}", "x", "biome", "check", "."] },
  { name: "typecheck:shared", cwd: "shared", kind: "check", cmd: ["{bun}", "x", "tsc", "--noEmit", "-p", "."] },
  { name: "typecheck:backend", cwd: "backend", kind: "check", cmd: ["{bun}", "x", "tsc", "--noEmit", "-p", "."] },
  { name: "typecheck:sim", cwd: "sim", kind: "check", cmd: ["{bun}", "x", "tsc", "--noEmit", "-p", "."] },
  vitestNode("shared", "shared"),
  vitestBun("sim", "sim"),
  vitestBun("backend", "backend"),
  { name: "typecheck:frontend", cwd: "frontend", kind: "check", cmd: ["{bun}", "x", "tsc", "--noEmit", "-p", "."] },
  vitestNode("frontend", "frontend"),
  { name: "typecheck:frontend-e2e-stack", cwd: "frontend", kind: "check", cmd: ["{bun}", "x", "tsc", "--noEmit", "-p", "e2e/stack"] },
  {
    // Debian Chromium via playwright-core against the sim + backend the suite starts itself.
    name: "frontend-e2e",
    cwd: "frontend",
    kind: "vitest",
    cmd: [
      "sh",
      "-c",
      '../scripts/ensure-chromium.sh && exec npx vitest run -c e2e/vitest.config.ts --reporter=default --reporter=json --outputFile.json="$0"',
      "{report}",
    ],
  },
  { name: "typecheck:plugin", cwd: "plugins/headlamp", kind: "check", cmd: ["{bun}", "x", "tsc", "--noEmit", "-p", "."] },
  {
    name: "typecheck:plugin-sim",
    cwd: "plugins/headlamp",
    kind: "check",
    cmd: ["{bun}", "x", "tsc", "--noEmit", "-p", "tsconfig.sim.json"],
  },
  vitestNode("plugin", "plugins/headlamp"),
  {
    name: "plugin-sim",
    cwd: "plugins/headlamp",
    kind: "vitest",
    cmd: [
      "{bun}",
      "--bun",
      "vitest",
      "run",
      "-c",
      "vitest.sim.config.mts",
      "--reporter=default",
      "--reporter=json",
      "--outputFile.json={report}",
    ],
  },
  {
    name: "deploy",
    cwd: "deploy",
    kind: "vitest",
    cmd: ["sh", "../scripts/test-deploy.sh", "--reporter=default", "--reporter=json", "--outputFile.json={report}"],
  },
];
