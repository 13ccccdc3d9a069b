/**
 * @kubeairunway/sim — a simulated Kubernetes cluster speaking the real REST protocol.
 * `startSimCluster()` starts the store, the HTTP apiserver on 127.0.0.1, the controllers and the
 * seed, and writes a kubeconfig with one context per seeded identity.
 */

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type AuditEntry, AuditLog } from "./audit-log";
import { type FaultConfig, type FaultInput, Faults } from "./faults";
import { startSimServer } from "./http/server";
import { writeKubeconfig } from "./kubeconfig";
import { type SimTokens, TokenTable } from "./rbac/tokens";
import { loadRuntimeHooks, PodBackendRegistry, type RunningControllers } from "./runtime-hooks";
import { R } from "./store/builtins";
import { ObjectStore } from "./store/store";
import type { Actor, ControllerContext } from "./store/types";

export { R } from "./store/builtins";
export { ObjectStore } from "./store/store";
export type { AuditEntry, FaultConfig, FaultInput, SimTokens };

export interface StartSimClusterOptions {
  /** `empty` (default), `demo`, `scale:N` — the latter two need src/seeds. */
  seed?: string;
  /** Multiplies every simulated delay (0.01 in tests). Default 1. */
  speed?: number;
  faults?: FaultInput;
  /** Plain-http port; 0 (default) = a free port. */
  port?: number;
  /** HTTPS port used in the kubeconfig (kubectl sends tokens only over TLS); 0 (default) = a free port. */
  httpsPort?: number;
  /** Where to write the kubeconfig; default a fresh temp dir (removed on stop). */
  kubeconfigPath?: string;
  /** Store events kept for watch resume (older resourceVersions get 410). Default 25,000. */
  historySize?: number;
  /** `false` = apiserver only (no scheduler/kubelet/operators; seed must be "empty"). Default true. */
  controllers?: boolean;
}

export interface SimCluster {
  /** Plain http, for client-node/fetch with an explicit token. */
  url: string;
  /** https (self-signed; the kubeconfig points here with insecure-skip-tls-verify). */
  httpsUrl: string;
  kubeconfigPath: string;
  tokens: SimTokens;
  store: ObjectStore;
  audit: AuditLog;
  setFaults(faults: FaultInput): FaultConfig;
  stop(): Promise<void>;
}

/** Namespaces every cluster has before any seed runs. */
export const BASE_NAMESPACES = ["default", "kube-system", "kube-public", "kube-node-lease"];

const SYSTEM: Actor = { username: "system:apiserver", groups: ["system:masters", "system:authenticated"] };

/** A small deterministic PRNG (mulberry32) seeded from a string. */
export function seededRandom(seed: string): () => number {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Starts a simulated cluster. */
export async function startSimCluster(options: StartSimClusterOptions = {}): Promise<SimCluster> {
  const seed = options.seed ?? "empty";
  const speed = options.speed ?? 1;
  const hooks = options.controllers === false ? {} : await loadRuntimeHooks();
  if (seed !== "empty" && !hooks.applySeed) throw new Error(`seed "${seed}" needs the controllers and src/seeds/index.ts`);

  const audit = new AuditLog();
  let isHttpWrite = () => false;
  const store = new ObjectStore({
    speed,
    ...(options.historySize ? { historySize: options.historySize } : {}),
    onWrite: (w) => {
      if (isHttpWrite()) return;
      audit.record({
        time: new Date().toISOString(),
        user: w.actor.username,
        groups: w.actor.groups,
        verb: w.verb,
        apiGroup: w.resource.group,
        resource: w.resource.resource,
        ...(w.subresource ? { subresource: w.subresource } : {}),
        ...(w.namespace !== undefined ? { namespace: w.namespace } : {}),
        ...(w.name !== undefined ? { name: w.name } : {}),
        code: w.code,
        ...(w.dryRun ? { dryRun: true } : {}),
      });
    },
  });
  const tokens = new TokenTable();
  const podBackends = new PodBackendRegistry();
  const faults = new Faults(options.faults ?? {});
  const server = startSimServer({ store, tokens, podBackends, faults, audit, port: options.port ?? 0, httpsPort: options.httpsPort ?? 0 });
  isHttpWrite = () => server.api.inHttpWrite();

  let controllers: RunningControllers | undefined;
  let tempDir: string | undefined;
  try {
    for (const name of BASE_NAMESPACES) store.create(R.namespaces, { apiVersion: "v1", kind: "Namespace", metadata: { name } }, SYSTEM);
    const ctx: ControllerContext = { speed, random: seededRandom(seed) };
    controllers = await hooks.startControllers?.(store, podBackends, ctx);
    if (seed !== "empty") await hooks.applySeed?.(store, seed, ctx);
    let kubeconfigPath = options.kubeconfigPath;
    if (!kubeconfigPath) {
      tempDir = await mkdtemp(join(tmpdir(), "kubeairunway-sim-"));
      kubeconfigPath = join(tempDir, "kubeconfig");
    }
    await writeKubeconfig(kubeconfigPath, server.httpsUrl, server.url, tokens.tokens);
    const path = kubeconfigPath;
    return {
      url: server.url,
      httpsUrl: server.httpsUrl,
      kubeconfigPath: path,
      tokens: tokens.tokens,
      store,
      audit,
      setFaults: (f) => {
        const before = faults.current.forceGone;
        const config = faults.set(f);
        if (config.forceGone && !before) store.compactHistory();
        return config;
      },
      async stop() {
        await controllers?.stop();
        await server.stop();
        store.close();
        if (tempDir) await rm(tempDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await controllers?.stop();
    await server.stop();
    store.close();
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
    throw error;
  }
}
