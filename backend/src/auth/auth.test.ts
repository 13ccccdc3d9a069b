import { describe, expect, it } from "vitest";
import { UpstreamError } from "../errors";
import type { KubeClients, KubeRequest } from "../kube/types";
import { kubernetesAccess } from "./kubernetes-access";
import { createPermissions } from "./permissions";
import { createTokenReviewer, tokenHash } from "./token-review";

/** A backend whose TokenReview/SAR answers come from tables; every call is recorded. */
function fakeBackend(users: Record<string, string>, allowed: (user: string, ns: string | undefined) => boolean) {
  const calls: KubeRequest[] = [];
  let failWith: Error | undefined;
  const clients = {
    identity: "backend",
    async request(req: KubeRequest) {
      calls.push(req);
      if (failWith) throw failWith;
      const spec = (req.body as { spec: Record<string, unknown> }).spec;
      if (req.path.endsWith("/tokenreviews")) {
        const username = users[spec.token as string];
        return { status: username ? { authenticated: true, user: { username, groups: ["system:authenticated"] } } : { user: {} } };
      }
      const attrs = spec.resourceAttributes as { namespace?: string };
      return { status: { allowed: allowed(spec.user as string, attrs.namespace) } };
    },
  } as unknown as KubeClients;
  return { backend: () => clients, calls, fail: (err?: Error) => (failWith = err) };
}

const req = (headers: Record<string, string> = {}) => new Request("http://x/api", { headers });

describe("TokenReview cache", () => {
  it("reviews a token once per TTL and keys the cache by SHA-256, never the token", async () => {
    let now = 0;
    const fake = fakeBackend({ "tok-bob": "bob" }, () => true);
    const reviewer = createTokenReviewer({ backend: fake.backend, now: () => now });
    expect(await reviewer.review("tok-bob")).toMatchObject({ username: "bob" });
    now = 59_000;
    expect(await reviewer.review("tok-bob")).toMatchObject({ username: "bob" });
    expect(fake.calls).toHaveLength(1);
    now = 60_001;
    await reviewer.review("tok-bob");
    expect(fake.calls).toHaveLength(2);
    expect(tokenHash("tok-bob")).toMatch(/^[0-9a-f]{64}$/);
  });

  it("remembers a rejected token briefly, then asks again", async () => {
    let now = 0;
    const fake = fakeBackend({}, () => true);
    const reviewer = createTokenReviewer({ backend: fake.backend, now: () => now });
    expect(await reviewer.review("bad")).toBeUndefined();
    expect(await reviewer.review("bad")).toBeUndefined();
    expect(fake.calls).toHaveLength(1);
    now = 5_001;
    await reviewer.review("bad");
    expect(fake.calls).toHaveLength(2);
  });

  it("shares one apiserver call between concurrent requests with the same token", async () => {
    const fake = fakeBackend({ t: "alice" }, () => true);
    const reviewer = createTokenReviewer({ backend: fake.backend });
    await Promise.all(Array.from({ length: 20 }, () => reviewer.review("t")));
    expect(fake.calls).toHaveLength(1);
  });

  it("does not cache an apiserver outage as a rejection", async () => {
    const fake = fakeBackend({ t: "alice" }, () => true);
    const reviewer = createTokenReviewer({ backend: fake.backend });
    fake.fail(new UpstreamError("down"));
    await expect(reviewer.review("t")).rejects.toMatchObject({ code: "upstream_unavailable" });
    fake.fail(undefined);
    expect(await reviewer.review("t")).toMatchObject({ username: "alice" });
  });
});

describe("kubernetesAccess", () => {
  const fake = fakeBackend({ "tok-bob": "bob" }, () => true);
  const reviewer = createTokenReviewer({ backend: fake.backend });
  const strict = kubernetesAccess({ reviewer, allowAnonymousClusterReads: false });
  const open = kubernetesAccess({ reviewer, allowAnonymousClusterReads: true });

  it("requires a valid token on user routes", async () => {
    await expect(strict.identify(req(), "user")).rejects.toMatchObject({ code: "unauthenticated", status: 401 });
    await expect(strict.identify(req({ authorization: "Bearer nope" }), "user")).rejects.toMatchObject({ code: "unauthenticated" });
    expect(await strict.identify(req({ authorization: "Bearer tok-bob" }), "user")).toMatchObject({ kind: "user", username: "bob" });
  });

  it("lets anonymous callers reach cluster routes only when allowed, but never with a bad token", async () => {
    await expect(strict.identify(req(), "cluster")).rejects.toMatchObject({ code: "unauthenticated" });
    expect(await open.identify(req(), "cluster")).toEqual({ kind: "anonymous" });
    await expect(open.identify(req({ authorization: "Bearer nope" }), "cluster")).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(open.identify(req(), "user")).rejects.toMatchObject({ code: "unauthenticated" });
  });

  it("ignores identity headers a caller might forge", async () => {
    const forged = {
      "impersonate-user": "admin",
      "x-remote-user": "admin",
      "x-forwarded-user": "admin",
      "impersonate-group": "system:masters",
    };
    await expect(strict.identify(req(forged), "user")).rejects.toMatchObject({ code: "unauthenticated" });
    const identity = await strict.identify(req({ ...forged, authorization: "Bearer tok-bob" }), "user");
    expect(identity).toMatchObject({ kind: "user", username: "bob", groups: ["system:authenticated"] });
  });

  it("treats public routes leniently: a bad token is just anonymous", async () => {
    expect(await strict.identify(req({ authorization: "Bearer nope" }), "public")).toEqual({ kind: "anonymous" });
  });
});

describe("permissions (SubjectAccessReview)", () => {
  const alice = { kind: "user" as const, username: "alice", groups: ["system:authenticated"], token: "t" };

  it("narrows to the namespaces the user may list and caches each answer", async () => {
    const fake = fakeBackend({}, (user, ns) => user === "alice" && ns === "team-a");
    const permissions = createPermissions({ backend: fake.backend });
    const visible = await permissions.visibleNamespaces(alice, { group: "kaito.sh", resource: "workspaces" }, ["team-a", "team-b"]);
    expect(visible).toEqual(new Set(["team-a"]));
    const calls = fake.calls.length; // one cluster-wide question + one per namespace
    expect(calls).toBe(3);
    await permissions.visibleNamespaces(alice, { group: "kaito.sh", resource: "workspaces" }, ["team-a", "team-b"]);
    expect(fake.calls.length).toBe(calls);
    const spec = (fake.calls[0]?.body as { spec?: Record<string, unknown> } | undefined)?.spec;
    expect(spec).toMatchObject({
      user: "alice",
      groups: ["system:authenticated"],
      resourceAttributes: { verb: "list", group: "kaito.sh" },
    });
  });

  it("answers 'all' with a single review when the user may list cluster-wide", async () => {
    const fake = fakeBackend({}, () => true);
    const permissions = createPermissions({ backend: fake.backend });
    expect(await permissions.visibleNamespaces(alice, { group: "", resource: "pods" }, ["a", "b", "c"])).toBe("all");
    expect(fake.calls).toHaveLength(1);
  });

  it("gives the local user everything and anonymous callers nothing, without asking", async () => {
    const fake = fakeBackend({}, () => true);
    const permissions = createPermissions({ backend: fake.backend });
    expect(await permissions.visibleNamespaces({ kind: "local" }, { group: "", resource: "pods" }, ["a"])).toBe("all");
    expect(await permissions.can({ kind: "anonymous" }, { verb: "list", group: "", resource: "pods" })).toBe(false);
    expect(fake.calls).toHaveLength(0);
  });

  it("expires answers after the TTL so revoked access stops within ~30 s", async () => {
    let now = 0;
    let allow = true;
    const fake = fakeBackend({}, () => allow);
    const permissions = createPermissions({ backend: fake.backend, now: () => now });
    const attrs = { verb: "list" as const, group: "", resource: "pods", namespace: "a" };
    expect(await permissions.can(alice, attrs)).toBe(true);
    allow = false;
    expect(await permissions.can(alice, attrs)).toBe(true);
    now = 30_001;
    expect(await permissions.can(alice, attrs)).toBe(false);
  });
});
