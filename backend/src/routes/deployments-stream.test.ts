import type { DeploymentConfigInput, DeploymentEvent, LogsResult } from "@kubeairunway/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SimBackend, startSimBackend, waitFor } from "../testing/sim-backend";
import { readSse, type SseEvent } from "../testing/sse-reader";

const config = (name: string): DeploymentConfigInput => ({
  runtime: "kuberay",
  engine: "vllm",
  model: "Qwen/Qwen3-0.6B",
  name,
  namespace: "team-a",
});

let env: SimBackend;
beforeAll(async () => {
  env = await startSimBackend({ heartbeatMs: 50 });
  expect((await env.call("/api/deployments", { method: "POST", body: config("before") })).status).toBe(201);
  await waitFor(() => (env.deps.deployments.index.get("kuberay", "team-a", "before")?.summary.phase === "Running" ? true : undefined));
});
afterAll(async () => {
  await env?.stop();
});

/** A client of /api/stream that keeps the state the events describe, as a UI would. */
function subscribe(headers: Record<string, string> = {}) {
  const events: SseEvent[] = [];
  const state = new Map<string, string>();
  const abort = new AbortController();
  let raw = "";
  const done = readSse(`${env.url}/api/stream`, headers, abort.signal, (e) => {
    events.push(e);
    const event = JSON.parse(e.data) as DeploymentEvent;
    if (event.type === "added" || event.type === "updated") state.set(event.deployment.name, event.deployment.phase);
    if (event.type === "deleted") state.delete(event.name);
  }).catch(() => undefined);
  const rawReader = fetch(`${env.url}/api/stream`, { signal: abort.signal })
    .then(async (res) => {
      const reader = res.body?.getReader();
      for (;;) {
        const chunk = await reader?.read();
        if (!chunk || chunk.done) return;
        raw += new TextDecoder().decode(chunk.value);
      }
    })
    .catch(() => undefined);
  return {
    events,
    state,
    raw: () => raw,
    lastId: () => events.at(-1)?.id,
    async close() {
      abort.abort();
      await Promise.all([done, rawReader]);
    },
  };
}

describe("/api/stream", () => {
  it("sends the current deployments first, then every change, with heartbeats", async () => {
    const client = subscribe();
    await waitFor(() => (client.state.get("before") === "Running" ? true : undefined), 5_000, "snapshot");
    expect((await env.call("/api/deployments", { method: "POST", body: config("live") })).status).toBe(201);
    await waitFor(() => (client.state.get("live") === "Running" ? true : undefined), 10_000, "live Running on the stream");
    const types = client.events.map((e) => (JSON.parse(e.data) as DeploymentEvent).type);
    expect(types.filter((t) => t === "added")).toHaveLength(2);
    expect(types).toContain("updated");
    expect((await env.call("/api/deployments/team-a/live", { method: "DELETE" })).status).toBe(200);
    await waitFor(() => (client.state.has("live") ? undefined : true), 10_000, "deleted on the stream");
    expect(client.raw()).toContain(": heartbeat");
    expect(client.events.every((e) => e.id && /^[a-z0-9]+-\d+$/.test(e.id))).toBe(true);
    await client.close();
  });

  it("resumes from Last-Event-ID with only what the client missed", async () => {
    const first = subscribe();
    await waitFor(() => (first.state.has("before") ? true : undefined));
    const lastId = first.lastId() as string;
    await first.close();
    expect((await env.call("/api/deployments", { method: "POST", body: config("missed") })).status).toBe(201);
    await waitFor(() => (env.deps.deployments.index.get("kuberay", "team-a", "missed") ? true : undefined));
    const second = subscribe({ "Last-Event-ID": lastId });
    await waitFor(() => (second.state.has("missed") ? true : undefined), 5_000, "the missed deployment");
    const names = second.events.map((e) => JSON.parse(e.data) as DeploymentEvent).map((e) => ("deployment" in e ? e.deployment.name : ""));
    expect(names).not.toContain("before");
    await second.close();
  });

  it("falls back to a full snapshot for an id it no longer knows", async () => {
    const client = subscribe({ "Last-Event-ID": "otherprocess-12" });
    await waitFor(() => (client.state.has("before") && client.state.has("missed") ? true : undefined), 5_000, "snapshot");
    await client.close();
  });
});

describe("logs", () => {
  it("returns the last lines of the first pod's default container, as the user", async () => {
    const res = await env.call("/api/deployments/team-a/before/logs?tailLines=5");
    expect(res.status).toBe(200);
    const body = (await res.json()) as LogsResult;
    expect(body.pod).toMatch(/^before-/);
    expect(body.lines.length).toBeGreaterThan(0);
    expect(body.lines.length).toBeLessThanOrEqual(5);
  });

  it("refuses a pod of another deployment and a container the pod lacks", async () => {
    expect((await env.call("/api/deployments/team-a/before/logs?pod=kube-apiserver")).status).toBe(404);
    const res = await env.call("/api/deployments/team-a/before/logs?container=nope");
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("container");
  });

  it("follows as server-sent events and stops when the client goes", async () => {
    const abort = new AbortController();
    const lines: SseEvent[] = [];
    const reading = readSse(`${env.url}/api/deployments/team-a/before/logs?follow=true&tailLines=3`, {}, abort.signal, (e) =>
      lines.push(e),
    );
    await waitFor(
      () => (lines.some((e) => e.event === "target") && lines.filter((e) => !e.event).length >= 1 ? true : undefined),
      5_000,
      "log lines",
    );
    expect(JSON.parse(lines[0]?.data ?? "{}")).toMatchObject({ pod: expect.stringMatching(/^before-/) });
    abort.abort();
    await reading;
  });
});
