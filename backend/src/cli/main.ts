import { embeddedAssets, hasEmbeddedSpa } from "../http/embedded-assets";
import { main as serveBackend } from "../main";
import { buildVersion } from "../version";
import { expectOnly, type ParsedArgs, parseArgs, UsageError } from "./args";
import { LoginError } from "./kubeconfig";
import { login, openInBrowser } from "./login";

const USAGE = `kubeairunway — deploy and operate LLM inference on Kubernetes (KAITO, KubeRay, NVIDIA Dynamo)

Usage: kubeairunway [command] [flags]

Commands:
  serve     (default) Serve the web UI and API on http://127.0.0.1:3001, using the current kubeconfig
              --port <n>  --host <addr>  --kubeconfig <path>  --context <name>
              --auth-mode none|kubernetes   (default none: act with the kubeconfig's identity)
  login     Print a link that signs the web UI in with your kubeconfig credentials
              --url <backend>   (default http://127.0.0.1:3001)  --open  open it in the browser
              --kubeconfig <path>  --context <name>
            Supports static tokens, OIDC id-tokens and exec credential plugins (kubelogin,
            aws eks get-token, gke-gcloud-auth-plugin, ...). The token is never written to disk.
  version   Print the version
  health    Exit 0 when the backend at --url (default http://127.0.0.1:$PORT) reports healthy
  help      Show this help

Environment variables (PORT, HOST, AUTH_MODE, LOG_LEVEL, ...) are described in docs/operations.md.
`;

const VALUED = new Set(["port", "host", "kubeconfig", "context", "auth-mode", "url"]);

type Env = Record<string, string | undefined>;

/** Stamped into the binary by scripts/build-binary.sh (`--define`); undefined when run from source. */
const BUILD_COMMIT: string | undefined = process.env.KUBEAIRUNWAY_BUILD_COMMIT;

async function serve(args: ParsedArgs, env: Env): Promise<void> {
  expectOnly(args, ["port", "host", "kubeconfig", "context", "auth-mode"]);
  const overrides: Env = {
    PORT: args.flags.port,
    HOST: args.flags.host,
    KUBECONFIG: args.flags.kubeconfig,
    KUBE_CONTEXT: args.flags.context,
    AUTH_MODE: args.flags["auth-mode"],
  };
  const merged: Env = { ...env };
  for (const [key, value] of Object.entries(overrides)) if (value !== undefined) merged[key] = value;
  // In the compiled binary the SPA is embedded; from source, main() serves frontend/dist.
  const assets = hasEmbeddedSpa(Bun.embeddedFiles) ? embeddedAssets(Bun.embeddedFiles) : undefined;
  await serveBackend(merged, { assets });
}

async function runLogin(args: ParsedArgs, env: Env): Promise<void> {
  expectOnly(args, ["url", "kubeconfig", "context", "open"]);
  const result = await login({
    env,
    url: args.flags.url ?? "http://127.0.0.1:3001",
    context: args.flags.context,
    kubeconfig: args.flags.kubeconfig,
    stdinIsTerminal: Boolean(process.stdin.isTTY),
  });
  console.error(`Signed in as context "${result.context}" (${result.source} credentials). Open this link; it holds your token:`);
  console.log(result.link);
  if (args.switches.has("open") && !(await openInBrowser(result.link))) {
    console.error("could not open a browser; copy the link above");
  }
}

async function health(args: ParsedArgs, env: Env): Promise<number> {
  expectOnly(args, ["url"]);
  const url = args.flags.url ?? `http://127.0.0.1:${env.PORT ?? "3001"}`;
  try {
    const res = await fetch(`${url.replace(/\/+$/, "")}/api/health`, { signal: AbortSignal.timeout(3000) });
    return res.ok ? 0 : 1;
  } catch {
    return 1;
  }
}

/** Runs one CLI invocation; resolves the exit code (serve resolves once the server listens). */
export async function run(argv: string[], processEnv: Env = process.env): Promise<number> {
  const env: Env = BUILD_COMMIT && !processEnv.KUBEAIRUNWAY_COMMIT ? { ...processEnv, KUBEAIRUNWAY_COMMIT: BUILD_COMMIT } : processEnv;
  let args: ParsedArgs;
  try {
    args = parseArgs(argv, VALUED);
    if (args.switches.has("version")) args = { ...args, command: "version" };
    if (args.switches.has("help") || args.command === "help") {
      console.log(USAGE);
      return 0;
    }
    switch (args.command) {
      case "serve":
        await serve(args, env);
        return 0;
      case "login":
        await runLogin(args, env);
        return 0;
      case "version": {
        const { version, commit } = buildVersion(env);
        console.log(`kubeairunway ${version} (${commit})`);
        return 0;
      }
      case "health":
        return await health(args, env);
      default:
        throw new UsageError(`unknown command "${args.command}"`);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`error: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    if (err instanceof LoginError) {
      console.error(`login failed: ${err.message}`);
      return 1;
    }
    throw err;
  }
}

if (import.meta.main) {
  const code = await run(process.argv.slice(2));
  if (code !== 0) process.exit(code);
}
