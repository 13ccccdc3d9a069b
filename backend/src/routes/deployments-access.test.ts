import type { DeploymentConfigInput, DeploymentEvent, DeploymentEvents, DeploymentList, ErrorBody } from "@kubeairunway/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SimBackend, startSimBackend, waitFor } from "../testing/sim-backend";
import { readSse } from "../testing/sse-reader";

/** KubeRay is the quickest to run in the sim; the runtime does not matter for access rules. */
const config = (name: string, namespace: string, extra: Partial<DeploymentConfigInput> = {}): DeploymentConfigInput =>
  ({ runtime: "kuberay", engine: "vllm", model: "Qwen/Qwen3-0.6B", name, namespace, ...extra }) as DeploymentConfigInput;

let env: SimBackend;
let alice: string;
let admin: string;

beforeAll(async () => {
  env = await startSimBackend({ authMode: "kubernetes", gpuNodes: 1 });
  alice = env.sim.tokens.alice;
  admin = env.sim.tokens.admin;
  for (const [name, ns] of [
    ["in-a", "team-a"],
    ["in-b", "team-b"],
  ] as const) {
    const res = await env.call("/api/deployments", { method: "POST", body: config(name, ns), token: admin });
    expect(res.status, await res.clone().text()).toBe(201);
  }
  await waitFor(() => (env.deps.deployments.index.size === 2 ? true : undefined), 5_000, "both in the cache");
});
afterAll(async () => {
  await env?.stop();
});

async function errorOf(res: Response): Promise<ErrorBody["error"]> {
  return ((await res.json()) as ErrorBody).error;
}

describe("access in kubernetes mode", () => {
  it("answers 401 unauthenticated without a token, and with an unknown one", async () => {
    for (const token of [undefined, "not-a-real-token"]) {
      const res = await env.call("/api/deployments", { token });
      expect(res.status).toBe(401);
      expect((await errorOf(res)).code).toBe("unauthenticated");
    }
    const create = await env.call("/api/deployments", { method: "POST", body: config("anon", "team-a") });
    expect(create.status).toBe(401);
  });

  it("lists for alice only what she may see (team-a), while the admin sees both namespaces", async () => {
    const mine = (await (await env.call("/api/deployments", { token: alice })).json()) as DeploymentList;
    expect(mine.items.map((i) => `${i.namespace}/${i.name}`)).toEqual(["team-a/in-a"]);
    expect(mine.total).toBe(1);
    const all = (await (await env.call("/api/deployments", { token: admin })).json()) as DeploymentList;
    expect(all.items.map((i) => `${i.namespace}/${i.name}`).sort()).toEqual(["team-a/in-a", "team-b/in-b"]);
    const filtered = await env.call("/api/deployments?namespace=team-b", { token: alice });
    expect(filtered.status).toBe(403);
  });

  it("forbids alice to read a team-b deployment, its events and its logs", async () => {
    for (const suffix of ["", "/events", "/logs"]) {
      const res = await env.call(`/api/deployments/team-b/in-b${suffix}`, { token: alice });
      expect(res.status, suffix).toBe(403);
      expect((await errorOf(res)).code).toBe("forbidden");
    }
    expect((await env.call("/api/deployments/team-a/in-a", { token: alice })).status).toBe(200);
  });

  it("creates as alice in team-a, and the sim's audit log names alice as the writer", async () => {
    const res = await env.call("/api/deployments", { method: "POST", body: config("alice-own", "team-a"), token: alice });
    expect(res.status, await res.clone().text()).toBe(201);
    const audit = await fetch(`${env.sim.url}/sim/v1/audit?namespace=team-a&verb=create`, {
      headers: { Authorization: `Bearer ${admin}` },
    });
    const { items } = (await audit.json()) as { items: { user: string; resource: string; name?: string; code: number }[] };
    expect(items).toContainEqual(expect.objectContaining({ user: "alice", resource: "rayservices", name: "alice-own", code: 201 }));
  });

  it("returns 403 forbidden with the apiserver's message when alice creates in team-b, and writes nothing", async () => {
    const res = await env.call("/api/deployments", { method: "POST", body: config("sneaky", "team-b"), token: alice });
    expect(res.status).toBe(403);
    const error = await errorOf(res);
    expect(error.code).toBe("forbidden");
    expect(error.message).toMatch(/User "alice" cannot create resource "rayservices" in API group "ray.io" in the namespace "team-b"/);
    const audit = await fetch(`${env.sim.url}/sim/v1/audit?user=alice&namespace=team-b`, { headers: { Authorization: `Bearer ${admin}` } });
    const { items } = (await audit.json()) as { items: { verb: string; code: number }[] };
    expect(items).toContainEqual(expect.objectContaining({ verb: "create", code: 403 }));
    const list = (await (await env.call("/api/deployments?text=sneaky", { token: admin })).json()) as DeploymentList;
    expect(list.items).toEqual([]);
  });

  it("forbids alice to delete in team-b, as the apiserver decides", async () => {
    const res = await env.call("/api/deployments/team-b/in-b", { method: "DELETE", token: alice });
    expect(res.status).toBe(403);
    expect((await env.call("/api/deployments/team-b/in-b", { token: admin })).status).toBe(200);
  });

  it("explains a deployment pending for lack of GPUs, naming the shortfall", async () => {
    const greedy = config("greedy", "team-a", { gpusPerReplica: 16 });
    expect((await env.call("/api/deployments", { method: "POST", body: greedy, token: alice })).status).toBe(201);
    const events = await waitFor(
      async () => {
        const res = await env.call("/api/deployments/team-a/greedy/events", { token: alice });
        const body = (await res.json()) as DeploymentEvents;
        return body.pending.some((p) => p.kind === "insufficient-gpu") ? body : undefined;
      },
      10_000,
      "an insufficient-gpu explanation",
    );
    const gpu = events.pending.find((p) => p.kind === "insufficient-gpu");
    expect(gpu?.summary).toMatch(/GPU/);
    expect(gpu?.summary).toMatch(/16/);
    expect(gpu?.fix.length).toBeGreaterThan(10);
    expect(events.events.some((e) => e.reason === "FailedScheduling")).toBe(true);
  });

  it("streams to alice only the changes she may see", async () => {
    const abort = new AbortController();
    const seen: string[] = [];
    const reading = readSse(`${env.url}/api/stream`, { Authorization: `Bearer ${alice}` }, abort.signal, (e) => {
      const event = JSON.parse(e.data) as DeploymentEvent;
      if ("deployment" in event) seen.push(`${event.deployment.namespace}/${event.deployment.name}`);
      if (event.type === "deleted") seen.push(`${event.namespace}/${event.name}`);
    }).catch(() => undefined);
    await waitFor(() => (seen.includes("team-a/in-a") ? true : undefined), 5_000, "alice's snapshot");
    expect((await env.call("/api/deployments", { method: "POST", body: config("b-later", "team-b"), token: admin })).status).toBe(201);
    expect((await env.call("/api/deployments", { method: "POST", body: config("a-later", "team-a"), token: admin })).status).toBe(201);
    await waitFor(() => (seen.includes("team-a/a-later") ? true : undefined), 5_000, "team-a change on alice's stream");
    expect(seen.filter((k) => k.startsWith("team-b/"))).toEqual([]);
    const anonymous = await env.call("/api/stream");
    expect(anonymous.status).toBe(401);
    abort.abort();
    await reading;
  });

  it("explains a crash loop with the container's last log lines, read as alice", async () => {
    const gated = config("gated", "team-a", { model: "meta-llama/Llama-3.1-8B-Instruct" });
    expect((await env.call("/api/deployments", { method: "POST", body: gated, token: alice })).status).toBe(201);
    const crash = await waitFor(
      async () => {
        const body = (await (await env.call("/api/deployments/team-a/gated/events", { token: alice })).json()) as DeploymentEvents;
        return body.pending.find((p) => p.kind === "crash-loop" && p.evidence.length > 2);
      },
      15_000,
      "a crash-loop explanation with log lines",
    );
    expect(crash.summary).toMatch(/HuggingFace/);
    expect(crash.evidence.join("\n")).toMatch(/GatedRepoError|401|gated/i);
  });
});
