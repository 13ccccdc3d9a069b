/**
 * The seam between the apiserver half of the sim (store + HTTP) and the simulated cluster half
 * (controllers in `./controllers`, seeds in `./seeds`). `startSimCluster` calls, when present:
 *
 * - `startControllers(store, podBackends, ctx)` exported by `src/controllers/index.ts`
 * - `applySeed(store, seed, ctx)` exported by `src/seeds/index.ts`
 *
 * They are loaded by path at runtime so the apiserver works (seed "empty" only) before those
 * modules exist. Before either runs, the store already holds the namespaces every cluster has
 * (`default`, `kube-system`, `kube-public`, `kube-node-lease`; see BASE_NAMESPACES in index.ts):
 * a seed must not create them again (it would get 409 AlreadyExists).
 */

import type { ObjectStore } from "./store/store";
import type { ControllerContext, PodBackend } from "./store/types";

/**
 * Where the kubelet simulation registers the PodBackend the HTTP layer uses for `pods/log` and the
 * pod/service proxies. Empty = every log/proxy request is answered like a node without a kubelet.
 */
export class PodBackendRegistry {
  private backend: PodBackend | undefined;

  /** Installs (or, with `undefined`, removes) the backend. */
  set(backend: PodBackend | undefined): void {
    this.backend = backend;
  }

  get(): PodBackend | undefined {
    return this.backend;
  }
}

/** What `startControllers` returns. */
export interface RunningControllers {
  stop(): void | Promise<void>;
}

export type StartControllers = (
  store: ObjectStore,
  podBackends: PodBackendRegistry,
  ctx: ControllerContext,
) => RunningControllers | Promise<RunningControllers>;

export type ApplySeed = (store: ObjectStore, seed: string, ctx: ControllerContext) => void | Promise<void>;

export interface RuntimeHooks {
  startControllers?: StartControllers;
  applySeed?: ApplySeed;
}

async function importIfPresent<T>(path: string, exportName: string): Promise<T | undefined> {
  const url = new URL(path, import.meta.url);
  if (!(await Bun.file(url).exists())) return undefined;
  const module = (await import(url.href)) as Record<string, unknown>;
  return module[exportName] as T | undefined;
}

/** Loads the controller and seed entry points if those modules exist. */
export async function loadRuntimeHooks(): Promise<RuntimeHooks> {
  const startControllers = await importIfPresent<StartControllers>("./controllers/index.ts", "startControllers");
  const applySeed = await importIfPresent<ApplySeed>("./seeds/index.ts", "applySeed");
  return { ...(startControllers ? { startControllers } : {}), ...(applySeed ? { applySeed } : {}) };
}
