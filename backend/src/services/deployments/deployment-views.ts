import type { ClusterCache } from "../../kube/types";
import { ChangeFeed } from "./change-feed";
import { DeploymentIndex, type ProviderRegistry } from "./deployment-index";
import { DeploymentLister } from "./deployment-lister";

export interface DeploymentViewsOptions {
  cache: ClusterCache;
  providers: ProviderRegistry;
  /** Re-summarize everything at most this often so time-based phases advance without a cluster change. */
  refreshIntervalMs?: number;
  /** Changes kept for Last-Event-ID resume. */
  feedCapacity?: number;
  /** Interval of `/api/stream` keep-alive comments (default 15 s). */
  heartbeatMs?: number;
  now?: () => number;
}

/**
 * The read side of the deployments API, built once per process from the cluster cache:
 * precomputed summaries (index), cached list bodies (lister) and numbered changes (feed).
 */
export interface DeploymentViews {
  readonly index: DeploymentIndex;
  readonly lister: DeploymentLister;
  readonly feed: ChangeFeed;
  readonly providers: ProviderRegistry;
  readonly cache: ClusterCache;
  /** Stream tuning; tests shorten the heartbeat. */
  readonly settings: { heartbeatMs: number };
  /** Follows the cache (idempotent). Nothing runs on a timer: see `refreshIfDue`. */
  start(): void;
  stop(): void;
  /**
   * Re-summarizes everything when the last full pass is older than the refresh interval, so
   * time-based phases ("failing for five minutes") advance. Called by readers (list requests,
   * connected streams), so an idle backend does no work.
   */
  refreshIfDue(): void;
}

export function createDeploymentViews(options: DeploymentViewsOptions): DeploymentViews {
  const { cache, providers } = options;
  const index = new DeploymentIndex({ cache, providers, now: options.now });
  const lister = new DeploymentLister(index);
  const feed = new ChangeFeed(index, { capacity: options.feedCapacity });
  const now = options.now ?? Date.now;
  const interval = options.refreshIntervalMs ?? 30_000;
  let unsubscribe: (() => void) | undefined;
  let lastStale = cache.stale();
  let lastRefresh = now();
  return {
    index,
    lister,
    feed,
    providers,
    cache,
    settings: { heartbeatMs: options.heartbeatMs ?? 15_000 },
    start() {
      if (unsubscribe) return;
      index.start();
      unsubscribe = cache.subscribe((change) => {
        if (change.type !== "resynced") return;
        const stale = cache.stale();
        if (stale !== lastStale) feed.publishStale(stale);
        lastStale = stale;
      });
    },
    stop() {
      unsubscribe?.();
      unsubscribe = undefined;
      index.stop();
      feed.close();
    },
    refreshIfDue() {
      if (now() - lastRefresh < interval) return;
      lastRefresh = now();
      index.rebuild();
    },
  };
}
