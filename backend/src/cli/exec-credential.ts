import type { ExecConfig, KubeCluster, Located } from "./kubeconfig";
import { LoginError, resolveFrom } from "./kubeconfig";

const SUPPORTED = ["client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1"];

export interface ExecOptions {
  /** Folder of the kubeconfig that defined the plugin: a relative command path resolves against it. */
  dir: string;
  cluster?: Located<KubeCluster>;
  env: Record<string, string | undefined>;
  /** Whether a person is at the terminal (stdin is a TTY): decides interactive mode. */
  stdinIsTerminal: boolean;
}

/** The cluster block of KUBERNETES_EXEC_INFO (sent only when the plugin asks for it). */
function clusterInfo(cluster: KubeCluster | undefined) {
  if (!cluster) return undefined;
  const config = cluster.extensions?.find((e) => e.name === "client.authentication.k8s.io/exec")?.extension;
  return {
    server: cluster.server,
    "certificate-authority-data": cluster["certificate-authority-data"],
    "tls-server-name": cluster["tls-server-name"],
    "insecure-skip-tls-verify": cluster["insecure-skip-tls-verify"],
    "proxy-url": cluster["proxy-url"],
    ...(config === undefined ? {} : { config }),
  };
}

function interactive(exec: ExecConfig, apiVersion: string, stdinIsTerminal: boolean): boolean {
  const mode = exec.interactiveMode ?? (apiVersion.endsWith("/v1beta1") ? "IfAvailable" : undefined);
  if (mode === undefined) throw new LoginError("exec plugin config (client.authentication.k8s.io/v1) must set interactiveMode");
  if (mode === "Never") return false;
  if (mode === "Always" && !stdinIsTerminal) {
    throw new LoginError(`exec plugin "${exec.command}" needs an interactive terminal (interactiveMode: Always)`);
  }
  return stdinIsTerminal;
}

/**
 * Runs a kubeconfig exec credential plugin the way kubectl does (kubelogin, aws eks get-token,
 * gke-gcloud-auth-plugin, …): the exec stanza's env on top of ours, `KUBERNETES_EXEC_INFO` with the
 * ExecCredential request, stdin handed over only in interactive mode, stderr shown to the user,
 * and the token read from the ExecCredential printed on stdout. Nothing is written to disk.
 */
export async function runExecPlugin(exec: ExecConfig, options: ExecOptions): Promise<string> {
  const apiVersion = exec.apiVersion ?? "";
  if (!SUPPORTED.includes(apiVersion)) {
    throw new LoginError(`exec plugin apiVersion "${apiVersion}" is not supported (use ${SUPPORTED.join(" or ")})`);
  }
  if (!exec.command) throw new LoginError("exec plugin config has no command");
  const isInteractive = interactive(exec, apiVersion, options.stdinIsTerminal);
  const command = exec.command.includes("/") ? resolveFrom(options.dir, exec.command) : exec.command;
  const request = {
    apiVersion,
    kind: "ExecCredential",
    spec: { interactive: isInteractive, ...(exec.provideClusterInfo ? { cluster: clusterInfo(options.cluster?.value) } : {}) },
  };
  const env: Record<string, string | undefined> = { ...options.env, KUBERNETES_EXEC_INFO: JSON.stringify(request) };
  for (const entry of exec.env ?? []) env[entry.name] = entry.value;

  let proc: ReturnType<typeof Bun.spawn>;
  try {
    proc = Bun.spawn([command, ...(exec.args ?? [])], {
      env,
      stdin: isInteractive ? "inherit" : "ignore",
      stdout: "pipe",
      stderr: "inherit",
    });
  } catch (err) {
    const hint = exec.installHint ? `\n${exec.installHint}` : "";
    throw new LoginError(`cannot run exec plugin "${command}": ${(err as Error).message}${hint}`);
  }
  const [stdout, code] = await Promise.all([new Response(proc.stdout as ReadableStream).text(), proc.exited]);
  if (code !== 0) throw new LoginError(`exec plugin "${command}" exited with code ${code}`);
  return tokenFromExecCredential(stdout, apiVersion, command);
}

/** Reads status.token from a plugin's ExecCredential output, with errors that name the problem. */
export function tokenFromExecCredential(stdout: string, apiVersion: string, command: string): string {
  let credential: { apiVersion?: string; kind?: string; status?: { token?: string; clientCertificateData?: string } };
  try {
    credential = JSON.parse(stdout);
  } catch {
    throw new LoginError(`exec plugin "${command}" did not print an ExecCredential (stdout is not JSON)`);
  }
  if (credential.kind !== "ExecCredential" || credential.apiVersion !== apiVersion) {
    throw new LoginError(
      `exec plugin "${command}" printed ${credential.kind ?? "?"} ${credential.apiVersion ?? "?"}, expected ExecCredential ${apiVersion}`,
    );
  }
  const token = credential.status?.token;
  if (token) return token;
  if (credential.status?.clientCertificateData) {
    throw new LoginError(`exec plugin "${command}" returned a client certificate, which a browser cannot present; use a token-based login`);
  }
  throw new LoginError(`exec plugin "${command}" returned no status.token`);
}
