import { readFileSync } from "node:fs";
import { runExecPlugin } from "./exec-credential";
import { type KubeUser, kubeconfigPaths, LoginError, type ResolvedContext, resolveContext, resolveFrom } from "./kubeconfig";

/** Where a token came from, for the message `login` prints (never the token itself). */
export type TokenSource = "token" | "token-file" | "oidc" | "exec";

export interface LoginOptions {
  env: Record<string, string | undefined>;
  /** Backend base URL the link points at. */
  url: string;
  context?: string;
  kubeconfig?: string;
  stdinIsTerminal: boolean;
}

export interface LoginResult {
  context: string;
  source: TokenSource;
  /** `<url>/#token=…`: the fragment never reaches a server or its access log; the SPA adopts it. */
  link: string;
}

/** Seconds since the epoch at which a JWT expires, or undefined when it is not a readable JWT. */
function jwtExpiry(token: string): number | undefined {
  const payload = token.split(".")[1];
  if (!payload) return undefined;
  try {
    const exp = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")).exp;
    return typeof exp === "number" ? exp : undefined;
  } catch {
    return undefined;
  }
}

/** The bearer token a context's user authenticates with, resolved as kubectl would. */
export async function tokenForContext(
  resolved: ResolvedContext,
  options: Pick<LoginOptions, "env" | "stdinIsTerminal">,
): Promise<{ token: string; source: TokenSource }> {
  const user: KubeUser = resolved.user.value;
  if (user.token) return { token: user.token, source: "token" };
  if (user.tokenFile) {
    const path = resolveFrom(resolved.user.dir, user.tokenFile);
    try {
      return { token: readFileSync(path, "utf8").trim(), source: "token-file" };
    } catch (err) {
      throw new LoginError(`cannot read tokenFile ${path}: ${(err as Error).message}`);
    }
  }
  if (user.exec) {
    const token = await runExecPlugin(user.exec, {
      dir: resolved.user.dir,
      cluster: resolved.cluster,
      env: options.env,
      stdinIsTerminal: options.stdinIsTerminal,
    });
    return { token, source: "exec" };
  }
  const provider = user["auth-provider"];
  if (provider?.name === "oidc") {
    const token = provider.config?.["id-token"];
    if (!token)
      throw new LoginError(`user "${resolved.user.name}" has an oidc auth-provider without an id-token; log in with kubectl first`);
    const exp = jwtExpiry(token);
    if (exp !== undefined && exp * 1000 <= Date.now()) {
      throw new LoginError(
        `the oidc id-token of user "${resolved.user.name}" has expired; run any kubectl command to refresh it, then retry`,
      );
    }
    return { token, source: "oidc" };
  }
  if (provider) throw new LoginError(`auth-provider "${provider.name}" is not supported; use an exec credential plugin`);
  if (user["client-certificate"] || user["client-certificate-data"]) {
    throw new LoginError(
      `user "${resolved.user.name}" authenticates with a client certificate, which a browser cannot present; ` +
        "use a token (for example `kubectl create token <serviceaccount>`) or an OIDC/exec login",
    );
  }
  if (user.username) throw new LoginError(`user "${resolved.user.name}" uses basic auth, which Kubernetes no longer supports`);
  throw new LoginError(`user "${resolved.user.name}" has no credentials in the kubeconfig`);
}

/**
 * `kubeairunway login`: the current (or chosen) kubeconfig context's token, as a link that signs the
 * web UI in. The token lives only in memory and in the printed link; nothing is written to disk.
 */
export async function login(options: LoginOptions): Promise<LoginResult> {
  const paths = options.kubeconfig ? [options.kubeconfig] : kubeconfigPaths(options.env);
  const resolved = resolveContext(paths, options.context);
  const { token, source } = await tokenForContext(resolved, options);
  const base = options.url.replace(/\/+$/, "");
  return { context: resolved.context, source, link: `${base}/#token=${encodeURIComponent(token)}` };
}

/** Opens a URL in the default browser (xdg-open / open); false when no opener is available. */
export async function openInBrowser(url: string, platform: NodeJS.Platform = process.platform): Promise<boolean> {
  const opener = platform === "darwin" ? "open" : "xdg-open";
  try {
    const proc = Bun.spawn([opener, url], { stdin: "ignore", stdout: "ignore", stderr: "ignore" });
    return (await proc.exited) === 0;
  } catch {
    return false;
  }
}
