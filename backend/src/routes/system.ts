import { contract } from "@kubeairunway/shared";
import type { Hono } from "hono";
import type { AppEnv } from "../types";
import { register } from "./register";

/** Health, version, identity and settings: what a UI asks before anything else. */
export function systemRoutes(app: Hono<AppEnv>): void {
  register(app, contract.health, () => ({ status: "ok" }));
  register(app, contract.version, ({ c }) => ({
    version: c.var.deps.version.version,
    commit: c.var.deps.version.commit,
    runtime: `bun ${Bun.version}`,
  }));
  register(app, contract.whoami, async ({ c }) => {
    const { config, access } = c.var.deps;
    if (config.authMode === "none") return { authMode: "none", authenticated: true, username: "kubeconfig user", groups: [] };
    const identity = await access.identify(c.req.raw, "public");
    if (identity.kind !== "user") return { authMode: "kubernetes", authenticated: false, groups: [] };
    return { authMode: "kubernetes", authenticated: true, username: identity.username, groups: identity.groups };
  });
  register(app, contract.settings, ({ c }) => {
    const { config, version } = c.var.deps;
    return {
      authMode: config.authMode,
      cluster: { context: config.kubeContext, inCluster: config.inCluster },
      version: version.version,
      allowAnonymousClusterReads: config.allowAnonymousClusterReads,
    };
  });
}
