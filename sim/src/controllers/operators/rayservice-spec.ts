/**
 * Reading a RayService the way KubeRay does: the Ray Serve config (a YAML string), Go durations in
 * annotations, and the two Services a RayService gets (`<name>-head-svc`, `<name>-serve-svc`).
 */
import { parse } from "yaml";
import type { KubeObject } from "../../store/types";
import { controllerRef } from "../workloads";

interface ServeApp {
  name?: string;
  args?: { llm_configs?: { model_loading_config?: { model_id?: string; model_source?: string } }[] };
}

/** Applications and the first LLM of a Ray Serve config (serveConfigV2 is a YAML string). */
export function parseServeConfig(text: unknown): { apps: string[]; modelId: string; modelSource: string; deployment: string } {
  let config: { applications?: ServeApp[] } = {};
  try {
    config = (typeof text === "string" ? parse(text) : {}) ?? {};
  } catch {
    config = {};
  }
  const apps = (config.applications ?? []).map((a) => a.name ?? "default");
  const llm = config.applications?.flatMap((a) => a.args?.llm_configs ?? [])[0]?.model_loading_config;
  const modelId = llm?.model_id ?? llm?.model_source ?? "";
  return {
    apps: apps.length ? apps : ["default"],
    modelId,
    modelSource: llm?.model_source ?? modelId,
    deployment: `LLMServer:${modelId.replaceAll(/[^a-zA-Z0-9]/g, "_")}`,
  };
}

/** `<name>-head-svc` (head ports) and `<name>-serve-svc` (8000, pods labelled `ray.io/serve=true`) of the active cluster. */
export function serviceObjects(rs: KubeObject, cluster: string): KubeObject[] {
  const ns = rs.metadata.namespace;
  const labels = { "ray.io/originated-from-crd": "RayService", "ray.io/originated-from-cr-name": rs.metadata.name };
  const owner = [controllerRef(rs)];
  return [
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: {
        name: `${rs.metadata.name}-head-svc`,
        namespace: ns,
        labels: { ...labels, "ray.io/node-type": "head" },
        ownerReferences: owner,
      },
      spec: {
        ports: [
          { name: "gcs-server", port: 6379 },
          { name: "dashboard", port: 8265 },
          { name: "client", port: 10001 },
          { name: "metrics", port: 8080 },
          { name: "serve", port: 8000 },
        ].map((p) => ({ ...p, targetPort: p.port, protocol: "TCP" })),
        selector: { "ray.io/cluster": cluster, "ray.io/node-type": "head" },
      },
    },
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: {
        name: `${rs.metadata.name}-serve-svc`,
        namespace: ns,
        labels: { ...labels, "ray.io/serve": `${rs.metadata.name}-serve` },
        ownerReferences: owner,
      },
      spec: {
        ports: [{ name: "serve", port: 8000, targetPort: 8000, protocol: "TCP" }],
        selector: { "ray.io/cluster": cluster, "ray.io/serve": "true" },
      },
    },
  ];
}

/** Seconds in a Go duration string (`30m`, `1h30m`, `90s`); undefined when it is not one. */
export function parseDuration(text: string | undefined): number | undefined {
  if (!text || !/^(\d+(\.\d+)?(h|m|s|ms))+$/.test(text)) return undefined;
  const unit: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001 };
  let total = 0;
  for (const [, n, , u] of text.matchAll(/(\d+(\.\d+)?)(h|ms|m|s)/g)) total += Number(n) * (unit[u ?? "s"] ?? 1);
  return total;
}
