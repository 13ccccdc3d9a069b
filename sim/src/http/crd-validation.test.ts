import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ApiextensionsV1Api, type KubernetesObject, PatchStrategy, setHeaderOptions } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCluster, statusOf, type TestCluster } from "./testing";

const CRDS = "/work/shared/crds";
const groups = readdirSync(CRDS, { withFileTypes: true }).filter((d) => d.isDirectory());
const crdFiles = groups.flatMap((g) =>
  readdirSync(join(CRDS, g.name))
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => join(CRDS, g.name, f)),
);
const exampleFiles = groups.flatMap((g) => {
  const dir = join(CRDS, g.name, "examples");
  try {
    return readdirSync(dir).map((f) => join(dir, f));
  } catch {
    return [];
  }
});

type Obj = KubernetesObject & Record<string, unknown>;
/** Bun's native YAML parser: the `yaml` package needs seconds for the 1–2 MB upstream CRDs. */
const load = (file: string): Obj[] => {
  const parsed = Bun.YAML.parse(readFileSync(file, "utf8")) as Obj | Obj[] | null;
  return (Array.isArray(parsed) ? parsed : [parsed]).filter((o): o is Obj => o !== null && typeof o === "object");
};

function at(object: Obj, path: string): { parent: Record<string, unknown>; key: string } {
  const keys = path.split(".").flatMap((k) => k.split(/\[(\d+)\]/).filter((s) => s !== ""));
  let parent: Record<string, unknown> = object;
  for (const k of keys.slice(0, -1)) parent = parent[k] as Record<string, unknown>;
  return { parent, key: keys[keys.length - 1] as string };
}

/** Each mutation breaks one constraint of the upstream schema; `field` is the cause it must produce. */
const MUTATIONS: { file: string; path: string; value?: unknown; reason: string; field: string }[] = [
  {
    file: "kaito/examples/kaito_workspace_phi_4.yaml",
    path: "inference.preset.accessMode",
    value: "secret",
    reason: "FieldValueNotSupported",
    field: "inference.preset.accessMode",
  },
  {
    file: "kaito/examples/kaito_workspace_phi_4.yaml",
    path: "resource.labelSelector",
    reason: "FieldValueRequired",
    field: "resource.labelSelector",
  },
  {
    file: "kaito/examples/kaito_workspace_phi_4.yaml",
    path: "resource.count",
    value: "two",
    reason: "FieldValueTypeInvalid",
    field: "resource.count",
  },
  {
    file: "kuberay/examples/ray-service.llm-serve.yaml",
    path: "spec.rayClusterConfig.headGroupSpec",
    reason: "FieldValueRequired",
    field: "spec.rayClusterConfig.headGroupSpec",
  },
  {
    file: "kuberay/examples/ray-cluster.sample.yaml",
    path: "spec.headGroupSpec.template.spec.containers",
    reason: "FieldValueRequired",
    field: "spec.headGroupSpec.template.spec.containers",
  },
  {
    file: "dynamo/examples/vllm-agg.yaml",
    path: "spec.backendFramework",
    value: "tensorflow",
    reason: "FieldValueNotSupported",
    field: "spec.backendFramework",
  },
  {
    file: "dynamo/examples/vllm-disagg.yaml",
    path: "spec.pvcs",
    value: Array.from({ length: 101 }, (_, i) => ({ name: `p${i}` })),
    reason: "FieldValueTooMany",
    field: "spec.pvcs",
  },
  {
    file: "dynamo/examples/sglang-agg.yaml",
    path: "spec.restart",
    value: { id: "" },
    reason: "FieldValueInvalid",
    field: "spec.restart.id",
  },
];

let t: TestCluster;
beforeAll(async () => {
  t = await startTestCluster({ controllers: false });
  // Raw JSON on purpose: client-node's typed serializer drops `enum`/`default` from JSONSchemaProps.
  for (const file of crdFiles) {
    for (const crd of load(file)) {
      const res = await t.request("admin", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(crd),
      });
      expect(res.status).toBe(201);
    }
  }
  const namespaces = new Set(
    exampleFiles.flatMap((f) => load(f).map((o) => o.metadata?.namespace)).filter((n): n is string => !!n && n !== "default"),
  );
  for (const name of namespaces) await t.core().createNamespace({ body: { metadata: { name } } });
}, 60_000);
afterAll(() => t.stop());

describe("custom resources validated against the real CRDs", () => {
  it("serves every installed CRD in discovery with Established status", async () => {
    const ext = t.kc().makeApiClient(ApiextensionsV1Api);
    const crd = await ext.readCustomResourceDefinition({ name: "workspaces.kaito.sh" });
    expect(crd.status?.conditions?.find((c) => c.type === "Established")?.status).toBe("True");
    const res = await t.request("admin", "/apis/kaito.sh/v1beta1");
    const list = (await res.json()) as {
      groupVersion: string;
      resources: { name: string; kind: string; namespaced: boolean; verbs: string[] }[];
    };
    expect(list.groupVersion).toBe("kaito.sh/v1beta1");
    expect(list.resources.map((r) => `${r.name}:${r.kind}`)).toEqual([
      "inferencesets:InferenceSet",
      "inferencesets/scale:Scale",
      "inferencesets/status:InferenceSet",
      "workspaces:Workspace",
      "workspaces/status:Workspace",
    ]);
    expect(list.resources[3]).toMatchObject({ namespaced: true, verbs: expect.arrayContaining(["list", "watch", "create"]) });
    const group = (await (await t.request("admin", "/apis/kaito.sh")).json()) as { preferredVersion: { version: string } };
    expect(group.preferredVersion.version).toBe("v1beta1");
  });

  it.each(exampleFiles.map((f) => [f.slice(CRDS.length + 1), f]))("accepts the upstream example %s", async (_name, file) => {
    for (const object of load(file)) {
      object.metadata = { ...object.metadata, namespace: object.metadata?.namespace ?? "default" };
      const created = await t.objects().create(object);
      expect(created.metadata?.uid).toBeTruthy();
    }
  });

  it.each(MUTATIONS.map((m) => [`${m.file} ${m.path}`, m]))("rejects %s with a cause naming the field", async (_name, m) => {
    const object = load(join(CRDS, m.file)).find((o) => o.kind !== "Secret" && o.kind !== "ConfigMap") as Obj;
    object.metadata = { name: `broken-${Math.floor(Math.random() * 1e9)}`, namespace: "default" };
    const { parent, key } = at(object, m.path);
    if (m.value === undefined) delete parent[key];
    else parent[key] = m.value;
    const result = await statusOf(() => t.objects().create(object));
    expect(result?.code).toBe(422);
    expect(result?.body).toMatchObject({ reason: "Invalid", details: { kind: object.kind } });
    const details = result?.body["details"] as { causes: { field: string; reason: string }[] } | undefined;
    expect(details?.causes).toContainEqual(expect.objectContaining({ field: m.field, reason: m.reason }));
    const group = String(object.apiVersion).split("/")[0];
    expect(String(result?.body["message"])).toContain(`${object.kind}.${group} "${object.metadata?.name}" is invalid`);
  });

  it("prunes unknown fields, or rejects them with fieldValidation=Strict", async () => {
    const object = load(join(CRDS, "kaito/examples/kaito_workspace_phi_4.yaml"))[0] as Obj;
    object.metadata = { name: "pruned", namespace: "default" };
    (object["inference"] as Record<string, unknown>)["bogus"] = 1;
    const created = (await t.objects().create(object)) as Obj;
    expect(created["inference"]).not.toHaveProperty("bogus");
    object.metadata = { name: "strict", namespace: "default" };
    const strict = await t.request("admin", "/apis/kaito.sh/v1beta1/namespaces/default/workspaces?fieldValidation=Strict", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(object),
    });
    expect(strict.status).toBe(400);
    expect(((await strict.json()) as { message: string }).message).toContain('unknown field "inference.bogus"');
  });

  it("keeps status to the status subresource and bumps generation only on spec changes", async () => {
    const custom = t.custom();
    const coords = { group: "nvidia.com", version: "v1alpha1", namespace: "default", plural: "dynamographdeployments" };
    const body = load(join(CRDS, "dynamo/examples/vllm-agg.yaml"))[0] as Obj;
    body.metadata = { name: "gen", namespace: "default" };
    const created = (await custom.createNamespacedCustomObject({ ...coords, body: { ...body, status: { state: "successful" } } })) as Obj;
    expect(created["status"]).toBeUndefined();
    expect(created.metadata?.generation).toBe(1);
    const withStatus = (await custom.replaceNamespacedCustomObjectStatus({
      ...coords,
      name: "gen",
      body: { ...created, status: { state: "pending" } },
    })) as Obj;
    expect(withStatus["status"]).toEqual({ state: "pending" });
    expect(withStatus.metadata?.generation).toBe(1);
    const badStatus = await statusOf(() =>
      custom.replaceNamespacedCustomObjectStatus({ ...coords, name: "gen", body: { ...withStatus, status: { state: "exploded" } } }),
    );
    expect(badStatus?.code).toBe(422);
    const patched = (await custom.patchNamespacedCustomObject(
      { ...coords, name: "gen", body: { spec: { backendFramework: "vllm" } } },
      setHeaderOptions("Content-Type", PatchStrategy.MergePatch),
    )) as Obj;
    expect(patched.metadata?.generation).toBe(2);
    expect(patched["status"]).toEqual({ state: "pending" });
    const unconditional = await statusOf(() =>
      custom.replaceNamespacedCustomObject({
        ...coords,
        name: "gen",
        body: { ...patched, metadata: { ...patched.metadata, resourceVersion: undefined } },
      }),
    );
    expect(unconditional?.code).toBe(422);
    const smp = await statusOf(() =>
      custom.patchNamespacedCustomObject(
        { ...coords, name: "gen", body: { spec: {} } },
        setHeaderOptions("Content-Type", PatchStrategy.StrategicMergePatch),
      ),
    );
    expect(smp?.code).toBe(415);
  });
});
