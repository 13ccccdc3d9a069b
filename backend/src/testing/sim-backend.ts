import { type FaultInput, R, type SimCluster, startSimCluster } from "@kubeairunway/sim";
import { registerNode } from "@kubeairunway/sim/controllers/gpu-nodes";
import { installRuntimeCrds } from "@kubeairunway/sim/seeds/crds";
import { operatorDeployment } from "@kubeairunway/sim/seeds/operators";
import type { AppDeps } from "../types";
import { kubeFromFile, testApp } from "./test-app";

const ADMIN = { username: "system:admin", groups: ["system:masters", "system:authenticated"] };

export interface SimBackendOptions {
  /** Simulated delays multiplier; tiny so pods become ready in milliseconds. */
  speed?: number;
  authMode?: "none" | "kubernetes";
  /** H100 nodes with 8 GPUs each (default 4). */
  gpuNodes?: number;
  faults?: FaultInput;
  /** Runtimes whose CRDs and operators are installed (default all three). */
  runtimes?: ("kaito" | "kuberay" | "dynamo")[];
  /** `/api/stream` keep-alive interval. */
  heartbeatMs?: number;
}

export interface SimBackend {
  sim: SimCluster;
  deps: AppDeps;
  /** Base URL of the backend, served over real HTTP on 127.0.0.1. */
  url: string;
  /** fetch against the backend; `token` becomes `Authorization: Bearer`. */
  call(path: string, init?: { method?: string; body?: unknown; token?: string; headers?: Record<string, string> }): Promise<Response>;
  stop(): Promise<void>;
}

/**
 * A sim with the three runtimes installed (CRDs + operator Deployments), CPU and GPU nodes and the
 * namespaces team-a/team-b, and a backend served over HTTP whose informers watch it. In
 * `kubernetes` auth mode the backend runs as its ServiceAccount; in `none` as the admin context.
 */
export async function startSimBackend(options: SimBackendOptions = {}): Promise<SimBackend> {
  const sim = await startSimCluster({ speed: options.speed ?? 0.01, faults: options.faults });
  const { store } = sim;
  for (const name of ["team-a", "team-b", "kaito-workspace", "kuberay-system", "dynamo-system"]) {
    store.create(R.namespaces, { apiVersion: "v1", kind: "Namespace", metadata: { name } }, ADMIN);
  }
  const runtimes = options.runtimes ?? ["kaito", "kuberay", "dynamo"];
  await installRuntimeCrds(store, runtimes, ADMIN);
  for (let i = 0; i < 2; i++) registerNode(store, { name: `cpu-${i}`, instanceType: "Standard_D16s_v5", cpu: 16, memoryGiB: 64 }, i, ADMIN);
  for (let i = 0; i < (options.gpuNodes ?? 4); i++) {
    registerNode(
      store,
      { name: `gpu-h100-${i}`, instanceType: "Standard_ND96isr_H100_v5", cpu: 96, memoryGiB: 1900, gpu: { model: "h100-80gb", count: 8 } },
      i,
      ADMIN,
    );
  }
  for (const runtime of runtimes) store.create(R.deployments, operatorDeployment(runtime), ADMIN);

  const authMode = options.authMode ?? "none";
  const kube = kubeFromFile(sim.kubeconfigPath, authMode === "kubernetes" ? "kubeairunway" : "admin");
  const { app, deps, stop } = testApp(
    {},
    { AUTH_MODE: authMode },
    { kube, startCache: true, cache: { watchTimeoutSeconds: 5, installRecheckMs: 200 } },
  );
  if (options.heartbeatMs) deps.deployments.settings.heartbeatMs = options.heartbeatMs;
  const server = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: app.fetch, idleTimeout: 0 });
  const url = `http://127.0.0.1:${server.port}`;
  if (!(await deps.cache.waitForSync(15_000))) throw new Error("the backend's cache did not sync with the sim in 15 s");
  return {
    sim,
    deps,
    url,
    call(path, init = {}) {
      const headers: Record<string, string> = { ...init.headers };
      if (init.token) headers.Authorization = `Bearer ${init.token}`;
      if (init.body !== undefined) headers["Content-Type"] = "application/json";
      const body = init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body);
      return fetch(`${url}${path}`, { method: init.method ?? "GET", headers, body });
    },
    async stop() {
      stop();
      deps.deployments.stop();
      await server.stop(true);
      await sim.stop();
    },
  };
}

/** Polls `check` until it returns a value (not undefined) or `timeoutMs` passes. */
export async function waitFor<T>(check: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000, what = "condition"): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ""}`);
}
