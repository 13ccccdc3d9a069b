import { type ApiError, DeploymentEvent, type DeploymentList, type DeploymentListQuery, deploymentKeys } from "@kubeairunway/shared";
import { type QueryClient, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { useServices } from "../../app/services";
import { applyDeploymentEvents } from "./apply-deployment-event";
import { connectStream } from "./connect-stream";

/** Applies parsed stream events to every cached list (by key factory) and refreshes the details. */
export function applyToCaches(queryClient: QueryClient, events: readonly DeploymentEvent[]): void {
  for (const query of queryClient.getQueryCache().findAll({ queryKey: deploymentKeys.lists() })) {
    const filters = (query.queryKey[2] ?? {}) as DeploymentListQuery;
    queryClient.setQueryData<DeploymentList>(query.queryKey, (list) => (list ? applyDeploymentEvents(list, events, filters) : list));
  }
  const touched = new Set<string>();
  for (const event of events) {
    if (event.type === "stale") continue;
    const { namespace, name } = event.type === "deleted" ? event : event.deployment;
    if (touched.has(`${namespace}/${name}`)) continue;
    touched.add(`${namespace}/${name}`);
    // The detail holds pods and conditions the summary lacks: refetch it (only if it is on screen).
    void queryClient.invalidateQueries({ queryKey: deploymentKeys.detail(namespace, name), exact: true });
    void queryClient.invalidateQueries({ queryKey: deploymentKeys.events(namespace, name), exact: true });
  }
}

/**
 * Subscribes to `/api/stream` for as long as the app is mounted and keeps the TanStack caches
 * current, replacing polling. After a reconnect it refetches what is on screen, because events
 * sent while the connection was down are lost.
 */
export function useDeploymentStream(onFatal?: (error: ApiError) => void): void {
  const { api, live, reconnectDelaysMs } = useServices();
  const queryClient = useQueryClient();
  useEffect(() => {
    const controller = new AbortController();
    let dropped = false;
    // Events arrive in bursts (a fresh connection replays every deployment): apply them per tick.
    let pending: DeploymentEvent[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      timer = undefined;
      const batch = pending;
      pending = [];
      if (batch.length > 0) applyToCaches(queryClient, batch);
    };
    live.set({ state: "connecting" });
    void connectStream({
      api,
      url: api.url("stream"),
      signal: controller.signal,
      reconnectOnEnd: true,
      ...(reconnectDelaysMs ? { delaysMs: reconnectDelaysMs } : {}),
      onOpen: () => {
        live.set({ state: "connected" });
        if (dropped) void queryClient.invalidateQueries({ queryKey: deploymentKeys.all });
        dropped = false;
      },
      onDrop: (error, retryInMs) => {
        dropped = true;
        if (retryInMs === undefined) onFatal?.(error);
        live.set({ state: "disconnected", message: error.message, since: Date.now(), retryInMs: retryInMs ?? 0 });
      },
      onMessage: (message) => {
        let json: unknown;
        try {
          json = JSON.parse(message.data);
        } catch {
          return; // keep-alives and other non-JSON frames carry no change
        }
        const parsed = DeploymentEvent.safeParse(json);
        if (!parsed.success) return;
        pending.push(parsed.data);
        timer ??= setTimeout(flush, 16);
      },
    });
    return () => {
      controller.abort();
      if (timer) clearTimeout(timer);
    };
  }, [api, live, queryClient, reconnectDelaysMs, onFatal]);
}
