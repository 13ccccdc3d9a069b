import { contract, type DeploymentEvent, type RuntimeId } from "@kubeairunway/shared";
import type { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import type { Identity, Permissions } from "../auth/identity";
import { toAppError } from "../kube/errors";
import type { FeedEntry } from "../services/deployments/change-feed";
import type { DeploymentViews } from "../services/deployments/deployment-views";
import type { AppEnv } from "../types";
import { register } from "./register";

/** A client this far behind is cut off; it reconnects with Last-Event-ID and catches up. */
const MAX_QUEUED = 50_000;
/** How long one stream trusts a visibility answer before asking the (cached) permission check again. */
const VISIBILITY_TTL_MS = 30_000;

function runtimeOf(event: DeploymentEvent): RuntimeId | undefined {
  if (event.type === "added" || event.type === "updated") return event.deployment.runtime;
  if (event.type === "deleted") return event.runtime;
  return undefined;
}

/** Per-connection memo of "may this caller see runtime R in namespace N", refreshed every 30 s. */
function visibilityCheck(identity: Identity, permissions: Permissions, views: DeploymentViews) {
  const memo = new Map<string, { visible: boolean; at: number }>();
  return async (runtime: RuntimeId, namespace: string): Promise<boolean> => {
    if (identity.kind === "local") return true;
    const key = `${runtime}/${namespace}`;
    const hit = memo.get(key);
    if (hit && Date.now() - hit.at < VISIBILITY_TTL_MS) return hit.visible;
    const { group, plural } = views.providers[runtime].descriptor.crd;
    const answer = await permissions.visibleNamespaces(identity, { group, resource: plural }, [namespace]);
    const visible = answer === "all" || answer.has(namespace);
    memo.set(key, { visible, at: Date.now() });
    return visible;
  };
}

/**
 * `GET /api/stream`: server-sent events of deployment changes (DeploymentEvent as `data`, the change
 * number as `id`). A fresh connection first receives every visible deployment as `added`; a
 * reconnect with `Last-Event-ID` receives only what it missed (or that snapshot, when the gap is
 * no longer kept). Events are filtered by what the caller may list; comments keep proxies from
 * closing an idle connection.
 */
export function streamRoutes(app: Hono<AppEnv>): void {
  register(app, contract.stream, ({ query, identity, c }) => {
    const { deployments: views, permissions, logger } = c.var.deps;
    const lastEventId = c.req.header("last-event-id") ?? undefined;
    const canSee = visibilityCheck(identity, permissions, views);
    const queue: FeedEntry[] = [];
    let wake: (() => void) | undefined;
    let overflow = false;
    views.index.flush();
    const stale = views.syncStale();
    // Subscribe and replay in the same tick: every change is either in the replay or in the queue.
    const unsubscribe = views.feed.subscribe((entry) => {
      if (queue.length >= MAX_QUEUED) overflow = true;
      else queue.push(entry);
      wake?.();
    });
    const replay = views.feed.replay(lastEventId);
    if (stale) queue.unshift({ id: views.feed.lastId, seq: 0, event: { type: "stale", stale: true } });
    queue.unshift(...replay.entries);

    const passes = async (entry: FeedEntry): Promise<boolean> => {
      const runtime = runtimeOf(entry.event);
      if (!runtime || !entry.namespace) return true;
      if (query.namespace && entry.namespace !== query.namespace) return false;
      return canSee(runtime, entry.namespace);
    };

    return streamSSE(c, async (stream) => {
      const heartbeat = setInterval(() => {
        void stream.write(": heartbeat\n\n").catch(() => undefined);
        views.refreshIfDue();
      }, views.settings.heartbeatMs);
      stream.onAbort(() => {
        wake?.();
      });
      try {
        while (!stream.aborted && !overflow) {
          const entry = queue.shift();
          if (!entry) {
            await new Promise<void>((resolve) => {
              wake = resolve;
            });
            wake = undefined;
            continue;
          }
          if (await passes(entry)) await stream.writeSSE({ id: entry.id, data: JSON.stringify(entry.event) });
        }
        if (overflow) logger.warn("stream client too slow; closing so it resumes by Last-Event-ID", { queued: queue.length });
      } catch (err) {
        // A failed permission check ends the stream with a typed error; the client reconnects
        // with Last-Event-ID and loses nothing.
        const error = toAppError(err);
        logger.warn("stream ended by an error", { code: error.code, message: error.message });
        if (!stream.aborted) await stream.writeSSE({ event: "error", data: JSON.stringify({ code: error.code, message: error.message }) });
      } finally {
        clearInterval(heartbeat);
        unsubscribe();
      }
    });
  });
}
