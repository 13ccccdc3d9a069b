/**
 * The sim's own control endpoints (cluster-admin only, via the non-resource RBAC rules):
 * GET /sim/v1/audit, GET|POST /sim/v1/faults, POST /sim/v1/faults/drop-watches.
 */

import { FaultConfigError } from "../faults";
import { forbiddenMessage } from "../rbac/authorizer";
import { badRequest, forbidden, StatusError } from "../store/errors";
import { readBody } from "./body";
import type { RequestContext } from "./context";
import { json } from "./status";

export async function handleSimApi(ctx: RequestContext): Promise<Response> {
  const path = ctx.url.pathname.replace(/\/$/, "");
  const verb = ctx.req.method === "GET" ? "get" : ctx.req.method === "POST" ? "create" : ctx.req.method.toLowerCase();
  const attrs = { verb, path };
  if (!ctx.api.authorizer.authorize(ctx.user, attrs).allowed) throw forbidden(forbiddenMessage(ctx.user, attrs));
  const { audit, faults, store } = ctx.api;
  if (path === "/sim/v1/audit" && verb === "get") {
    const q = ctx.url.searchParams;
    const limit = q.get("limit");
    const items = audit.query({
      ...(q.get("user") ? { user: q.get("user") as string } : {}),
      ...(q.get("verb") ? { verb: q.get("verb") as string } : {}),
      ...(q.get("resource") ? { resource: q.get("resource") as string } : {}),
      ...(q.get("namespace") ? { namespace: q.get("namespace") as string } : {}),
      ...(limit ? { limit: Number(limit) } : {}),
    });
    return json({ items });
  }
  if (path === "/sim/v1/faults") {
    if (verb === "get") return json(faults.current);
    if (verb === "create") {
      try {
        const before = faults.current.forceGone;
        const config = faults.set(await readBody(ctx.req));
        if (config.forceGone && !before) store.compactHistory();
        return json(config);
      } catch (error) {
        if (error instanceof FaultConfigError) throw badRequest(`invalid fault settings: ${error.message}`);
        throw error;
      }
    }
  }
  if (path === "/sim/v1/faults/drop-watches" && verb === "create") return json({ dropped: faults.dropAllWatches() });
  throw new StatusError({ message: "the server could not find the requested resource", reason: "NotFound", code: 404 });
}
