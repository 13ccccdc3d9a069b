import pkg from "../package.json" with { type: "json" };

/** Version of this build; the commit is stamped by CI/release builds through the environment. */
export function buildVersion(env: Record<string, string | undefined>): { version: string; commit: string } {
  return { version: pkg.version, commit: env.KUBEAIRUNWAY_COMMIT ?? "dev" };
}
