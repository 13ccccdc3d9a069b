import { contract } from "@kubeairunway/shared";
import type { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import { toAppError } from "../kube/errors";
import { clientsForIdentity } from "../kube/kube-access";
import { deploymentEvents, locate } from "../services/deployments/deployment-details";
import { logTarget, openLogFollow, pumpLines, readLog } from "../services/deployments/deployment-logs";
import type { AppEnv } from "../types";
import { register } from "./register";

/** Events with the pending explanation, and logs (one-shot or followed as server-sent events). */
export function deploymentDiagnosticRoutes(app: Hono<AppEnv>): void {
  register(app, contract.deploymentEvents, async ({ params, identity, c }) => {
    const { deployments: views, permissions, kube } = c.var.deps;
    const located = await locate(views, permissions, identity, params.namespace, params.name);
    return deploymentEvents(views, located, clientsForIdentity(kube, identity));
  });

  register(app, contract.deploymentLogs, async ({ params, query, identity, c }) => {
    const { deployments: views, permissions, kube, logger } = c.var.deps;
    const located = await locate(views, permissions, identity, params.namespace, params.name);
    const target = logTarget(views, located, query);
    const clients = clientsForIdentity(kube, identity);
    if (!query.follow) {
      return { pod: target.pod, container: target.container, lines: await readLog(clients, target, query) };
    }
    // The upstream stream opens before the answer starts, so a 403/404 from the apiserver is a
    // proper error response rather than an event stream that ends at once.
    const upstream = new AbortController();
    const res = await openLogFollow(clients, target, query, upstream.signal);
    return streamSSE(c, async (stream) => {
      stream.onAbort(() => upstream.abort());
      await stream.writeSSE({ event: "target", data: JSON.stringify({ pod: target.pod, container: target.container }) });
      try {
        await pumpLines(res, upstream.signal, (line) => stream.writeSSE({ data: line }));
        if (!stream.aborted) await stream.writeSSE({ event: "end", data: "" });
      } catch (err) {
        if (upstream.signal.aborted) return;
        const error = toAppError(err);
        logger.debug("log follow ended with an error", { code: error.code });
        await stream.writeSSE({ event: "error", data: JSON.stringify({ code: error.code, message: error.message }) });
      } finally {
        upstream.abort();
      }
    });
  });
}
