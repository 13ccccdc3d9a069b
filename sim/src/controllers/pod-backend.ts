/**
 * The PodBackend the HTTP layer calls for `pods/<p>/log` and the pod/service proxies: container
 * logs (current and previous instance, follow), and each engine's HTTP surface on its port —
 * `/metrics` (advanced by the simulated time since the last scrape), `/v1/models`, `/health`,
 * and a canned `/v1/chat/completions`.
 */
import type { PodBackend } from "../store/types";
import { createEngineMetrics } from "./metrics-exporter";
import { type ContainerRun, materializeLog, type PodRun } from "./pod-runs";

function findContainer(runs: Map<string, PodRun>, namespace: string, pod: string, container: string): ContainerRun | undefined {
  const run = runs.get(`${namespace}/${pod}`);
  if (!run) return undefined;
  return container ? run.containers.find((c) => c.name === container) : run.containers[0];
}

/**
 * Which instance's log the kubelet serves (`validateContainerLogStatus`, kube-api.md §7):
 * `previous` → the last exited instance; otherwise the running instance, else the last exited
 * one (a container waiting in CrashLoopBackOff shows its crash); none while waiting to start for
 * the first time, which the HTTP layer answers with `is waiting to start: <reason>`.
 */
function logOf(c: ContainerRun, previous: boolean): string[] | undefined {
  if (previous) return c.lastTerminated ? c.previousLog : undefined;
  if (c.phase.state === "waiting" && !c.lastTerminated) return undefined;
  return c.log;
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

function ownerOf(c: ContainerRun): string {
  if (c.profile.role === "dynamo-frontend") return "nvidia";
  if (c.profile.role.startsWith("ray")) return "system";
  return c.profile.role === "sglang" ? "sglang" : c.profile.role === "llamacpp" ? "llamacpp" : "vllm";
}

async function chatCompletion(c: ContainerRun, request: Request, random: () => number): Promise<Response> {
  let body: { model?: string; messages?: { content?: string }[] } = {};
  try {
    body = (await request.json()) as typeof body;
  } catch {
    return json({ object: "error", message: "Invalid JSON body", type: "BadRequestError", code: 400 }, 400);
  }
  const model = c.profile.servedModel || c.profile.model;
  if (body.model && body.model !== model) {
    return json(
      { object: "error", message: `The model \`${body.model}\` does not exist.`, type: "NotFoundError", param: null, code: 404 },
      404,
    );
  }
  const prompt = (body.messages ?? []).map((m) => m.content ?? "").join(" ");
  const promptTokens = Math.max(1, Math.ceil(prompt.length / 4));
  const text = "This is a simulated reply from the sim cluster: the model is loaded and serving.";
  const completionTokens = Math.ceil(text.length / 4);
  return json({
    id: `chatcmpl-${Math.floor(random() * 1e16).toString(16)}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: "assistant", content: text }, finish_reason: "stop" }],
    usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
  });
}

/** A PodBackend over the kubelet's pod table. `speed` converts wall time to simulated time for metrics. */
export function createPodBackend(runs: Map<string, PodRun>, speed: number, random: () => number): PodBackend {
  return {
    readLog(namespace, pod, container, previous) {
      const c = findContainer(runs, namespace, pod, container);
      if (!c) return undefined;
      materializeLog(c);
      return logOf(c, previous)?.slice();
    },
    followLog(namespace, pod, container, onLine, onEnd) {
      const c = findContainer(runs, namespace, pod, container);
      // The pod went away or is being killed, or the latest instance already exited (waiting in
      // CrashLoopBackOff): nothing more will come from it, so the stream ends at once.
      const ended = !c || runs.get(`${namespace}/${pod}`)?.terminating || (c.phase.state !== "running" && c.lastTerminated);
      if (!c || ended) {
        onEnd?.();
        return () => {};
      }
      materializeLog(c);
      const follower = { onLine, ...(onEnd ? { onEnd } : {}) };
      c.followers.add(follower);
      return () => c.followers.delete(follower);
    },
    serve(namespace, pod, port, path, request) {
      const run = runs.get(`${namespace}/${pod}`);
      if (!run || run.terminating) return undefined;
      const c = run.containers.find((x) => x.ready && (x.profile.metricsPort === port || x.profile.apiPort === port));
      if (!c) return undefined;
      const route = path.split("?")[0] ?? "/";
      c.metrics ??= createEngineMetrics(c.profile, run.dynamoNamespace);
      if (route === "/metrics" && c.profile.metricsPort === port && c.metrics) {
        const now = Date.now();
        c.metrics.advance((now - c.metricsAt) / 1000 / Math.max(speed, 1e-6), random);
        c.metricsAt = now;
        return Promise.resolve(
          new Response(c.metrics.render(), { headers: { "content-type": "text/plain; version=0.0.4; charset=utf-8" } }),
        );
      }
      if (route === "/health" || route === "/healthz" || route === "/-/healthz")
        return Promise.resolve(new Response(null, { status: 200 }));
      if (c.profile.apiPort !== port) return Promise.resolve(new Response("404 page not found\n", { status: 404 }));
      const model = c.profile.servedModel || c.profile.model;
      if (route === "/v1/models") {
        return Promise.resolve(
          json({
            object: "list",
            data: model
              ? [
                  {
                    id: model,
                    object: "model",
                    created: Math.floor(Date.now() / 1000),
                    owned_by: ownerOf(c),
                    root: c.profile.model || model,
                  },
                ]
              : [],
          }),
        );
      }
      if (route === "/v1/chat/completions" && request.method === "POST") return chatCompletion(c, request, random);
      return Promise.resolve(json({ detail: "Not Found" }, 404));
    },
  };
}
