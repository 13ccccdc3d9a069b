import { type ProviderDescriptor, providers, type RuntimeId } from "@kubeairunway/shared";
import type { AccessControl, Permissions } from "../auth/identity";
import { kubernetesAccess } from "../auth/kubernetes-access";
import { localAccess } from "../auth/local-access";
import { createPermissions } from "../auth/permissions";
import { createTokenReviewer } from "../auth/token-review";
import type { Config } from "../config";
import type { Logger } from "../logger";
import { providerDescriptors } from "../providers/descriptors";
import { createRuntimeDetector, type RuntimeDetector } from "../providers/runtime-detection";
import { createDeploymentViews, type DeploymentViews } from "../services/deployments/deployment-views";
import { type ClusterCacheOptions, createClusterCache } from "./cluster-cache";
import type { ClusterCache, KubeAccess } from "./types";

/** The cluster-facing part of AppDeps. */
export interface ClusterDeps {
  kube: KubeAccess;
  cache: ClusterCache;
  permissions: Permissions;
  runtimes: RuntimeDetector;
  access: AccessControl;
  deployments: DeploymentViews;
}

export interface ClusterDepsOptions {
  config: Pick<Config, "authMode" | "allowAnonymousClusterReads">;
  logger: Logger;
  kube: KubeAccess;
  descriptors?: Record<RuntimeId, ProviderDescriptor>;
  /** Informer tuning (tests shorten the watch and install re-check intervals). */
  cache?: Pick<ClusterCacheOptions, "watchTimeoutSeconds" | "installRecheckMs" | "maxEvents">;
}

/**
 * Builds the cache, permission checks, runtime detection and the access policy over one KubeAccess.
 * Does not start the informers: the caller decides when (main starts them before listening).
 */
export function createClusterDeps(options: ClusterDepsOptions): ClusterDeps {
  const { config, logger, kube } = options;
  const descriptors = options.descriptors ?? providerDescriptors;
  const backend = () => kube.asBackend();
  const cache = createClusterCache({
    clients: kube.asBackend(),
    logger: logger.child({ component: "cache" }),
    descriptors,
    ...options.cache,
  });
  const runtimes = createRuntimeDetector({ backend, descriptors });
  // A CRD appearing or vanishing flips an informer's installed flag; detection must not lag it.
  cache.subscribe((change) => {
    if (change.type === "resynced") runtimes.invalidate();
  });
  const access =
    config.authMode === "kubernetes"
      ? kubernetesAccess({ reviewer: createTokenReviewer({ backend }), allowAnonymousClusterReads: config.allowAnonymousClusterReads })
      : localAccess();
  // Follows the cache from now on; it holds summaries as soon as the informers deliver objects.
  const deployments = createDeploymentViews({ cache, providers });
  deployments.start();
  return { kube, cache, permissions: createPermissions({ backend }), runtimes, access, deployments };
}
