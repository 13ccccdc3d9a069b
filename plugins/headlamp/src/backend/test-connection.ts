import { ApiError } from "@kubeairunway/shared/errors";
import type { KubeRequest } from "../kube/request";
import { createBackendClient } from "./client";
import { type BackendTarget, type ClusterBackendSettings, describeTarget, resolveBackend } from "./locate";
import { type ConnectionProblem, connectionProblem } from "./proxy-fetch";

export type ConnectionResult =
  | { ok: true; target: string; source: string; version: string }
  | { ok: false; target: string; source: string; problem: ConnectionProblem; message: string };

function sourceOf(target: BackendTarget): string {
  if (target.kind === "url") return "development URL";
  return { discovered: "found by label", default: "default location", manual: "set in Settings" }[target.source];
}

/** Resolves the backend with these (possibly unsaved) settings and asks it for its version. */
export async function testConnection(
  request: KubeRequest,
  settings: ClusterBackendSettings | undefined,
  options: { namespaces?: readonly string[]; fetch?: typeof fetch } = {},
): Promise<ConnectionResult> {
  const target = await resolveBackend(request, settings, options.namespaces);
  const plainFetch = options.fetch ?? fetch;
  const base = { target: describeTarget(target), source: sourceOf(target) };
  try {
    const version = await createBackendClient(request, target, plainFetch).version();
    return { ok: true, ...base, version: version.version };
  } catch (err) {
    const message = err instanceof ApiError ? err.message : String(err);
    return { ok: false, ...base, problem: connectionProblem(err), message };
  }
}

/** What the user should check for each problem; shared by Settings and the ConnectionBanner. */
export const PROBLEM_ADVICE: Record<ConnectionProblem, string> = {
  "service-missing":
    "No backend Service there. Install the KubeAIRunway chart, or set the Service (namespace/service:port) in the plugin settings.",
  "no-endpoints": "The Service exists but no backend pod is ready. Check the kubeairunway pods and their events in that namespace.",
  forbidden: "You may not use this Service's proxy. Ask for the `get` verb on `services/proxy` in that namespace.",
  unreachable:
    "The backend did not answer. For a development URL, check that it runs and allows this origin (CORS); otherwise check its pods.",
  backend: "The backend answered with an error; its message is above.",
};
