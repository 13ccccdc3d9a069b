import { AppsV1Api, AuthenticationV1Api, AuthorizationV1Api, PatchStrategy, setHeaderOptions } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, startTestCluster, statusOf, type TestCluster } from "./testing";

let t: TestCluster;
beforeAll(async () => {
  t = await startTestCluster({ controllers: false });
  for (const name of ["team-a", "doomed"]) await t.core().createNamespace({ body: { metadata: { name } } });
});
afterAll(() => t.stop());

const json = { "Content-Type": "application/json" };

describe("more apiserver semantics", () => {
  it("terminates a namespace: Terminating, contents deleted, 403 for new content, then gone", async () => {
    const core = t.core();
    await core.createNamespacedConfigMap({ namespace: "doomed", body: { metadata: { name: "c" } } });
    await core.createNamespacedPod({
      namespace: "doomed",
      body: { metadata: { name: "p" }, spec: { nodeName: "n", terminationGracePeriodSeconds: 5, containers: [{ name: "c", image: "x" }] } },
    });
    const ns = await core.deleteNamespace({ name: "doomed" });
    expect((ns as { status?: { phase?: string } }).status?.phase).toBe("Terminating");
    const refused = await statusOf(() => core.createNamespacedConfigMap({ namespace: "doomed", body: { metadata: { name: "late" } } }));
    expect(refused).toMatchObject({
      code: 403,
      body: { message: "unable to create new content in namespace doomed because it is being terminated" },
    });
    await eventually(async () => (await statusOf(() => core.readNamespace({ name: "doomed" })))?.code === 404, 3000);
  });

  it("deletes a collection by label selector", async () => {
    const core = t.core();
    for (const [name, tier] of [
      ["d1", "x"],
      ["d2", "x"],
      ["d3", "y"],
    ])
      await core.createNamespacedConfigMap({
        namespace: "team-a",
        body: { metadata: { name: String(name), labels: { tier: String(tier) } } },
      });
    await core.deleteCollectionNamespacedConfigMap({ namespace: "team-a", labelSelector: "tier=x" });
    const left = await core.listNamespacedConfigMap({ namespace: "team-a", labelSelector: "tier" });
    expect(left.items.map((i) => i.metadata?.name)).toEqual(["d3"]);
  });

  it("serves deployments/scale and bumps generation", async () => {
    const apps = t.kc().makeApiClient(AppsV1Api);
    const body = {
      metadata: { name: "web" },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: "web" } },
        template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "c", image: "nginx" }] } },
      },
    };
    await apps.createNamespacedDeployment({ namespace: "team-a", body });
    const scale = await apps.readNamespacedDeploymentScale({ name: "web", namespace: "team-a" });
    expect(scale.spec?.replicas).toBe(1);
    expect(scale.status?.selector).toBe("app=web");
    await apps.patchNamespacedDeploymentScale(
      { name: "web", namespace: "team-a", body: { spec: { replicas: 3 } } },
      setHeaderOptions("Content-Type", PatchStrategy.MergePatch),
    );
    const deployment = await apps.readNamespacedDeployment({ name: "web", namespace: "team-a" });
    expect(deployment.spec?.replicas).toBe(3);
    expect(deployment.metadata?.generation).toBe(2);
  });

  it("fills generateName and answers server-side apply (create, then merge)", async () => {
    const created = await t.core().createNamespacedConfigMap({ namespace: "team-a", body: { metadata: { generateName: "gen-" } } });
    expect(created.metadata?.name).toMatch(/^gen-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    const path = "/api/v1/namespaces/team-a/configmaps/ssa?fieldManager=test";
    const apply = (data: Record<string, string>) =>
      t.request("admin", path, {
        method: "PATCH",
        headers: { "Content-Type": "application/apply-patch+yaml" },
        body: JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "ssa" }, data }),
      });
    expect((await apply({ a: "1" })).status).toBe(201);
    const second = await apply({ b: "2" });
    expect(second.status).toBe(200);
    expect(((await second.json()) as { data: Record<string, string> }).data).toEqual({ a: "1", b: "2" });
    const noManager = await t.request("admin", "/api/v1/namespaces/team-a/configmaps/ssa", {
      method: "PATCH",
      headers: { "Content-Type": "application/apply-patch+yaml" },
      body: "{}",
    });
    expect(noManager.status).toBe(422);
  });

  it("watches across all namespaces and rejects unsupported verbs with 405", async () => {
    const res = await t.request("admin", "/api/v1/configmaps?watch=1&resourceVersion=0", { signal: AbortSignal.timeout(2000) });
    const reader = res.body?.getReader() as ReadableStreamDefaultReader<Uint8Array>;
    let text = "";
    while (!text.includes('"name":"d3"')) text += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    expect(text).toContain('"type":"ADDED"');
    const collectionDelete = await t.request("admin", "/api/v1/namespaces", { method: "DELETE" });
    expect(collectionDelete.status).toBe(405);
    expect(((await collectionDelete.json()) as { reason: string }).reason).toBe("MethodNotAllowed");
  });

  it("checks review inputs and answers LocalSubjectAccessReview", async () => {
    const empty = await statusOf(() =>
      t
        .kc("kubeairunway")
        .makeApiClient(AuthenticationV1Api)
        .createTokenReview({ body: { spec: { token: "" } } }),
    );
    expect(empty).toMatchObject({ code: 400, body: { message: "token is required for TokenReview in authentication" } });
    const lsar = await t
      .kc()
      .makeApiClient(AuthorizationV1Api)
      .createNamespacedLocalSubjectAccessReview({
        namespace: "team-a",
        body: { spec: { user: "alice", resourceAttributes: { namespace: "team-a", verb: "delete", resource: "pods" } } },
      });
    expect(lsar.status?.allowed).toBe(true);
  });

  it("warns about unknown fields with fieldValidation=Warn and rejects bad selectors", async () => {
    await t.request("admin", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", {
      method: "POST",
      headers: json,
      body: JSON.stringify({
        apiVersion: "apiextensions.k8s.io/v1",
        kind: "CustomResourceDefinition",
        metadata: { name: "gadgets.example.com" },
        spec: {
          group: "example.com",
          scope: "Namespaced",
          names: { plural: "gadgets", kind: "Gadget" },
          versions: [
            {
              name: "v1",
              served: true,
              storage: true,
              schema: {
                openAPIV3Schema: {
                  type: "object",
                  properties: { spec: { type: "object", properties: { size: { "x-kubernetes-int-or-string": true } } } },
                },
              },
            },
          ],
        },
      }),
    });
    const res = await t.request("admin", "/apis/example.com/v1/namespaces/team-a/gadgets?fieldValidation=Warn", {
      method: "POST",
      headers: json,
      body: JSON.stringify({ apiVersion: "example.com/v1", kind: "Gadget", metadata: { name: "g" }, spec: { size: "10%", extra: true } }),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get("warning")).toBe('299 - "unknown field \\"spec.extra\\""');
    const wrongType = await t.request("admin", "/apis/example.com/v1/namespaces/team-a/gadgets", {
      method: "POST",
      headers: json,
      body: JSON.stringify({ apiVersion: "example.com/v1", kind: "Gadget", metadata: { name: "h" }, spec: { size: true } }),
    });
    expect(((await wrongType.json()) as { details: { causes: unknown[] } }).details.causes).toEqual([
      {
        reason: "FieldValueTypeInvalid",
        message: 'Invalid value: "boolean": spec.size in body must be of type integer,string: "boolean"',
        field: "spec.size",
      },
    ]);
    const badSelector = await statusOf(() => t.core().listNamespacedConfigMap({ namespace: "team-a", labelSelector: "a in (b" }));
    expect(badSelector?.code).toBe(400);
  });
});
