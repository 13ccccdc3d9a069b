/**
 * `?watch=true` streams (kube-api.md §4): newline-delimited JSON events, ADDED for the current
 * state when no resourceVersion (or "0") is given, replay from the history otherwise, an ERROR
 * event with a 410 Status (then EOF) when that revision is too old, BOOKMARKs when asked, and a
 * clean end at `timeoutSeconds`.
 */

import { parseFieldSelector } from "../selectors/field-selector";
import { parseLabelSelector } from "../selectors/label-selector";
import { expired, StatusError } from "../store/errors";
import type { KubeObject, ListOptions, ResourceInfo, StoreEvent } from "../store/types";
import type { RequestContext } from "./context";
import type { ResourceRoute } from "./router";
import { objectJson } from "./serialize";
import { queryBool } from "./status";
import { columnsFor, toTable, wantsTable } from "./table";

const encoder = new TextEncoder();

/** Default time between BOOKMARK events when `allowWatchBookmarks=true`. */
export const BOOKMARK_INTERVAL_MS = 5_000;
const DEFAULT_TIMEOUT_SECONDS = 1800;

export function handleWatch(ctx: RequestContext, route: ResourceRoute, info: ResourceInfo): Response {
  const q = ctx.url.searchParams;
  const { store, faults } = ctx.api;
  const labels = parseLabelSelector(q.get("labelSelector") ?? undefined);
  const fields = parseFieldSelector(q.get("fieldSelector") ?? undefined, info.selectableFields);
  const apiVersion = route.group ? `${route.group}/${route.version}` : route.version;
  const namespace = route.namespace;
  const rvParam = q.get("resourceVersion") ?? "";
  const bookmarks = queryBool(q.get("allowWatchBookmarks"));
  const timeoutSeconds = Number(q.get("timeoutSeconds") ?? 0) > 0 ? Number(q.get("timeoutSeconds")) : DEFAULT_TIMEOUT_SECONDS;
  if (rvParam !== "" && !/^\d+$/.test(rvParam))
    throw new StatusError({ message: `invalid resource version: ${rvParam}`, reason: "BadRequest", code: 400 });

  const table = wantsTable(ctx.req) ? columnsFor(info, route.version) : undefined;
  const render = (o: KubeObject) =>
    table
      ? JSON.stringify(toTable([o.apiVersion === apiVersion ? o : { ...o, apiVersion }], table, {}, ctx.url))
      : objectJson(o, apiVersion);
  const matches = (o: KubeObject) =>
    (namespace === undefined || o.metadata.namespace === namespace) && labels.matches(o.metadata.labels) && fields.matches(o);
  let cleanup = () => {};

  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      let wrote = false;
      const write = (line: string) => {
        if (!open) return;
        wrote = true;
        try {
          controller.enqueue(encoder.encode(line));
        } catch {
          close();
        }
      };
      const send = (type: string, object: KubeObject) => write(`{"type":"${type}","object":${render(object)}}\n`);
      const bookmark = () =>
        write(
          `${JSON.stringify({ type: "BOOKMARK", object: { kind: info.kind, apiVersion, metadata: { resourceVersion: String(store.resourceVersion) } } })}\n`,
        );
      const deliver = (event: StoreEvent) => {
        if (event.resource.group !== info.group || event.resource.resource !== info.resource) return;
        const now = matches(event.object);
        if (event.type !== "MODIFIED") {
          if (now) send(event.type, event.object);
          return;
        }
        const before = event.previous ? matches(event.previous) : now;
        if (now && before) send("MODIFIED", event.object);
        else if (now) send("ADDED", event.object);
        else if (before) send("DELETED", event.object);
      };
      const timers: ReturnType<typeof setTimeout>[] = [];
      let unsubscribe = () => {};
      let unregisterDrop = () => {};
      const close = () => {
        if (!open) return;
        open = false;
        unsubscribe();
        unregisterDrop();
        for (const t of timers) clearTimeout(t);
        try {
          controller.close();
        } catch {
          // Already closed by the client.
        }
      };
      cleanup = close;
      ctx.req.signal?.addEventListener("abort", close);

      try {
        if (rvParam === "" || rvParam === "0") {
          const options: ListOptions = {};
          if (namespace !== undefined) options.namespace = namespace;
          for (const object of store.list({ group: info.group, version: route.version, resource: info.resource }, options).items) {
            if (matches(object)) send("ADDED", object);
          }
        } else {
          const rv = Number(rvParam);
          if (faults.current.forceGone && rv < store.resourceVersion)
            throw expired(`too old resource version: ${rv} (${store.resourceVersion})`);
          for (const event of store.eventsSince(rv)) deliver(event);
        }
      } catch (error) {
        const status = error instanceof StatusError ? error.status : expired(String(error)).status;
        write(`${JSON.stringify({ type: "ERROR", object: status })}\n`);
        close();
        return;
      }
      // Bun sends the response head only with the first body bytes; a client (client-node's Watch)
      // waits for the head before it returns, so an idle watch must write something now. A blank
      // line is skipped by every JSON stream decoder (client-go's framer, client-node's line reader).
      if (!wrote) write("\n");
      unsubscribe = store.subscribe(deliver);
      unregisterDrop = faults.onDrop(close);
      timers.push(
        setTimeout(() => {
          if (bookmarks) bookmark();
          close();
        }, timeoutSeconds * 1000),
      );
      if (bookmarks) {
        const tick = () => {
          bookmark();
          timers.push(setTimeout(tick, BOOKMARK_INTERVAL_MS));
        };
        timers.push(setTimeout(tick, BOOKMARK_INTERVAL_MS));
      }
      const dropAfter = faults.current.dropWatchesAfterMs;
      if (dropAfter > 0) timers.push(setTimeout(close, dropAfter));
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, { status: 200, headers: { "Content-Type": "application/json", "Cache-Control": "no-cache, private" } });
}
