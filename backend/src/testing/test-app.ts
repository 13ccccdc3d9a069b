import { createApiClient } from "@kubeairunway/shared";
import { KubeConfig } from "@kubernetes/client-node";
import { createApp } from "../app";
import { loadConfig } from "../config";
import { type ClusterDepsOptions, createClusterDeps } from "../kube/cluster-deps";
import { kubeAccessFrom } from "../kube/kube-access";
import type { KubeAccess } from "../kube/types";
import { createLogger } from "../logger";
import type { AppDeps } from "../types";

/**
 * A KubeAccess whose server refuses connections: for tests of routes that must not touch a
 * cluster. Anything that does reach it fails with a typed upstream error, never silently.
 */
export function offlineKube(): KubeAccess {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: "offline", server: "http://127.0.0.1:9", skipTLSVerify: true }],
    users: [{ name: "offline", token: "offline" }],
    contexts: [{ name: "offline", cluster: "offline", user: "offline" }],
    currentContext: "offline",
  });
  return kubeAccessFrom(kc);
}

/** KubeAccess for one context of a kubeconfig file (the sim writes one per seeded user). */
export function kubeFromFile(path: string, context?: string): KubeAccess {
  const kc = new KubeConfig();
  kc.loadFromFile(path);
  if (context) kc.setCurrentContext(context);
  return kubeAccessFrom(kc);
}

export interface TestAppOptions {
  /** Cluster to talk to (default: offline). Informers are not started unless `startCache`. */
  kube?: KubeAccess;
  startCache?: boolean;
  cache?: ClusterDepsOptions["cache"];
}

/** An app wired with test defaults, its log lines, and a contract client bound to it in-process. */
export function testApp(overrides: Partial<AppDeps> = {}, env: Record<string, string> = {}, options: TestAppOptions = {}) {
  const logLines: string[] = [];
  const config = loadConfig({ NODE_ENV: "test", ...env });
  const logger = createLogger({ level: "debug", format: "json", write: (l) => logLines.push(l) });
  const cluster = createClusterDeps({ config, logger, kube: options.kube ?? offlineKube(), cache: options.cache });
  const deps: AppDeps = {
    config,
    logger,
    ...cluster,
    clock: () => new Date("2026-01-01T00:00:00Z"),
    version: { version: "0.0.0-test", commit: "test" },
    ...overrides,
  };
  if (options.startCache) deps.cache.start();
  const app = createApp(deps);
  const client = createApiClient({ baseUrl: "http://backend.test", fetch: async (url, init) => app.request(url, init) });
  /** Stops the informers; call in afterAll/afterEach. */
  const stop = () => deps.cache.stop();
  return { app, client, deps, logLines, stop };
}
