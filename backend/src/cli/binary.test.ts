import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
let dir: string;
let binary: string;

/** A port nothing listens on right now (the binary's config does not accept port 0). */
function freePort(): number {
  const probe = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: () => new Response() });
  const port = probe.port as number;
  probe.stop(true);
  return port;
}

async function run(args: string[], env: Record<string, string> = {}) {
  const proc = Bun.spawn([binary, ...args], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? "", HOME: dir, ...env },
    stdout: "pipe",
    stderr: "pipe",
  });
  const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  return { stdout, stderr, code };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "kar-binary-"));
  const spa = join(dir, "spa");
  mkdirSync(join(spa, "assets"), { recursive: true });
  writeFileSync(join(spa, "index.html"), "<!doctype html><title>KubeAIRunway test SPA</title>");
  writeFileSync(join(spa, "assets", "app-0000.js"), "export {};");
  // No cluster is reachable here: health must not depend on one.
  writeFileSync(
    join(dir, "kubeconfig"),
    [
      "apiVersion: v1",
      "kind: Config",
      "current-context: offline",
      "clusters: [{name: offline, cluster: {server: 'http://127.0.0.1:9', insecure-skip-tls-verify: true}}]",
      "users: [{name: offline, user: {token: offline}}]",
      "contexts: [{name: offline, context: {cluster: offline, user: offline}}]",
    ].join("\n"),
  );
  const build = Bun.spawn(["sh", join(ROOT, "scripts/build-binary.sh")], {
    env: { ...process.env, BUN: process.execPath, SPA_DIR: spa, OUT_DIR: join(dir, "out"), KUBEAIRUNWAY_BUILD_COMMIT: "abc1234" },
    stdout: "pipe",
    stderr: "pipe",
  });
  const [out, err, code] = await Promise.all([new Response(build.stdout).text(), new Response(build.stderr).text(), build.exited]);
  if (code !== 0) throw new Error(`build-binary.sh failed:\n${out}\n${err}`);
  binary = join(dir, "out", "kubeairunway");
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the single binary", () => {
  it("prints its version with the commit stamped at build time", async () => {
    const { stdout, code } = await run(["version"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^kubeairunway \d+\.\d+\.\d+ \(abc1234\)\n$/);
  });

  it("prints usage for --help and rejects an unknown command with exit code 2", async () => {
    const help = await run(["--help"]);
    expect([help.code, help.stdout]).toEqual([0, expect.stringContaining("login")]);
    const bad = await run(["frobnicate"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown command "frobnicate"');
  });

  it("login runs the kubeconfig's exec plugin and prints exactly its token in the link, writing nothing", async () => {
    const home = join(dir, "login-home");
    mkdirSync(home);
    const plugin = join(home, "plugin.sh");
    writeFileSync(
      plugin,
      `#!/bin/sh\nprintf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"bin-%s"}}' "$1"\n`,
      { mode: 0o755 },
    );
    const kubeconfig = join(home, "config");
    writeFileSync(
      kubeconfig,
      [
        "apiVersion: v1",
        "kind: Config",
        "current-context: c",
        "clusters: [{name: c, cluster: {server: 'https://127.0.0.1:6443'}}]",
        `users: [{name: u, user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: ${plugin}, args: [token], interactiveMode: Never}}}]`,
        "contexts: [{name: c, context: {cluster: c, user: u}}]",
      ].join("\n"),
    );
    const before = readdirSync(home, { recursive: true }).sort();
    const { stdout, code } = await run(["login", "--url", "https://kar.example.com"], { HOME: home, KUBECONFIG: kubeconfig });
    expect([code, stdout]).toEqual([0, "https://kar.example.com/#token=bin-token\n"]);
    expect(readdirSync(home, { recursive: true }).sort()).toEqual(before);
  });

  it("serves /api/health and the embedded SPA, and `health` probes it", async () => {
    const port = freePort();
    const server = Bun.spawn([binary, "serve", "--port", String(port)], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? "", HOME: dir, KUBECONFIG: join(dir, "kubeconfig"), LOG_LEVEL: "error" },
      stdout: "ignore",
      stderr: "ignore",
    });
    try {
      const base = `http://127.0.0.1:${port}`;
      let health: Response | undefined;
      for (let i = 0; i < 100 && !health; i++) {
        health = await fetch(`${base}/api/health`).catch(() => undefined);
        if (!health) await Bun.sleep(50);
      }
      expect(health?.status).toBe(200);
      expect(await health?.json()).toEqual({ status: "ok" });
      const index = await fetch(`${base}/deployments/team-a/llama`);
      expect(index.headers.get("content-type")).toContain("text/html");
      expect(await index.text()).toContain("KubeAIRunway test SPA");
      const asset = await fetch(`${base}/assets/app-0000.js`);
      expect(asset.headers.get("cache-control")).toContain("immutable");
      expect((await run(["health", "--url", base])).code).toBe(0);
    } finally {
      server.kill("SIGTERM");
      await server.exited;
    }
    expect((await run(["health", "--url", `http://127.0.0.1:${port}`])).code).toBe(1);
  }, 30_000);
});
