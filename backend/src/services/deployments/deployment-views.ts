import type { ClusterCache } from "../../kube/types";
import { ChangeFeed } from "./change-feed";
import { DeploymentIndex, type ProviderRegistry } from "./deployment-index";
import { DeploymentLister } from "./deployment-lister";

export interface DeploymentViewsOptions {
  cache: ClusterCache;
  providers: ProviderRegistry;
  /** Re-summarize everything this often so time-based phases advance without a cluster change. */
  refreshIntervalMs?: number;
  /** Changes kept for Last-Event-ID resume. */
  feedCapacity?: number;
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
  start(): void;
  stop(): void;
}

export function createDeploymentViews(options: DeploymentViewsOptions): DeploymentViews {
  const { cache, providers } = options;
  const index = new DeploymentIndex({ cache, providers, now: options.now });
  const lister = new DeploymentLister(index);
  const feed = new ChangeFeed(index, { capacity: options.feedCapacity });
  let timer: ReturnType<typeof setInterval> | undefined;
  let unsubscribe: (() => void) | undefined;
  let lastStale = cache.stale();
  return {
    index,
    lister,
    feed,
    providers,
    cache,
    start() {
      if (timer) return;
      index.start();
      unsubscribe = cache.subscribe((change) => {
        if (change.type !== "resynced") return;
        const stale = cache.stale();
        if (stale !== lastStale) feed.publishStale(stale);
        lastStale = stale;
      });
      timer = setInterval(() => index.rebuild(), options.refreshIntervalMs ?? 30_000);
      timer.unref?.();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      unsubscribe?.();
      index.stop();
      feed.close();
    },
  };
}
