import type { LogsQuery } from "@kubeairunway/shared";
import { useEffect, useRef, useState } from "react";
import { useApi } from "../../../app/services";
import { connectStream } from "../../live/connect-stream";

export const MAX_LINES = 5000;
export type FollowStatus =
  | { state: "connecting" }
  | { state: "streaming"; pod?: string; container?: string }
  | { state: "ended" }
  | { state: "error"; code: string; message: string };

export const appendCapped = (lines: string[], more: string[]) => {
  const next = lines.concat(more);
  return next.length > MAX_LINES ? next.slice(next.length - MAX_LINES) : next;
};

/**
 * Follows a container's log over server-sent events (`follow=true`). While paused, new lines are
 * held back (and counted) so the view stays still; resuming shows them all.
 */
export function useLogStream(namespace: string, name: string, query: LogsQuery, enabled: boolean, paused: boolean) {
  const api = useApi();
  const [lines, setLines] = useState<string[]>([]);
  const [held, setHeld] = useState(0);
  const [status, setStatus] = useState<FollowStatus>({ state: "connecting" });
  const pausedRef = useRef(paused);
  const heldLines = useRef<string[]>([]);
  pausedRef.current = paused;
  const { pod, container, tailLines } = query;

  useEffect(() => {
    if (paused) return;
    if (heldLines.current.length > 0) {
      const release = heldLines.current;
      heldLines.current = [];
      setLines((prev) => appendCapped(prev, release));
    }
    setHeld(0);
  }, [paused]);

  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    let incoming: string[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      timer = undefined;
      const batch = incoming;
      incoming = [];
      if (pausedRef.current) {
        heldLines.current = appendCapped(heldLines.current, batch);
        setHeld(heldLines.current.length);
      } else setLines((prev) => appendCapped(prev, batch));
    };
    setLines([]);
    heldLines.current = [];
    setHeld(0);
    setStatus({ state: "connecting" });
    const url = api.url("deploymentLogs", { params: { namespace, name }, query: { pod, container, tailLines, follow: "true" } });
    void connectStream({
      api,
      url,
      signal: controller.signal,
      onOpen: () => setLines([]), // a reconnect re-sends the tail; start clean rather than duplicate
      onDrop: (error, retryInMs) => {
        if (retryInMs === undefined) setStatus({ state: "error", code: error.code, message: error.message });
        else setStatus({ state: "connecting" });
      },
      onMessage: (m) => {
        if (m.event === "target") {
          const target = JSON.parse(m.data) as { pod?: string; container?: string };
          setStatus({ state: "streaming", ...target });
        } else if (m.event === "end") setStatus({ state: "ended" });
        else if (m.event === "error") {
          const e = JSON.parse(m.data) as { code?: string; message?: string };
          setStatus({ state: "error", code: e.code ?? "internal", message: e.message ?? "the log stream failed" });
        } else {
          setStatus((s) => (s.state === "connecting" ? { state: "streaming" } : s));
          incoming.push(...m.data.split("\n"));
          timer ??= setTimeout(flush, 50);
        }
      },
    }).then(() => {
      if (timer) clearTimeout(timer);
      if (!controller.signal.aborted) flush();
    });
    return () => {
      controller.abort();
      if (timer) clearTimeout(timer);
    };
  }, [api, namespace, name, pod, container, tailLines, enabled]);

  return { lines, held, status };
}
