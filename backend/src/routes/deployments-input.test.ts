import { DeploymentConfig, DynamoOptions, type ErrorBody, type FieldIssue, KaitoOptions, KubeRayOptions } from "@kubeairunway/shared";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { type SimBackend, startSimBackend } from "../testing/sim-backend";

const BASES = {
  kaito: { runtime: "kaito", engine: "vllm", model: "phi-4-mini-instruct", name: "in-kaito", namespace: "team-a", replicas: 0 },
  kuberay: { runtime: "kuberay", engine: "vllm", model: "Qwen/Qwen3-0.6B", name: "in-ray", namespace: "team-a", replicas: 0 },
  dynamo: { runtime: "dynamo", engine: "vllm", model: "Qwen/Qwen3-0.6B", name: "in-dyn", namespace: "team-a", replicas: 0 },
} as const;
type Runtime = keyof typeof BASES;

/** One broken value per field of DeploymentConfig: [runtime, field path, patch, expected issue path]. */
const BROKEN: [Runtime, string, Record<string, unknown>][] = [
  ["kaito", "name", { name: "Bad_Name" }],
  ["kaito", "namespace", { namespace: "kube-system" }],
  ["kaito", "model", { model: "" }],
  ["kaito", "replicas", { replicas: -1 }],
  ["kaito", "gpusPerReplica", { gpusPerReplica: 1.5 }],
  ["kaito", "nodeSelector", { nodeSelector: { "bad key!": "x" } }],
  ["kaito", "tolerations", { tolerations: [{ operator: "Sometimes" }] }],
  ["kaito", "engineArgs", { engineArgs: ["--flag; rm -rf /"] }],
  ["kaito", "hfTokenSecret", { hfTokenSecret: { name: "Bad Name", key: "token" } }],
  ["kaito", "contextLength", { contextLength: 10 }],
  ["kaito", "cpu", { cpu: "lots" }],
  ["kaito", "memory", { memory: "16 GB" }],
  ["kaito", "runtime", { runtime: "openai" }],
  ["kaito", "engine", { engine: "sglang" }],
  ["kaito", "mode", { mode: "disaggregated" }],
  ["kaito", "kaito", { kaito: "fast" }],
  ["kaito", "kaito.instanceType", { kaito: { instanceType: "bad sku!" } }],
  ["kaito", "kaito.labelSelector", { kaito: { labelSelector: { "": "x" } } }],
  ["kaito", "kaito.ggufFile", { kaito: { ggufFile: "model.bin" } }],
  ["kuberay", "kuberay", { kuberay: [] }],
  ["kuberay", "kuberay.minReplicas", { kuberay: { minReplicas: -1 } }],
  ["kuberay", "kuberay.maxReplicas", { kuberay: { maxReplicas: 0 } }],
  ["kuberay", "kuberay.headCpu", { kuberay: { headCpu: "two" } }],
  ["kuberay", "kuberay.headMemory", { kuberay: { headMemory: "8 GiB" } }],
  ["dynamo", "dynamo", { dynamo: 1 }],
  ["dynamo", "dynamo.router", { dynamo: { router: "random" } }],
  ["dynamo", "dynamo.prefillReplicas", { dynamo: { prefillReplicas: 0 } }],
  ["dynamo", "dynamo.prefillGpus", { dynamo: { prefillGpus: 99 } }],
];

let env: SimBackend;
beforeAll(async () => {
  env = await startSimBackend({ gpuNodes: 1 });
});
afterAll(async () => {
  await env?.stop();
});

function issuesOf(body: ErrorBody): FieldIssue[] {
  return (body.error.details as { issues?: FieldIssue[] } | undefined)?.issues ?? [];
}

/** Every custom resource of the three runtimes in the sim, as `namespace/name`. */
function createdResources(): string[] {
  const types = [
    { group: "kaito.sh", version: "v1beta1", resource: "workspaces" },
    { group: "ray.io", version: "v1", resource: "rayservices" },
    { group: "nvidia.com", version: "v1alpha1", resource: "dynamographdeployments" },
  ];
  return types.flatMap((t) => env.sim.store.list(t, {}).items.map((o) => `${o.metadata.namespace}/${o.metadata.name}`));
}

describe("bad input to the write routes", () => {
  it("has a broken value for every field of every DeploymentConfig variant", () => {
    const keysOf = (schema: z.ZodObject) => Object.keys(schema.shape);
    const fields = new Set([
      ...DeploymentConfig.options.flatMap((o) => keysOf(o as unknown as z.ZodObject)),
      ...keysOf(KaitoOptions).map((k) => `kaito.${k}`),
      ...keysOf(KubeRayOptions as unknown as z.ZodObject).map((k) => `kuberay.${k}`),
      ...keysOf(DynamoOptions).map((k) => `dynamo.${k}`),
    ]);
    expect(new Set(BROKEN.map(([, field]) => field))).toEqual(fields);
  });

  it.each(BROKEN)("%s %s: 400 invalid_input naming the field, on create and on render", async (runtime, field, patch) => {
    const body = { ...BASES[runtime], ...patch };
    for (const path of ["/api/deployments", "/api/deployments/render"]) {
      const res = await env.call(path, { method: "POST", body });
      expect(res.status, `${path} ${JSON.stringify(patch)}`).toBe(400);
      const error = (await res.json()) as ErrorBody;
      expect(error.error.code).toBe("invalid_input");
      expect(error.error.message).toContain(field.split(".")[0]);
      expect(
        issuesOf(error).some((i) => i.path === field || i.path.startsWith(`${field}.`)),
        JSON.stringify(issuesOf(error)),
      ).toBe(true);
    }
    expect(createdResources()).toEqual([]);
  });

  it("rejects a config the provider cannot run (llama.cpp without a GGUF file) naming the field", async () => {
    const res = await env.call("/api/deployments", { method: "POST", body: { ...BASES.kaito, engine: "llamacpp", gpusPerReplica: 0 } });
    expect(res.status).toBe(400);
    expect(issuesOf((await res.json()) as ErrorBody).map((i) => i.path)).toContain("kaito.ggufFile");
  });

  it("rejects a missing, empty or malformed JSON body as invalid_input on 'body'", async () => {
    for (const raw of ["", "{", "null", "[]", '"text"']) {
      const res = await env.call("/api/deployments", { method: "POST", body: raw, headers: { "Content-Type": "application/json" } });
      expect(res.status, raw).toBe(400);
      const error = (await res.json()) as ErrorBody;
      expect(error.error.code).toBe("invalid_input");
      expect(issuesOf(error).length).toBeGreaterThan(0);
    }
  });
});

describe("random bodies (fast-check)", () => {
  /** Valid configs with one field replaced by an arbitrary JSON value, and plain arbitrary JSON. */
  const mutated = fc
    .tuple(
      fc.constantFrom(...(Object.keys(BASES) as Runtime[])),
      fc.constantFrom(...BROKEN.map(([, f]) => f.split(".")[0] as string)),
      fc.jsonValue(),
      fc.nat(),
    )
    .map(([runtime, field, value, n]) => ({ ...BASES[runtime], name: `pb-${n % 100000}`, [field]: value }));
  const bodies = fc.oneof(
    mutated,
    fc.jsonValue(),
    fc.string().map((s) => ({ raw: s })),
  );

  it("never answers 5xx to 2,000 random bodies on the write routes, and creates nothing from an invalid one", async () => {
    const acceptedNames = new Set<string>();
    let count = 0;
    await fc.assert(
      fc.asyncProperty(bodies, fc.constantFrom("/api/deployments", "/api/deployments/render"), async (body, path) => {
        count++;
        const raw =
          body && typeof body === "object" && "raw" in body && Object.keys(body).length === 1 ? String(body.raw) : JSON.stringify(body);
        const res = await env.call(path, { method: "POST", body: raw, headers: { "Content-Type": "application/json" } });
        const text = await res.text();
        expect(res.status, text).toBeLessThan(500);
        const name = body && typeof body === "object" && "name" in body ? (body as { name: unknown }).name : undefined;
        if (res.ok) expect(DeploymentConfig.safeParse(body).success, `accepted an invalid body: ${raw}`).toBe(true);
        if (path === "/api/deployments" && res.ok && typeof name === "string") acceptedNames.add(name);
        if (!res.ok) {
          const error = (JSON.parse(text) as ErrorBody).error;
          // A valid body aimed at a namespace that does not exist gets the apiserver's 404, passed through.
          if (error.code === "not_found") expect(error.message, text).toMatch(/namespaces "[^"]+" not found/);
          else expect(error.code, text).toMatch(/^(invalid_input|runtime_not_installed|conflict)$/);
        }
      }),
      { numRuns: 2_000 },
    );
    expect(count).toBeGreaterThanOrEqual(2_000);
    // Every custom resource in the cluster came from a request the backend accepted.
    const created = createdResources().map((r) => r.split("/")[1] as string);
    expect(created.filter((name) => !acceptedNames.has(name))).toEqual([]);
  }, 120_000);
});
