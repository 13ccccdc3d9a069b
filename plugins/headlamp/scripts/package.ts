/**
 * Builds the plugin with `headlamp-plugin build`, packs `<name>/{main.js,package.json}` into
 * `dist/release/<name>-<version>.tar.gz` (reproducible: sorted, zero mtimes, no gzip timestamp),
 * and writes the tarball's version, URL and sha256 into artifacthub-pkg.yml.
 *
 * The shipped package.json is written fresh: the workspace one points at `workspace:*` packages
 * that only exist in this repository (they are bundled into main.js), while Headlamp only needs
 * name, version and the SDK in devDependencies with a plain semver range.
 *
 * Usage: bun scripts/package.ts [--out <dir>] [--metadata <artifacthub-pkg.yml>] [--skip-build]
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/** Headlamp's size budget for a plugin bundle (the limit). */
export const MAX_BUNDLE_BYTES = 200 * 1024;
const SDK = "@kinvolk/headlamp-plugin";

interface PackageJson {
  name: string;
  version: string;
  description?: string;
  license?: string;
  repository?: unknown;
  devDependencies?: Record<string, string>;
}

/** What Headlamp reads from an installed plugin's package.json, and nothing repository-specific. */
export function shippedPackageJson(pkg: PackageJson): PackageJson {
  const sdk = pkg.devDependencies?.[SDK];
  if (!sdk || !/^[~^]?\d+\.\d+\.\d+$/.test(sdk))
    throw new Error(`${SDK} must be in devDependencies with a plain semver range, found ${sdk}`);
  const out: PackageJson = { name: pkg.name, version: pkg.version, devDependencies: { [SDK]: sdk } };
  if (pkg.description) out.description = pkg.description;
  if (pkg.license) out.license = pkg.license;
  if (pkg.repository) out.repository = pkg.repository;
  return out;
}

/** Rewrites the version, archive URL and checksum lines of artifacthub-pkg.yml, keeping the rest. */
export function updateMetadata(yml: string, version: string, tarball: string, sha256: string): string {
  const set = (text: string, re: RegExp, line: string) => {
    if (!re.test(text)) throw new Error(`artifacthub-pkg.yml has no line matching ${re}`);
    return text.replace(re, line);
  };
  let out = set(yml, /^version: .*$/m, `version: ${version}`);
  out = set(out, /^(\s+headlamp\/plugin\/archive-url: ).*$/m, `$1"${archiveUrl(version, tarball)}"`);
  return set(out, /^(\s+headlamp\/plugin\/archive-checksum: ).*$/m, `$1sha256:${sha256}`);
}

export function archiveUrl(version: string, tarball: string): string {
  return `https://github.com/kaito-project/kubeairunway/releases/download/headlamp-plugin-v${version}/${tarball}`;
}

export interface PackageResult {
  tarball: string;
  sha256: string;
  bundleBytes: number;
}

export function packagePlugin(options: { pluginDir: string; outDir?: string; metadataPath?: string; build?: boolean }): PackageResult {
  const dir = resolve(options.pluginDir);
  if (options.build !== false) {
    // headlamp-plugin keeps an inherited NODE_ENV (vitest sets `test`, which selects React's dev runtime).
    execFileSync(join(dir, "node_modules/.bin/headlamp-plugin"), ["build"], {
      cwd: dir,
      stdio: "inherit",
      env: { ...process.env, NODE_ENV: "production" },
    });
  }
  const mainJs = join(dir, "dist/main.js");
  const bundleBytes = statSync(mainJs).size;
  if (bundleBytes > MAX_BUNDLE_BYTES) throw new Error(`dist/main.js is ${bundleBytes} bytes, over the ${MAX_BUNDLE_BYTES} byte budget`);

  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as PackageJson;
  const stage = mkdtempSync(join(tmpdir(), "kubeairunway-plugin-"));
  try {
    const folder = join(stage, pkg.name);
    mkdirSync(folder);
    writeFileSync(join(folder, "main.js"), readFileSync(mainJs));
    writeFileSync(join(folder, "package.json"), `${JSON.stringify(shippedPackageJson(pkg), null, 2)}\n`);
    const outDir = resolve(options.outDir ?? join(dir, "dist/release"));
    mkdirSync(outDir, { recursive: true });
    const name = `${pkg.name}-${pkg.version}.tar.gz`;
    const tar = execFileSync(
      "tar",
      ["--sort=name", "--mtime=@0", "--owner=0", "--group=0", "--numeric-owner", "-cf", "-", "-C", stage, pkg.name],
      {
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    const gz = execFileSync("gzip", ["-n", "-9"], { input: tar, maxBuffer: 64 * 1024 * 1024 });
    const tarball = join(outDir, name);
    writeFileSync(tarball, gz);
    const sha256 = createHash("sha256").update(gz).digest("hex");
    const metadataPath = options.metadataPath ?? join(dir, "artifacthub-pkg.yml");
    writeFileSync(metadataPath, updateMetadata(readFileSync(metadataPath, "utf8"), pkg.version, name, sha256));
    return { tarball, sha256, bundleBytes };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.dirname ?? "", "package.ts")) {
  const result = packagePlugin({
    pluginDir: resolve(import.meta.dirname ?? ".", ".."),
    outDir: arg("--out"),
    metadataPath: arg("--metadata"),
    build: !process.argv.includes("--skip-build"),
  });
  process.stdout.write(`${result.tarball}\nsha256:${result.sha256}\nmain.js: ${(result.bundleBytes / 1024).toFixed(1)} KB\n`);
}
