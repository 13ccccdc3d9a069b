import { contract } from "@kubeairunway/shared";
import type { Hono } from "hono";
import { createMetricsService, type MetricsService } from "../services/metrics/metrics-service";
import { proxyPath } from "../services/metrics/scrape-targets";
import type { AppDeps, AppEnv } from "../types";
import { register } from "./register";

/** The metrics service over the cache (to find pods) and the backend's clients (to scrape them). */
function metricsServiceFor(deps: AppDeps): MetricsService {
  return createMetricsService({
    now: () => deps.clock().getTime(),
    locate(namespace, name) {
      const found = deps.cache.deployment(namespace, name);
      return found ? { runtime: found.runtime, pods: deps.cache.podsOf(found.runtime, namespace, name) } : undefined;
    },
    async fetchText(target, signal) {
      // As the backend: the route is cluster-level, and pods/proxy is in the backend's RBAC.
      const response = await deps.kube.asBackend().stream({ path: proxyPath(target), signal });
      return response.text();
    },
  });
}

/** Engine metrics of one deployment, scraped on request through the apiserver pod proxy (runtimes.md §7). */
export function metricsRoutes(app: Hono<AppEnv>): void {
  // One service (and its per-deployment history) per app; built on first use.
  let service: MetricsService | undefined;
  register(app, contract.deploymentMetrics, ({ params, c }) => {
    service ??= metricsServiceFor(c.var.deps);
    return service.get(params.namespace, params.name);
  });
}
