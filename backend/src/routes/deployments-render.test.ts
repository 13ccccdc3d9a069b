import type { DeploymentList, ErrorBody, RenderResult } from "@kubeairunway/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { type SimBackend, startSimBackend } from "../testing/sim-backend";

/** A cluster where only KubeRay is installed. */
let env: SimBackend;
beforeAll(async () => {
  env = await startSimBackend({ runtimes: ["kuberay"], gpuNodes: 1 });
});
afterAll(async () => {
  await env?.stop();
});

const kaito = { runtime: "kaito", engine: "vllm", model: "phi-4-mini-instruct", name: "preview", namespace: "team-a", contextLength: 8192 };

describe("render and not-installed runtimes", () => {
  it("renders manifests and YAML without writing anything, even for a runtime the cluster lacks", async () => {
    const before = env.sim.store.list({ group: "", version: "v1", resource: "configmaps" }, { namespace: "team-a" }).items.length;
    const res = await env.call("/api/deployments/render", { method: "POST", body: kaito });
    expect(res.status).toBe(200);
    const body = (await res.json()) as RenderResult;
    expect(body.manifests.map((m) => m.kind)).toEqual(expect.arrayContaining(["Workspace", "ConfigMap"]));
    const docs = parseAllDocuments(body.yaml).map((d) => d.toJSON() as { kind: string; metadata: { name: string } });
    expect(docs.map((d) => d.kind)).toEqual(body.manifests.map((m) => m.kind));
    expect(docs.find((d) => d.kind === "Workspace")?.metadata.name).toBe("preview");
    expect(Array.isArray(body.warnings)).toBe(true);
    expect(env.sim.store.list({ group: "", version: "v1", resource: "configmaps" }, { namespace: "team-a" }).items.length).toBe(before);
  });

  it("reports runtimes whose CRD is not installed in the list, not as an error", async () => {
    const list = (await (await env.call("/api/deployments")).json()) as DeploymentList;
    expect(list.notInstalled.sort()).toEqual(["dynamo", "kaito"]);
    expect(list.errors).toEqual([]);
    expect(list.items).toEqual([]);
  });

  it("refuses to create on a runtime that is not installed with 412 runtime_not_installed", async () => {
    const res = await env.call("/api/deployments", { method: "POST", body: kaito });
    expect(res.status).toBe(412);
    const error = ((await res.json()) as ErrorBody).error;
    expect(error.code).toBe("runtime_not_installed");
    expect(error.message).toContain("KAITO");
  });
});
