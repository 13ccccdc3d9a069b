/**
 * Test helpers: a sim cluster plus @kubernetes/client-node clients per seeded identity, talking
 * to the plain-http endpoint (client-node under Bun cannot use the self-signed https one).
 */

import { CoreV1Api, CustomObjectsApi, KubeConfig, KubernetesObjectApi } from "@kubernetes/client-node";
import { type SimCluster, type SimTokens, type StartSimClusterOptions, startSimCluster } from "../index";

export type Identity = keyof SimTokens;

export interface TestCluster {
  cluster: SimCluster;
  kc(user?: Identity): KubeConfig;
  core(user?: Identity): CoreV1Api;
  custom(user?: Identity): CustomObjectsApi;
  objects(user?: Identity): KubernetesObjectApi;
  /** Raw HTTP as `user` (undefined = no token). */
  request(user: Identity | undefined, path: string, init?: RequestInit): Promise<Response>;
  stop(): Promise<void>;
}

/** A KubeConfig for `url` with `token`. */
export function kubeConfigFor(url: string, token: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: "sim", server: url, skipTLSVerify: true }],
    users: [{ name: "user", token }],
    contexts: [{ name: "ctx", cluster: "sim", user: "user", namespace: "default" }],
    currentContext: "ctx",
  });
  return kc;
}

export async function startTestCluster(options: StartSimClusterOptions = {}): Promise<TestCluster> {
  const cluster = await startSimCluster({ speed: 0.01, ...options });
  const kc = (user: Identity = "admin") => kubeConfigFor(cluster.url, cluster.tokens[user]);
  return {
    cluster,
    kc,
    core: (user) => kc(user).makeApiClient(CoreV1Api),
    custom: (user) => kc(user).makeApiClient(CustomObjectsApi),
    objects: (user) => KubernetesObjectApi.makeApiClient(kc(user)),
    request(user, path, init = {}) {
      const headers = new Headers(init.headers);
      if (user) headers.set("Authorization", `Bearer ${cluster.tokens[user]}`);
      return fetch(`${cluster.url}${path}`, { ...init, headers });
    },
    stop: () => cluster.stop(),
  };
}

/** The HTTP status of a client-node ApiException (or undefined when `fn` succeeds). */
export async function statusOf(fn: () => Promise<unknown>): Promise<{ code: number; body: Record<string, unknown> } | undefined> {
  try {
    await fn();
    return undefined;
  } catch (error) {
    const e = error as { code?: number; body?: unknown };
    if (typeof e.code !== "number") throw error;
    const body =
      typeof e.body === "string" ? (JSON.parse(e.body || "{}") as Record<string, unknown>) : ((e.body ?? {}) as Record<string, unknown>);
    return { code: e.code, body };
  }
}

/** Polls `check` until it returns a truthy value or `timeoutMs` passes. */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}
