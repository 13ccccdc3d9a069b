import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ROOT } from "./helm";

const bun = execFileSync(join(ROOT, "scripts/ensure-bun.sh"), { encoding: "utf8" }).trim();
const runScript = (script: string, args: string[]) =>
  spawnSync(bun, [join(ROOT, "scripts", script), ...args], { cwd: ROOT, encoding: "utf8" });

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "kar-release-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("scripts/artifacthub-pkg.ts", () => {
  const url = "https://github.com/kaito-project/kubeairunway/releases/download/v1.2.3/kubeairunway-headlamp-plugin-1.2.3.tar.gz";
  const args = () => [
    "--version",
    "1.2.3",
    "--tarball",
    join(dir, "plugin.tar.gz"),
    "--url",
    url,
    "--template",
    join(dir, "tpl.yml"),
    "--repo-file",
    join(dir, "repo.yml"),
    "--out-dir",
    join(dir, "ah"),
  ];

  beforeEach(() => {
    writeFileSync(join(dir, "plugin.tar.gz"), "not really a tarball, but bytes to hash");
    writeFileSync(join(dir, "repo.yml"), "owners:\n  - name: maintainers\n");
    writeFileSync(
      join(dir, "tpl.yml"),
      'name: kubeairunway\ndisplayName: KubeAIRunway\nversion: 0.0.0\nannotations:\n  headlamp/plugin/version-compat: ">=0.26"\n',
    );
  });

  it("writes <version>/artifacthub-pkg.yml with the tarball's sha256 and release URL, keeping the template", () => {
    const result = runScript("artifacthub-pkg.ts", [...args(), "--created-at", "2026-01-02T03:04:05Z"]);
    expect(result.stderr).toBe("");
    const doc = parse(readFileSync(join(dir, "ah/1.2.3/artifacthub-pkg.yml"), "utf8"));
    const sha = createHash("sha256")
      .update(readFileSync(join(dir, "plugin.tar.gz")))
      .digest("hex");
    expect(doc).toEqual({
      name: "kubeairunway",
      displayName: "KubeAIRunway",
      version: "1.2.3",
      createdAt: "2026-01-02T03:04:05Z",
      annotations: {
        "headlamp/plugin/version-compat": ">=0.26",
        "headlamp/plugin/archive-url": url,
        "headlamp/plugin/archive-checksum": `sha256:${sha}`,
      },
    });
    // The registered Artifact Hub path holds the repository file next to the versions.
    expect(readFileSync(join(dir, "ah/artifacthub-repo.yml"), "utf8")).toBe("owners:\n  - name: maintainers\n");
  });

  it("never rewrites a released version, and refuses a URL pluginctl would not install from", () => {
    expect(runScript("artifacthub-pkg.ts", args()).status).toBe(0);
    const again = runScript("artifacthub-pkg.ts", args());
    expect([again.status, again.stderr]).toEqual([1, expect.stringContaining("never rewritten")]);
    const badUrl = args().map((a) => (a === url ? "https://example.com/plugin.tar.gz" : a));
    badUrl[badUrl.indexOf("--out-dir") + 1] = join(dir, "other");
    const bad = runScript("artifacthub-pkg.ts", badUrl);
    expect([bad.status, bad.stderr]).toEqual([1, expect.stringContaining("not a GitHub/GitLab/Bitbucket release URL")]);
  });
});

describe("scripts/release-version.ts check", () => {
  it("passes for the version in the tree and names every file that disagrees with another", () => {
    const chart = parse(readFileSync(join(ROOT, "deploy/helm/kubeairunway/Chart.yaml"), "utf8")) as { version: string };
    expect(runScript("release-version.ts", ["check", chart.version]).status).toBe(0);
    const wrong = runScript("release-version.ts", ["check", "999.0.0"]);
    expect(wrong.status).toBe(1);
    for (const file of ["backend/package.json", "plugins/headlamp/package.json", "deploy/helm/kubeairunway/Chart.yaml"]) {
      expect(wrong.stderr).toContain(`${file}:`);
    }
    expect(runScript("release-version.ts", ["check", "v1"]).status).toBe(2);
  });
});
