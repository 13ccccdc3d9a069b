import { type SimCluster, startSimCluster } from "@kubeairunway/sim";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countingKube, type RecordedCall } from "../testing/counting-kube";
import { kubeFromFile, testApp } from "../testing/test-app";

let sim: SimCluster;
let t: ReturnType<typeof testApp>;
let calls: RecordedCall[];

const get = (path: string, token?: string, headers: Record<string, string> = {}) =>
  t.app.request(path, { headers: token ? { ...headers, Authorization: `Bearer ${token}` } : headers });
type ErrorJson = { error: { code: string } };
type WhoAmIJson = { username?: string; groups: string[] };
const tokenReviews = () => calls.filter((c) => c.path.endsWith("/tokenreviews")).length;

beforeAll(async () => {
  sim = await startSimCluster({ seed: "empty", speed: 0.01 });
  const counted = countingKube(kubeFromFile(sim.kubeconfigPath, "kubeairunway"));
  calls = counted.calls;
  t = testApp({}, { AUTH_MODE: "kubernetes" }, { kube: counted.kube, startCache: true });
  await t.deps.cache.waitForSync(5_000);
});
afterAll(async () => {
  t?.stop();
  await sim?.stop();
});

describe("AUTH_MODE=kubernetes against the sim", () => {
  it("answers 401 without a token or with a token the cluster does not know", async () => {
    for (const res of [await get("/api/runtimes"), await get("/api/runtimes", "made-up-token")]) {
      expect(res.status).toBe(401);
      expect(((await res.json()) as ErrorJson).error.code).toBe("unauthenticated");
    }
    expect(await (await get("/api/whoami")).json()).toEqual({ authMode: "kubernetes", authenticated: false, groups: [] });
  });

  it("lets bob (a viewer) read cluster routes and reviews his token once per TTL", async () => {
    const before = tokenReviews();
    for (let i = 0; i < 5; i++) expect((await get("/api/runtimes", sim.tokens.bob)).status).toBe(200);
    expect(tokenReviews() - before).toBe(1);
    const who = (await (await get("/api/whoami", sim.tokens.bob)).json()) as WhoAmIJson;
    expect(who).toMatchObject({ authMode: "kubernetes", authenticated: true, username: "bob" });
    expect(who.groups).toContain("viewers");
  });

  it("ignores Impersonate-*, X-Remote-* and X-Forwarded-User from callers", async () => {
    const forged = {
      "Impersonate-User": "admin",
      "Impersonate-Group": "system:masters",
      "X-Remote-User": "admin",
      "X-Forwarded-User": "admin",
    };
    expect((await get("/api/runtimes", undefined, forged)).status).toBe(401);
    const who = (await (await get("/api/whoami", sim.tokens.alice, forged)).json()) as WhoAmIJson;
    expect(who.username).toBe("alice");
    expect(who.groups).not.toContain("system:masters");
  });

  it("filters by SubjectAccessReview: alice sees team-a only, bob everything", async () => {
    const identify = (token: string) =>
      t.deps.access.identify(new Request("http://x/", { headers: { Authorization: `Bearer ${token}` } }), "user");
    const workspaces = { group: "kaito.sh", resource: "workspaces" };
    const alice = await identify(sim.tokens.alice);
    const bob = await identify(sim.tokens.bob);
    expect(await t.deps.permissions.visibleNamespaces(alice, workspaces, ["team-a", "team-b", "default"])).toEqual(new Set(["team-a"]));
    expect(await t.deps.permissions.visibleNamespaces(bob, workspaces, ["team-a", "team-b"])).toBe("all");
    expect(await t.deps.permissions.can(alice, { verb: "create", ...workspaces, namespace: "team-b" })).toBe(false);
    expect(await t.deps.permissions.can(alice, { verb: "create", ...workspaces, namespace: "team-a" })).toBe(true);
    const sars = calls.filter((c) => c.path.endsWith("/subjectaccessreviews")).length;
    await t.deps.permissions.visibleNamespaces(alice, workspaces, ["team-a", "team-b", "default"]);
    expect(calls.filter((c) => c.path.endsWith("/subjectaccessreviews")).length).toBe(sars); // cached
  });

  it("per-user clients carry only the user's token: the apiserver enforces alice's RBAC", async () => {
    const identity = await t.deps.access.identify(
      new Request("http://x/", { headers: { Authorization: `Bearer ${sim.tokens.alice}` } }),
      "user",
    );
    if (identity.kind !== "user") throw new Error("expected a user");
    const clients = t.deps.kube.forUser(identity.token);
    await expect(clients.request({ path: "/api/v1/namespaces/team-b/pods" })).rejects.toMatchObject({
      code: "forbidden",
      message: expect.stringContaining('User "alice" cannot list resource "pods"'),
    });
    expect(await clients.request({ path: "/api/v1/namespaces/team-a/pods" })).toMatchObject({ kind: "PodList" });
  });

  it("turns a TokenReview outage into a retryable 503, not a 401", async () => {
    sim.setFaults({ errorRate: 1, errorStatus: 503, pathContains: "tokenreviews" });
    try {
      const res = await get("/api/runtimes", "a-token-never-seen-before");
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("1");
      expect(((await res.json()) as ErrorJson).error.code).toBe("upstream_unavailable");
    } finally {
      sim.setFaults({});
    }
  });

  it("allows anonymous cluster reads only when configured", async () => {
    const open = testApp(
      {},
      { AUTH_MODE: "kubernetes", AUTH_ALLOW_ANONYMOUS_CLUSTER_READS: "true" },
      { kube: kubeFromFile(sim.kubeconfigPath, "kubeairunway") },
    );
    expect((await open.app.request("/api/runtimes")).status).toBe(200);
    expect((await open.app.request("/api/runtimes", { headers: { Authorization: "Bearer nope" } })).status).toBe(401);
  });

  it("never writes a token into a log line or a response", async () => {
    const bodies: string[] = [];
    for (const token of Object.values(sim.tokens)) {
      for (const path of ["/api/whoami", "/api/runtimes", "/api/providers", "/api/ready"]) {
        bodies.push(await (await get(path, token, { Cookie: `session=${token}` })).text());
      }
    }
    const everything = [...t.logLines, ...bodies].join("\n");
    expect(t.logLines.length).toBeGreaterThan(0); // the 503 above was logged
    for (const token of Object.values(sim.tokens)) expect(everything).not.toContain(token);
  });
});
