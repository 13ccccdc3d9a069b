import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ROOT } from "./helm";

interface Step {
  run?: string;
  uses?: string;
  with?: Record<string, unknown>;
  "working-directory"?: string;
}
interface Job {
  "runs-on"?: string;
  needs?: string | string[];
  steps?: Step[];
}
interface Workflow {
  on?: unknown;
  jobs?: Record<string, Job>;
}

const WORKFLOWS = join(ROOT, ".github/workflows");
const files = readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f));
const makefile = readFileSync(join(ROOT, "Makefile"), "utf8");
const makeTargets = new Set([...makefile.matchAll(/^([a-zA-Z0-9_.-]+):/gm)].map((m) => m[1] as string));
const PROJECT_PATH = /(?:^|[\s"'=(])\.?\/?((?:scripts|deploy|backend|frontend|shared|sim|plugins)\/[\w./-]+\.(?:sh|ts|js|mjs|ya?ml|json))/g;

/** What a `run:` script refers to in this repository: make targets, files, package scripts. */
function references(script: string) {
  const make = [...script.matchAll(/(?:^|[\s;&|(])make[ \t]+((?:[a-z][\w-]*[ \t]*)+)/gm)].flatMap((m) =>
    (m[1] as string).trim().split(/\s+/),
  );
  const paths = [...script.matchAll(PROJECT_PATH)].map((m) => m[1] as string);
  const pkgScripts = [...script.matchAll(/run --cwd ([\w./-]+) ([\w:-]+)/g)].map((m) => ({ dir: m[1] as string, script: m[2] as string }));
  return { make, paths, pkgScripts };
}

describe("references() reads scripts the way the checks below need", () => {
  it("finds make targets, project paths and package scripts, and nothing else", () => {
    const refs = references(
      'make install build-frontend\nscripts/build-binary.sh all\n"$(scripts/ensure-bun.sh)" scripts/x.ts --tarball "release/$T"\n"$BUN" run --cwd plugins/headlamp package\necho make-believe',
    );
    expect(refs.make).toEqual(["install", "build-frontend"]);
    expect(refs.paths).toEqual(["scripts/build-binary.sh", "scripts/ensure-bun.sh", "scripts/x.ts"]);
    expect(refs.pkgScripts).toEqual([{ dir: "plugins/headlamp", script: "package" }]);
  });
});

describe.each(files)(".github/workflows/%s", (file) => {
  const workflow = parse(readFileSync(join(WORKFLOWS, file), "utf8")) as Workflow;
  const jobs = Object.entries(workflow.jobs ?? {});

  it("parses, has a trigger and jobs that each run somewhere with steps", () => {
    expect(workflow.on).toBeDefined();
    expect(jobs.length).toBeGreaterThan(0);
    for (const [name, job] of jobs) {
      expect(job["runs-on"], `job ${name}`).toBeTruthy();
      expect(job.steps?.length, `job ${name}`).toBeGreaterThan(0);
    }
  });

  it("needs only jobs that exist", () => {
    for (const [, job] of jobs) {
      for (const need of [job.needs ?? []].flat()) expect(Object.keys(workflow.jobs ?? {})).toContain(need);
    }
  });

  it("runs only make targets, scripts and package scripts that exist", () => {
    const steps = jobs.flatMap(([, job]) => job.steps ?? []);
    for (const step of steps) {
      if (!step.run) continue;
      const refs = references(step.run);
      for (const target of refs.make) expect(makeTargets, `make ${target}`).toContain(target);
      for (const path of refs.paths) {
        if (path.startsWith("release/") || path.includes("$")) continue;
        expect(existsSync(join(ROOT, path)), `${path} referenced by ${file}`).toBe(true);
      }
      for (const { dir, script } of refs.pkgScripts) {
        const pkg = JSON.parse(readFileSync(join(ROOT, dir, "package.json"), "utf8")) as { scripts?: Record<string, string> };
        expect(Object.keys(pkg.scripts ?? {}), `${dir} script ${script}`).toContain(script);
      }
    }
    for (const step of steps) {
      const file = step.with?.file;
      if (typeof file === "string") expect(existsSync(join(ROOT, file)), `${file} (uses ${step.uses})`).toBe(true);
    }
  });
});

describe("release workflow", () => {
  const release = parse(readFileSync(join(WORKFLOWS, "release.yml"), "utf8")) as Workflow & { on: { push: { tags: string[] } } };

  it("runs on version tags only, and publishes nothing before the tests pass", () => {
    expect(Object.keys(release.on)).toEqual(["push"]);
    expect(release.on.push).toEqual({ tags: [expect.stringMatching(/^v/)] });
    for (const [name, job] of Object.entries(release.jobs ?? {})) {
      if (name !== "test") expect([job.needs].flat(), name).toContain("test");
    }
  });
});

describe("deploy/Dockerfile", () => {
  const dockerfile = readFileSync(join(ROOT, "deploy/Dockerfile"), "utf8");

  it("copies only files that exist into the build", () => {
    const copies = [...dockerfile.matchAll(/^COPY (?!--from)(.+)$/gm)].map((m) => (m[1] as string).trim().split(/\s+/).slice(0, -1));
    expect(copies.length).toBeGreaterThan(3);
    for (const source of copies.flat()) expect(existsSync(join(ROOT, source)), source).toBe(true);
  });

  it("runs as non-root on a minimal base with a health check", () => {
    const final = dockerfile.slice(dockerfile.lastIndexOf("\nFROM "));
    expect(final).toMatch(/^\nFROM gcr\.io\/distroless\/\S+:nonroot/);
    expect(final).toMatch(/^USER 65532:65532$/m);
    expect(final).toMatch(/^HEALTHCHECK .*CMD \["\/kubeairunway", "health"\]$/m);
  });
});
