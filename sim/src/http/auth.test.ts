import { AuthenticationV1Api, AuthorizationV1Api } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kubeConfigFor, startTestCluster, statusOf, type TestCluster } from "./testing";

let t: TestCluster;
beforeAll(async () => {
  t = await startTestCluster({ controllers: false });
  for (const name of ["team-a", "team-b", "kubeairunway-system"]) await t.core().createNamespace({ body: { metadata: { name } } });
});
afterAll(() => t.stop());

const cm = (name: string) => ({ metadata: { name }, data: { a: "b" } });

describe("authentication", () => {
  it("answers 401 without a token or with an unknown one", async () => {
    const none = await t.request(undefined, "/api/v1/namespaces");
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: "Unauthorized",
      reason: "Unauthorized",
      code: 401,
    });
    const bogus = kubeConfigFor(t.cluster.url, "not-a-token");
    expect((await statusOf(() => bogus.makeApiClient(AuthenticationV1Api).createSelfSubjectReview({ body: {} })))?.code).toBe(401);
    expect((await t.request(undefined, "/healthz")).status).toBe(200);
  });
});

describe("RBAC per seeded user", () => {
  it("lets alice edit team-a only", async () => {
    await t.core("alice").createNamespacedConfigMap({ namespace: "team-a", body: cm("alice-cm") });
    const denied = await statusOf(() => t.core("alice").listNamespacedPod({ namespace: "team-b" }));
    expect(denied).toMatchObject({
      code: 403,
      body: {
        reason: "Forbidden",
        message: 'pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "team-b"',
        details: { kind: "pods" },
      },
    });
    const cluster = await statusOf(() => t.core("alice").listNode());
    expect(cluster?.body["message"]).toBe(
      'nodes is forbidden: User "alice" cannot list resource "nodes" in API group "" at the cluster scope',
    );
    const named = await statusOf(() =>
      t.objects("alice").read({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", namespace: "team-b" } }),
    );
    expect(named?.body["message"]).toBe(
      'deployments.apps "web" is forbidden: User "alice" cannot get resource "deployments" in API group "apps" in the namespace "team-b"',
    );
  });

  it("lets bob read everywhere and write nowhere", async () => {
    expect((await t.core("bob").listNamespacedConfigMap({ namespace: "team-a" })).items.map((c) => c.metadata?.name)).toContain("alice-cm");
    expect((await t.core("bob").listNode()).items).toEqual([]);
    const write = await statusOf(() => t.core("bob").createNamespacedConfigMap({ namespace: "team-a", body: cm("bob-cm") }));
    expect(write?.body["message"]).toBe(
      'configmaps is forbidden: User "bob" cannot create resource "configmaps" in API group "" in the namespace "team-a"',
    );
  });

  it("gives the backend's ServiceAccount its reads, reviews and proxies but no writes", async () => {
    const sa = "kubeairunway";
    expect((await t.core(sa).listPodForAllNamespaces()).items).toBeDefined();
    expect((await statusOf(() => t.core(sa).createNamespacedConfigMap({ namespace: "team-a", body: cm("sa") })))?.code).toBe(403);
    expect((await statusOf(() => t.core(sa).listNamespacedSecret({ namespace: "team-a" })))?.code).toBe(403);
  });
});

describe("review APIs", () => {
  it("TokenReview identifies tokens for the backend", async () => {
    const api = t.kc("kubeairunway").makeApiClient(AuthenticationV1Api);
    const ok = await api.createTokenReview({ body: { spec: { token: t.cluster.tokens.alice } } });
    expect(ok.status).toMatchObject({ authenticated: true, user: { username: "alice", groups: ["team-a", "system:authenticated"] } });
    const bad = await api.createTokenReview({ body: { spec: { token: "nope" } } });
    expect(bad.status?.authenticated).toBeFalsy();
    expect(
      (
        await statusOf(() =>
          t
            .kc("alice")
            .makeApiClient(AuthenticationV1Api)
            .createTokenReview({ body: { spec: { token: "x" } } }),
        )
      )?.code,
    ).toBe(403);
  });

  it("SubjectAccessReview and SelfSubjectAccessReview answer from the same rules", async () => {
    const sar = t.kc("kubeairunway").makeApiClient(AuthorizationV1Api);
    const ask = (namespace: string) =>
      sar.createSubjectAccessReview({
        body: {
          spec: {
            user: "alice",
            groups: ["team-a"],
            resourceAttributes: { namespace, verb: "create", group: "kaito.sh", resource: "workspaces" },
          },
        },
      });
    expect((await ask("team-a")).status?.allowed).toBe(true);
    expect((await ask("team-b")).status?.allowed).toBe(false);
    const invalid = await statusOf(() => sar.createSubjectAccessReview({ body: { spec: { user: "alice" } } }));
    expect(invalid?.code).toBe(422);
    const self = t.kc("bob").makeApiClient(AuthorizationV1Api);
    const canList = await self.createSelfSubjectAccessReview({
      body: { spec: { resourceAttributes: { verb: "list", resource: "pods", namespace: "team-b" } } },
    });
    expect(canList.status?.allowed).toBe(true);
    const canDelete = await self.createSelfSubjectAccessReview({
      body: { spec: { resourceAttributes: { verb: "delete", resource: "pods", namespace: "team-b" } } },
    });
    expect(canDelete.status?.allowed).toBe(false);
    const rules = await t
      .kc("alice")
      .makeApiClient(AuthorizationV1Api)
      .createSelfSubjectRulesReview({ body: { spec: { namespace: "team-a" } } });
    expect(rules.status?.resourceRules.some((r) => r.verbs.includes("create") && r.resources?.includes("*"))).toBe(true);
    const elsewhere = await t
      .kc("alice")
      .makeApiClient(AuthorizationV1Api)
      .createSelfSubjectRulesReview({ body: { spec: { namespace: "team-b" } } });
    expect(elsewhere.status?.resourceRules.some((r) => r.verbs.includes("create") && r.resources?.includes("*"))).toBe(false);
  });
});

describe("impersonation and audit", () => {
  it("honours Impersonate-User for admin and refuses it for others", async () => {
    const asAlice = await t.request("admin", "/api/v1/namespaces/team-b/pods", { headers: { "Impersonate-User": "alice" } });
    expect(asAlice.status).toBe(403);
    const asAliceWithGroup = await t.request("admin", "/api/v1/namespaces/team-b/pods", {
      headers: { "Impersonate-User": "alice", "Impersonate-Group": "system:masters" },
    });
    expect(asAliceWithGroup.status).toBe(200);
    const byAlice = await t.request("alice", "/api/v1/namespaces/team-a/pods", { headers: { "Impersonate-User": "bob" } });
    expect(byAlice.status).toBe(403);
    expect(((await byAlice.json()) as { message: string }).message).toBe(
      'users "bob" is forbidden: User "alice" cannot impersonate resource "users" in API group "" at the cluster scope',
    );
  });

  it("records every write with who, what and the result, readable by admin only", async () => {
    await t.request("admin", "/api/v1/namespaces/team-a/configmaps", {
      method: "POST",
      headers: { "Impersonate-User": "alice", "Content-Type": "application/json" },
      body: JSON.stringify(cm("via-impersonation")),
    });
    await statusOf(() => t.core("bob").deleteNamespacedConfigMap({ name: "alice-cm", namespace: "team-a" }));
    const audit = await t.request("admin", "/sim/v1/audit?namespace=team-a");
    const items = ((await audit.json()) as { items: Record<string, unknown>[] }).items;
    expect(items).toContainEqual(
      expect.objectContaining({
        user: "alice",
        impersonatedBy: "admin",
        verb: "create",
        resource: "configmaps",
        name: "via-impersonation",
        code: 201,
      }),
    );
    expect(items).toContainEqual(
      expect.objectContaining({ user: "bob", verb: "delete", resource: "configmaps", name: "alice-cm", code: 403 }),
    );
    expect((await t.request("bob", "/sim/v1/audit")).status).toBe(403);
    // Writes that do not come through HTTP (controllers) are recorded with their system identity.
    const controller = { username: "system:serviceaccount:kube-system:replicaset-controller", groups: ["system:authenticated"] };
    t.cluster.store.create(
      { group: "", version: "v1", resource: "configmaps" },
      { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "by-controller", namespace: "team-a" } },
      controller,
    );
    const again = (
      (await (await t.request("admin", "/sim/v1/audit?user=system:serviceaccount:kube-system:replicaset-controller")).json()) as {
        items: unknown[];
      }
    ).items;
    expect(again).toEqual([expect.objectContaining({ verb: "create", resource: "configmaps", name: "by-controller", code: 201 })]);
  });
});

describe("fault injection", () => {
  it("fails requests with the configured status and Retry-After, then recovers", async () => {
    const bad = await t.request("admin", "/sim/v1/faults", { method: "POST", body: JSON.stringify({ errorRate: 2 }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toContain("errorRate");
    expect((await t.request("bob", "/sim/v1/faults", { method: "POST", body: "{}" })).status).toBe(403);
    await t.request("admin", "/sim/v1/faults", {
      method: "POST",
      body: JSON.stringify({ errorRate: 1, errorStatus: 429, retryAfterSeconds: 3, pathContains: "/configmaps" }),
    });
    const limited = await t.request("admin", "/api/v1/namespaces/team-a/configmaps");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("3");
    expect((await t.request("admin", "/api/v1/namespaces/team-a/pods")).status).toBe(200);
    t.cluster.setFaults({ errorRate: 1, errorStatus: 503, latencyMs: 50 });
    const started = Date.now();
    const unavailable = await statusOf(() => t.core().listNamespace());
    expect(unavailable?.code).toBe(503);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    t.cluster.setFaults({});
    expect((await t.core().listNamespace()).items.length).toBeGreaterThan(0);
  });
});
