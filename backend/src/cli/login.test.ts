import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { login } from "./login";

const CLI = fileURLToPath(new URL("./main.ts", import.meta.url));
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "kar-login-"));
  mkdirSync(join(dir, "home"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A fake exec credential plugin: checks the ExecCredential request, prints `<PREFIX>-<arg1>`. */
function writePlugin(name = "fake-plugin.sh", apiVersion = "client.authentication.k8s.io/v1"): string {
  const path = join(dir, name);
  writeFileSync(
    path,
    `#!/bin/sh
case "$KUBERNETES_EXEC_INFO" in
  *'"apiVersion":"${apiVersion}"'*'"kind":"ExecCredential"'*) ;;
  *) echo "unexpected KUBERNETES_EXEC_INFO: $KUBERNETES_EXEC_INFO" >&2; exit 3 ;;
esac
printf '{"apiVersion":"${apiVersion}","kind":"ExecCredential","status":{"token":"%s-%s","expirationTimestamp":"2099-01-01T00:00:00Z"}}' "$TOKEN_PREFIX" "$1"
`,
  );
  chmodSync(path, 0o755);
  return path;
}

function writeKubeconfig(user: Record<string, unknown>, file = "kubeconfig", extra: Record<string, unknown> = {}): string {
  const path = join(dir, file);
  writeFileSync(
    path,
    stringify({
      apiVersion: "v1",
      kind: "Config",
      "current-context": "dev",
      clusters: [{ name: "c", cluster: { server: "https://127.0.0.1:6443" } }],
      contexts: [{ name: "dev", context: { cluster: "c", user: "u" } }],
      users: [{ name: "u", user }],
      ...extra,
    }),
  );
  return path;
}

const execUser = (command: string) => ({
  exec: {
    apiVersion: "client.authentication.k8s.io/v1",
    command,
    args: ["from-plugin"],
    env: [{ name: "TOKEN_PREFIX", value: "exec" }],
    interactiveMode: "Never",
  },
});

/** Every file under `root` with its size and modification time, to prove nothing was written. */
function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    const st = statSync(path);
    out[path] = `${st.size}:${st.mtimeMs}`;
  }
  return out;
}

const tokenOf = (link: string) => decodeURIComponent(link.split("#token=")[1] ?? "");

describe("kubeairunway login (CLI)", () => {
  it("prints a link with exactly the token the exec plugin printed and writes nothing to disk", async () => {
    writePlugin();
    const kubeconfig = writeKubeconfig(execUser("./fake-plugin.sh"));
    const before = snapshot(dir);
    const proc = Bun.spawn([process.execPath, CLI, "login", "--url", "http://127.0.0.1:3001/"], {
      cwd: join(dir, "home"),
      // The transpiler cache is Bun's own (it caches compiled sources under $HOME); off, so only our writes would show.
      env: { PATH: process.env.PATH, HOME: join(dir, "home"), KUBECONFIG: kubeconfig, BUN_RUNTIME_TRANSPILER_CACHE_PATH: "0" },
      stdin: "ignore",
      stdout: "pipe",
      stderr: "pipe",
    });
    const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
    expect(stderr).toContain('context "dev" (exec credentials)');
    expect(code).toBe(0);
    expect(stdout).toBe("http://127.0.0.1:3001/#token=exec-from-plugin\n");
    expect(snapshot(dir)).toEqual(before);
    for (const file of Object.keys(before)) {
      if (statSync(file).isFile()) expect(readFileSync(file, "utf8")).not.toContain("exec-from-plugin");
    }
    expect(stderr).not.toContain("exec-from-plugin");
  });

  it("exits 1 with the reason when the context cannot give a token", async () => {
    const kubeconfig = writeKubeconfig({ "client-certificate-data": "Zm9v", "client-key-data": "YmFy" });
    const proc = Bun.spawn([process.execPath, CLI, "login", "--kubeconfig", kubeconfig], { stdout: "pipe", stderr: "pipe" });
    const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toContain("client certificate, which a browser cannot present");
  });
});

describe("login credential sources", () => {
  const opts = (kubeconfig: string, extra: Partial<Parameters<typeof login>[0]> = {}) => ({
    env: { PATH: process.env.PATH, KUBECONFIG: kubeconfig },
    url: "http://127.0.0.1:3001",
    stdinIsTerminal: false,
    ...extra,
  });

  it("uses a static token, URL-encoded in the fragment", async () => {
    const result = await login(opts(writeKubeconfig({ token: "abc.def/ghi+jk=" })));
    expect(result).toEqual({ context: "dev", source: "token", link: "http://127.0.0.1:3001/#token=abc.def%2Fghi%2Bjk%3D" });
    expect(tokenOf(result.link)).toBe("abc.def/ghi+jk=");
  });

  it("reads a tokenFile relative to the kubeconfig", async () => {
    writeFileSync(join(dir, "token.txt"), "from-file\n");
    const result = await login(opts(writeKubeconfig({ tokenFile: "token.txt" })));
    expect([result.source, tokenOf(result.link)]).toEqual(["token-file", "from-file"]);
  });

  it("uses an unexpired OIDC id-token and refuses an expired one", async () => {
    const jwt = (exp: number) => `h.${Buffer.from(JSON.stringify({ exp })).toString("base64url")}.s`;
    const fresh = jwt(Math.floor(Date.now() / 1000) + 3600);
    const ok = await login(opts(writeKubeconfig({ "auth-provider": { name: "oidc", config: { "id-token": fresh } } })));
    expect([ok.source, tokenOf(ok.link)]).toEqual(["oidc", fresh]);
    const expired = writeKubeconfig({ "auth-provider": { name: "oidc", config: { "id-token": jwt(1000) } } }, "expired");
    await expect(login(opts(expired))).rejects.toThrow(/has expired/);
  });

  it("runs a v1beta1 plugin found on PATH, passing cluster info when asked", async () => {
    const pluginDir = join(dir, "bin");
    mkdirSync(pluginDir);
    const path = join(pluginDir, "kar-test-plugin");
    writeFileSync(
      path,
      `#!/bin/sh
case "$KUBERNETES_EXEC_INFO" in *'"server":"https://127.0.0.1:6443"'*) ;; *) exit 4 ;; esac
printf '{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"beta"}}'
`,
    );
    chmodSync(path, 0o755);
    const kubeconfig = writeKubeconfig({
      exec: { apiVersion: "client.authentication.k8s.io/v1beta1", command: "kar-test-plugin", provideClusterInfo: true },
    });
    const result = await login(opts(kubeconfig, { env: { PATH: `${pluginDir}:${process.env.PATH}`, KUBECONFIG: kubeconfig } }));
    expect(tokenOf(result.link)).toBe("beta");
  });

  it("reports a failing plugin, a plugin needing a terminal, and a context that does not exist", async () => {
    writeFileSync(join(dir, "fail.sh"), "#!/bin/sh\necho denied >&2\nexit 7\n");
    chmodSync(join(dir, "fail.sh"), 0o755);
    await expect(login(opts(writeKubeconfig(execUser("./fail.sh"), "a")))).rejects.toThrow(/exited with code 7/);
    const always = { exec: { ...execUser("./x").exec, interactiveMode: "Always" } };
    await expect(login(opts(writeKubeconfig(always, "b")))).rejects.toThrow(/needs an interactive terminal/);
    await expect(login(opts(writeKubeconfig({ token: "t" }, "c"), { context: "prod" }))).rejects.toThrow(
      /context "prod" is not in the kubeconfig/,
    );
  });

  it("shows the plugin's installHint when its command is not installed", async () => {
    const missing = { exec: { ...execUser("kar-no-such-plugin").exec, installHint: "Install it with: brew install kar-plugin" } };
    await expect(login(opts(writeKubeconfig(missing)))).rejects.toThrow(
      /cannot run exec plugin "kar-no-such-plugin".*\n.*brew install kar-plugin/,
    );
  });

  it("merges KUBECONFIG files like kubectl: the first file's current-context and entries win", async () => {
    const first = writeKubeconfig({ token: "first" }, "one", { contexts: [{ name: "dev", context: { cluster: "c", user: "u" } }] });
    const second = writeKubeconfig({ token: "second" }, "two", {
      "current-context": "other",
      contexts: [{ name: "other", context: { cluster: "c", user: "u2" } }],
      users: [{ name: "u2", user: { token: "other-user" } }],
    });
    const merged = await login(opts(`${first}:${second}`));
    expect([merged.context, tokenOf(merged.link)]).toEqual(["dev", "first"]);
    const chosen = await login(opts(`${first}:${second}`, { context: "other" }));
    expect(tokenOf(chosen.link)).toBe("other-user");
  });
});
