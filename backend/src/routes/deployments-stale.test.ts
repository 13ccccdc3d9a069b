import type { DeploymentEvent, DeploymentList } from "@kubeairunway/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SimBackend, startSimBackend, waitFor } from "../testing/sim-backend";
import { readSse } from "../testing/sse-reader";

let env: SimBackend;
beforeAll(async () => {
  env = await startSimBackend({ gpuNodes: 1 });
  const config = { runtime: "kuberay", engine: "vllm", model: "Qwen/Qwen3-0.6B", name: "steady", namespace: "team-a" };
  expect((await env.call("/api/deployments", { method: "POST", body: config })).status).toBe(201);
  await waitFor(() => env.deps.deployments.index.get("kuberay", "team-a", "steady"));
});
afterAll(async () => {
  await env?.stop();
});

async function list(): Promise<DeploymentList> {
  return (await (await env.call("/api/deployments")).json()) as DeploymentList;
}

describe("when the cluster stops answering for pods", () => {
  it("keeps listing what it has, flags it stale with the failing source, and says so on the stream", async () => {
    const abort = new AbortController();
    const stale: boolean[] = [];
    const reading = readSse(`${env.url}/api/stream`, {}, abort.signal, (e) => {
      const event = JSON.parse(e.data) as DeploymentEvent;
      if (event.type === "stale") stale.push(event.stale);
    }).catch(() => undefined);

    env.sim.setFaults({ errorRate: 1, errorStatus: 503, pathContains: "/pods" });
    await fetch(`${env.sim.url}/sim/v1/faults/drop-watches`, {
      method: "POST",
      headers: { Authorization: `Bearer ${env.sim.tokens.admin}` },
    });
    const during = await waitFor(
      async () => {
        const body = await list();
        return body.stale && body.errors.length > 0 ? body : undefined;
      },
      10_000,
      "a stale list naming the failing informer",
    );
    expect(during.items.map((i) => i.name)).toEqual(["steady"]);
    expect(during.errors).toContainEqual({
      source: expect.stringMatching(/pods/),
      code: "upstream_unavailable",
      message: expect.stringContaining("unavailable"),
    });
    await waitFor(() => (stale.includes(true) ? true : undefined), 5_000, "stale:true on the stream");

    env.sim.setFaults({ errorRate: 0, pathContains: "" });
    const after = await waitFor(
      async () => {
        const body = await list();
        return !body.stale && body.errors.length === 0 ? body : undefined;
      },
      15_000,
      "the list to be fresh again",
    );
    expect(after.items.map((i) => i.name)).toEqual(["steady"]);
    await waitFor(() => (stale.at(-1) === false ? true : undefined), 5_000, "stale:false on the stream");
    abort.abort();
    await reading;
  });
});
