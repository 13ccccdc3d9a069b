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
  /**
   * Compares the cache's stale flag with the last one announced on the feed and announces a flip.
   * Runs on a short poll; a stream calls it on connect so its first state and the feed agree.
   */
  syncStale(): boolean;
}

/** How often the cache's stale flag is compared with what the stream last announced. */
const STALE_POLL_MS = 500;

export function createDeploymentViews(options: DeploymentViewsOptions): DeploymentViews {
  const { cache, providers } = options;
  const index = new DeploymentIndex({ cache, providers, now: options.now });
  const lister = new DeploymentLister(index);
  const feed = new ChangeFeed(index, { capacity: options.feedCapacity });
  const now = options.now ?? Date.now;
  const interval = options.refreshIntervalMs ?? 30_000;
  let unsubscribe: (() => void) | undefined;
  let staleTimer: ReturnType<typeof setInterval> | undefined;
  let lastStale = cache.stale();
  let lastRefresh = now();
  // Not every informer announces its stale flips (nodes, events), so the flag is also polled.
  const checkStale = () => {
    const stale = cache.stale();
    if (stale !== lastStale) feed.publishStale(stale);
    lastStale = stale;
    return stale;
  };
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
        if (change.type === "resynced") checkStale();
      });
      staleTimer = setInterval(checkStale, STALE_POLL_MS);
      staleTimer.unref?.();
    },
    stop() {
      if (staleTimer) clearInterval(staleTimer);
      staleTimer = undefined;
      unsubscribe?.();
      unsubscribe = undefined;
      index.stop();
      feed.close();
    },
    syncStale: checkStale,
    refreshIfDue() {
      if (now() - lastRefresh < interval) return;
      lastRefresh = now();
      index.rebuild();
    },
  };
}
