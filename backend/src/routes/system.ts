import { contract } from "@kubeairunway/shared";
import type { Hono } from "hono";
import type { KubeClients } from "../kube/types";
import type { AppEnv } from "../types";
import { register } from "./register";

/** The kubeconfig identity's name, via SelfSubjectReview; undefined when the cluster cannot say. */
async function selfName(clients: KubeClients): Promise<{ username: string; groups: string[] } | undefined> {
  try {
    const review = await clients.request<{ status?: { userInfo?: { username?: string; groups?: string[] } } }>({
      method: "POST",
      path: "/apis/authentication.k8s.io/v1/selfsubjectreviews",
      body: { apiVersion: "authentication.k8s.io/v1", kind: "SelfSubjectReview" },
    });
    const info = review?.status?.userInfo;
    return info?.username ? { username: info.username, groups: info.groups ?? [] } : undefined;
  } catch {
    return undefined;
  }
}

/** Health, readiness, version, identity and settings: what a UI or a probe asks before anything else. */
export function systemRoutes(app: Hono<AppEnv>): void {
  register(app, contract.health, () => ({ status: "ok" }));
  // Ready only once every informer has listed at least once (a runtime whose CRD is absent counts
  // as synced: "not installed" is a known state). 503 until then, so a readiness probe holds traffic.
  register(app, contract.ready, ({ c }) => {
    const { cache } = c.var.deps;
    const caches = Object.fromEntries(cache.statuses().map((s) => [s.name, s.synced]));
    const ready = cache.ready();
    return c.json({ ready, caches }, ready ? 200 : 503);
  });
  register(app, contract.version, ({ c }) => ({
    version: c.var.deps.version.version,
    commit: c.var.deps.version.commit,
    runtime: `bun ${Bun.version}`,
  }));
  register(app, contract.whoami, async ({ c, identity }) => {
    const { config, kube } = c.var.deps;
    if (config.authMode === "none") {
      const self = await selfName(kube.asBackend());
      return { authMode: "none", authenticated: true, username: self?.username ?? "kubeconfig user", groups: self?.groups ?? [] };
    }
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
