// @vitest-environment node
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { MAX_BUNDLE_BYTES, type PackageResult, packagePlugin } from "./package";

const pluginDir = resolve(".");
const pkg = JSON.parse(readFileSync(join(pluginDir, "package.json"), "utf8")) as { name: string; version: string };

describe("packaging (headlamp-plugin build, tarball, Artifact Hub metadata)", () => {
  let work: string;
  let result: PackageResult;
  let metadataPath: string;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "plugin-package-test-"));
    metadataPath = join(work, "artifacthub-pkg.yml");
    copyFileSync(join(pluginDir, "artifacthub-pkg.yml"), metadataPath);
    result = packagePlugin({ pluginDir, outDir: join(work, "out"), metadataPath });
  }, 120_000);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("builds dist/main.js within the size budget, with React/MUI/SDK left to the host", () => {
    expect(result.bundleBytes).toBeLessThanOrEqual(MAX_BUNDLE_BYTES);
    const main = readFileSync(join(pluginDir, "dist/main.js"), "utf8");
    expect(main).toContain("pluginLib.React");
    expect(main).not.toContain("react.production");
  });

  it("loads in a page the way Headlamp loads it (UMD on window.pluginLib) and registers everything", () => {
    const calls: Record<string, unknown[][]> = {};
    const spy =
      (name: string) =>
      (...args: unknown[]) => {
        calls[name] = [...(calls[name] ?? []), args];
      };
    // Any host module: callable, constructible (KubeObject is extended), every property another stub.
    const stub = (): unknown =>
      new Proxy(function host() {}, {
        get: (target, key) => (key === "prototype" ? target.prototype : stub()),
        apply: () => stub(),
        construct: () => ({}),
      });
    const pluginLib = new Proxy({} as Record<string, unknown>, {
      get: (_t, key) => (typeof key === "string" && key.startsWith("register") ? spy(key) : stub()),
    });
    runInNewContext(readFileSync(join(pluginDir, "dist/main.js"), "utf8"), { pluginLib, globalThis: { pluginLib } });
    expect(calls.registerRoute?.map(([route]) => (route as { path: string }).path)).toHaveLength(7);
    expect(calls.registerSidebarEntry).toHaveLength(6);
    expect(calls.registerPluginSettings?.[0]?.[0]).toBe(pkg.name);
    expect(calls.registerDetailsViewSection).toHaveLength(1);
  });

  it("packs one folder holding exactly main.js and a package.json Headlamp will load", () => {
    const extracted = join(work, "extracted");
    execFileSync("mkdir", ["-p", extracted]);
    execFileSync("tar", ["-xzf", result.tarball, "-C", extracted]);
    expect(readdirSync(extracted)).toEqual([pkg.name]);
    expect(readdirSync(join(extracted, pkg.name)).sort()).toEqual(["main.js", "package.json"]);
    expect(statSync(join(extracted, pkg.name, "main.js")).size).toBe(result.bundleBytes);
    const shipped = JSON.parse(readFileSync(join(extracted, pkg.name, "package.json"), "utf8"));
    expect(shipped).toMatchObject({ name: pkg.name, version: pkg.version });
    expect(shipped.devDependencies["@kinvolk/headlamp-plugin"]).toMatch(/^\^0\.14\.\d+$/);
    expect(JSON.stringify(shipped)).not.toContain("workspace:");
    expect(shipped.dependencies).toBeUndefined();
  });

  it("writes the tarball's real sha256, version and release URL into artifacthub-pkg.yml", () => {
    const meta = parse(readFileSync(metadataPath, "utf8"));
    const sha = createHash("sha256").update(readFileSync(result.tarball)).digest("hex");
    expect(meta.annotations["headlamp/plugin/archive-checksum"]).toBe(`sha256:${sha}`);
    expect(meta.version).toBe(pkg.version);
    expect(meta.annotations["headlamp/plugin/archive-url"]).toMatch(/^https:\/\/github\.com\/.+\/releases\/download\/.+/);
    expect(meta.annotations["headlamp/plugin/archive-url"].endsWith(`/${pkg.name}-${pkg.version}.tar.gz`)).toBe(true);
  });

  it("produces the same bytes twice, so the published checksum is reproducible", () => {
    const again = packagePlugin({ pluginDir, outDir: join(work, "again"), metadataPath: join(work, "artifacthub-pkg.yml"), build: false });
    expect(again.sha256).toBe(result.sha256);
  });

  it("keeps every field Artifact Hub and pluginctl need in the committed metadata", () => {
    const meta = parse(readFileSync(join(pluginDir, "artifacthub-pkg.yml"), "utf8"));
    for (const field of ["name", "displayName", "version", "description", "license", "homeURL", "createdAt"])
      expect(meta[field], field).toBeTruthy();
    expect(meta.links.length).toBeGreaterThan(0);
    expect(meta.maintainers[0]).toMatchObject({ name: expect.any(String), email: expect.stringContaining("@") });
    expect(meta.annotations["headlamp/plugin/archive-checksum"]).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(meta.annotations["headlamp/plugin/version-compat"]).toMatch(/^>=\d+\.\d+/);
    expect(meta.annotations["headlamp/plugin/distro-compat"]).toBe("in-cluster,web,docker-desktop,desktop");
    const repo = parse(readFileSync(join(pluginDir, "artifacthub-repo.yml"), "utf8"));
    expect(repo.owners[0].email).toContain("@");
  });
});
