import type { AccessControl, Permissions } from "./auth/identity";
import type { Config } from "./config";
import type { StaticAssets } from "./http/static-assets";
import type { ClusterCache, KubeAccess } from "./kube/types";
import type { Logger } from "./logger";
import type { RuntimeDetector } from "./providers/runtime-detection";
import type { DeploymentViews } from "./services/deployments/deployment-views";

/** Everything a request handler may use; passed to createApp, reached as `c.var.deps`. */
export interface AppDeps {
  config: Config;
  logger: Logger;
  access: AccessControl;
  /** Clients as the backend (`asBackend()`) or as the caller (`forUser(token)`); see clientsForIdentity. */
  kube: KubeAccess;
  /** Informer mirror of runtime CRs, their pods, nodes and events: list routes read this, never LIST. */
  cache: ClusterCache;
  /** SubjectAccessReview checks (cached) to filter cache reads per user. */
  permissions: Permissions;
  /** Precomputed deployment summaries, cached list bodies and the change feed behind /api/stream. */
  deployments: DeploymentViews;
  /** Runtime install detection (CRD served, operator available, versions). */
  runtimes: RuntimeDetector;
  clock: () => Date;
  version: { version: string; commit: string };
  /** The built SPA; absent when only the API is served (tests, `make dev`). */
  assets?: StaticAssets;
}

export type AppEnv = { Variables: { deps: AppDeps; requestId: string } };
