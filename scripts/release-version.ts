/**
 * The product's version lives in a few files; a release tag must match all of them.
 *   bun scripts/release-version.ts check 1.2.3   exits 1 naming every file that disagrees (release CI)
 *   bun scripts/release-version.ts set 1.2.3     writes it everywhere and re-renders the manifests
 * Before tagging vX.Y.Z: run `set X.Y.Z`, commit, then tag.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dir, "..");

interface VersionField {
  file: string;
  field: string;
  /** Matches the field; group 1 is the text before the version, group 2 the version. */
  pattern: RegExp;
}

/** Every place a release stamps its version (the binary and image read backend/package.json). */
export const VERSION_FIELDS: VersionField[] = [
  { file: "backend/package.json", field: "version", pattern: /^(\s*"version":\s*")([^"]+)/m },
  { file: "plugins/headlamp/package.json", field: "version", pattern: /^(\s*"version":\s*")([^"]+)/m },
  { file: "deploy/helm/kubeairunway/Chart.yaml", field: "version", pattern: /^(version:\s*)(\S+)/m },
  { file: "deploy/helm/kubeairunway/Chart.yaml", field: "appVersion", pattern: /^(appVersion:\s*")([^"]+)/m },
];

/** Each field's current version, read from the files under `root`. */
export function readVersions(root: string = ROOT): { file: string; field: string; version: string | undefined }[] {
  return VERSION_FIELDS.map(({ file, field, pattern }) => ({
    file,
    field,
    version: readFileSync(join(root, file), "utf8").match(pattern)?.[2],
  }));
}

function main([command, version]: string[]): number {
  if (!version || !/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version) || (command !== "check" && command !== "set")) {
    console.error("usage: bun scripts/release-version.ts check|set <semver without v>");
    return 2;
  }
  if (command === "check") {
    const wrong = readVersions().filter((v) => v.version !== version);
    for (const v of wrong) console.error(`${v.file}: ${v.field} is ${v.version ?? "missing"}, the tag says ${version}`);
    if (wrong.length > 0) console.error(`run \`bun scripts/release-version.ts set ${version}\`, commit, and tag again`);
    return wrong.length > 0 ? 1 : 0;
  }
  for (const { file, pattern } of VERSION_FIELDS) {
    const path = join(ROOT, file);
    writeFileSync(
      path,
      readFileSync(path, "utf8").replace(pattern, (_all, before: string) => `${before}${version}`),
    );
  }
  const render = Bun.spawnSync([join(ROOT, "scripts/render-manifests.sh")], { stdout: "inherit", stderr: "inherit" });
  console.log(`version set to ${version} in ${[...new Set(VERSION_FIELDS.map((f) => f.file))].join(", ")} and deploy/manifests`);
  return render.exitCode;
}

if (import.meta.main) process.exit(main(process.argv.slice(2)));
