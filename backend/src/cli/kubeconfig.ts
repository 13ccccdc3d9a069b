import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { parse } from "yaml";

/** Raised for anything `login` cannot do; the message tells the user what to change. */
export class LoginError extends Error {
  override readonly name = "LoginError";
}

/** The `exec` stanza of a kubeconfig user (client-go's ExecConfig). */
export interface ExecConfig {
  apiVersion?: string;
  command?: string;
  args?: string[];
  env?: { name: string; value: string }[] | null;
  installHint?: string;
  provideClusterInfo?: boolean;
  interactiveMode?: "Never" | "IfAvailable" | "Always";
}

export interface KubeUser {
  token?: string;
  tokenFile?: string;
  exec?: ExecConfig;
  "auth-provider"?: { name?: string; config?: Record<string, string> };
  "client-certificate"?: string;
  "client-certificate-data"?: string;
  username?: string;
}

export interface KubeCluster {
  server?: string;
  "certificate-authority-data"?: string;
  "tls-server-name"?: string;
  "insecure-skip-tls-verify"?: boolean;
  "proxy-url"?: string;
  extensions?: { name: string; extension: unknown }[];
}

/** One named entry with the folder of the file it came from (relative paths resolve against it). */
export interface Located<T> {
  name: string;
  value: T;
  dir: string;
}

/** The selected context of a (possibly merged) kubeconfig. */
export interface ResolvedContext {
  context: string;
  user: Located<KubeUser>;
  cluster?: Located<KubeCluster>;
}

interface RawFile {
  "current-context"?: string;
  contexts?: { name: string; context?: { user?: string; cluster?: string } }[];
  users?: { name: string; user?: KubeUser }[];
  clusters?: { name: string; cluster?: KubeCluster }[];
}

/** The kubeconfig files kubectl would read: `$KUBECONFIG` (colon-separated) or ~/.kube/config. */
export function kubeconfigPaths(env: Record<string, string | undefined>): string[] {
  const list = (env.KUBECONFIG ?? "").split(":").filter(Boolean);
  if (list.length > 0) return list;
  return [join(env.HOME ?? homedir(), ".kube", "config")];
}

function readFile(path: string): RawFile | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new LoginError(`cannot read kubeconfig ${path}: ${(err as Error).message}`);
  }
  try {
    return (parse(text) ?? {}) as RawFile;
  } catch (err) {
    throw new LoginError(`kubeconfig ${path} is not valid YAML: ${(err as Error).message}`);
  }
}

/**
 * Merges the kubeconfig files as kubectl does (the first file to define a name or the current
 * context wins) and returns the chosen context's user and cluster.
 */
export function resolveContext(paths: string[], contextName?: string): ResolvedContext {
  let current: string | undefined;
  const contexts = new Map<string, { user?: string; cluster?: string }>();
  const users = new Map<string, Located<KubeUser>>();
  const clusters = new Map<string, Located<KubeCluster>>();
  let found = 0;
  for (const path of paths) {
    const file = readFile(path);
    if (!file) continue;
    found++;
    const dir = dirname(resolve(path));
    current ??= file["current-context"] || undefined;
    for (const c of file.contexts ?? []) if (!contexts.has(c.name)) contexts.set(c.name, c.context ?? {});
    for (const u of file.users ?? []) if (!users.has(u.name)) users.set(u.name, { name: u.name, value: u.user ?? {}, dir });
    for (const c of file.clusters ?? []) if (!clusters.has(c.name)) clusters.set(c.name, { name: c.name, value: c.cluster ?? {}, dir });
  }
  if (found === 0) throw new LoginError(`no kubeconfig found (looked in ${paths.join(", ")}); set KUBECONFIG or pass --kubeconfig`);
  const name = contextName ?? current;
  if (!name) throw new LoginError("the kubeconfig has no current context; pass --context <name>");
  const context = contexts.get(name);
  if (!context) throw new LoginError(`context "${name}" is not in the kubeconfig (known: ${[...contexts.keys()].join(", ") || "none"})`);
  const user = context.user ? users.get(context.user) : undefined;
  if (!user) throw new LoginError(`context "${name}" names user "${context.user ?? ""}", which the kubeconfig does not define`);
  const cluster = context.cluster ? clusters.get(context.cluster) : undefined;
  return { context: name, user, cluster };
}

/** A path from a kubeconfig: relative ones are relative to the file that named them. */
export function resolveFrom(dir: string, path: string): string {
  return isAbsolute(path) ? path : join(dir, path);
}
