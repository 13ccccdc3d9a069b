import { contract, type RuntimeId } from "@kubeairunway/shared";
import { toYaml } from "@kubeairunway/shared/providers/yaml";
import type { Hono } from "hono";
import { ForbiddenError } from "../errors";
import { clientsForIdentity } from "../kube/kube-access";
import { createDeployment, validateOrThrow } from "../services/deployments/create-deployment";
import { deleteDeployment } from "../services/deployments/delete-deployment";
import { deploymentDetail, locate } from "../services/deployments/deployment-details";
import type { ListMeta } from "../services/deployments/deployment-lister";
import type { DeploymentViews } from "../services/deployments/deployment-views";
import { visibilityFor } from "../services/deployments/visibility";
import type { AppEnv } from "../types";
import { register } from "./register";

/** Bodies smaller than this are sent as they are: compressing them saves less than it costs. */
const GZIP_OVER_BYTES = 16 * 1024;

/** Stale flag, uninstalled runtimes and failing informers: what a list reports besides its items. */
function listMeta(views: DeploymentViews): ListMeta {
  const errors = views.cache
    .statuses()
    .filter((s) => s.installed && s.lastError)
    .map((s) => ({ source: s.name, code: "upstream_unavailable", message: s.lastError ?? "" }));
  return { stale: views.cache.stale(), notInstalled: views.cache.notInstalled(), errors };
}

/** List, read, render, create and delete deployments (design.md §3–§5). */
export function deploymentRoutes(app: Hono<AppEnv>): void {
  register(app, contract.renderDeployment, ({ body, c }) => {
    const provider = c.var.deps.deployments.providers[body.runtime];
    const warnings = validateOrThrow(provider, body);
    const manifests = provider.toManifests(body);
    return { manifests, yaml: toYaml(manifests), warnings };
  });

  register(app, contract.listDeployments, async ({ query, identity, c }) => {
    const { deployments: views, permissions } = c.var.deps;
    const { limit, continue: token, ...filter } = query;
    // A namespace filter asks about that namespace alone, so an empty namespace one may read lists
    // as empty rather than forbidden.
    const namespaces = (runtime: RuntimeId) => (filter.namespace ? [filter.namespace] : views.index.namespaces(runtime));
    const visibility = await visibilityFor(identity, { permissions, providers: views.providers, namespaces });
    const namespace = filter.namespace;
    if (namespace && Object.values(visibility).every((v) => v !== "all" && !v.has(namespace))) {
      const who = identity.kind === "user" ? `User "${identity.username}"` : "the caller";
      throw new ForbiddenError(`deployments in namespace "${namespace}" are forbidden: ${who} cannot list them`);
    }
    views.refreshIfDue();
    const body = views.lister.listJson({ filter, limit, continue: token }, visibility, listMeta(views));
    const headers = { "Content-Type": "application/json; charset=UTF-8", Vary: "Accept-Encoding" };
    // Large lists go compressed (made once per cached body): a tenth of the bytes on every request.
    if (body.json.byteLength > GZIP_OVER_BYTES && /\bgzip\b/.test(c.req.header("accept-encoding") ?? "")) {
      return c.body(body.gzip(), 200, { ...headers, "Content-Encoding": "gzip" });
    }
    return c.body(body.json, 200, headers);
  });

  register(app, contract.getDeployment, async ({ params, identity, c }) => {
    const { deployments: views, permissions, clock } = c.var.deps;
    const located = await locate(views, permissions, identity, params.namespace, params.name);
    return deploymentDetail(views, located, clock().getTime());
  });

  register(app, contract.createDeployment, async ({ body, identity, c }) => {
    const { deployments: views, kube } = c.var.deps;
    const clients = clientsForIdentity(kube, identity);
    const outcome = await createDeployment(clients, views.providers[body.runtime], body, views.cache.notInstalled());
    return c.json(outcome, outcome.created ? 201 : 200);
  });

  register(app, contract.deleteDeployment, async ({ params, identity, c }) => {
    const { deployments: views, kube } = c.var.deps;
    const clients = clientsForIdentity(kube, identity);
    const known = views.cache.deployment(params.namespace, params.name)?.runtime;
    const notInstalled = new Set(views.cache.notInstalled());
    const installed = (Object.keys(views.providers) as RuntimeId[]).filter((r) => !notInstalled.has(r));
    await deleteDeployment(clients, views.providers, { ...params, runtime: known }, installed);
    return { name: params.name, namespace: params.namespace, deleted: true as const };
  });
}
