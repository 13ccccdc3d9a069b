import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { makeConfig } from "@kubeairunway/shared/providers/testing/configs";
import { type SimCluster, startSimCluster } from "@kubeairunway/sim";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { kubeFromFile, testApp } from "../testing/test-app";
import { KUBE_CALLS } from "./backend-calls";
import type { KubeAccess, KubeClients, KubeRequest } from "./types";

/**
 * The static list in backend-calls.ts, checked against what the backend really sends: the app runs
 * against the simulated cluster, every request is recorded with the identity that made it, and
 * each one must be (a) in the list and (b) allowed by the chart's rendered ClusterRoles.
 */

interface Rule {
  apiGroups?: string[];
  resources?: string[];
  verbs: string[];
}
interface Call {
  as: "backend" | "user";
  method: string;
  path: string;
  query: KubeRequest["query"];
}
interface Attributes {
  verb: string;
  group: string;
  resource: string;
}

const MANIFESTS = fileURLToPath(new URL("../../../deploy/manifests/kubeairunway.yaml", import.meta.url));

function chartRules(role: string): Rule[] {
  for (const doc of parseAllDocuments(readFileSync(MANIFESTS, "utf8"))) {
    const o = doc.toJS() as { kind?: string; metadata?: { name?: string }; rules?: Rule[] } | null;
    if (o?.kind === "ClusterRole" && o.metadata?.name === role) return o.rules ?? [];
  }
  throw new Error(`ClusterRole ${role} not in ${MANIFESTS}`);
}

/** RBAC attributes of a request path, as the apiserver's RequestInfo derives them; undefined for discovery. */
function attributesOf(call: Pick<Call, "method" | "path" | "query">): Attributes | undefined {
  const parts = call.path.split("?")[0]!.split("/").filter(Boolean);
  let rest: string[];
  let group: string;
  if (parts[0] === "api") [group, rest] = ["", parts.slice(2)];
  else if (parts[0] === "apis") [group, rest] = [parts[1] ?? "", parts.slice(3)];
  else return undefined;
  if (rest.length === 0) return undefined;
  if (rest[0] === "namespaces" && rest.length >= 3) rest = rest.slice(2);
  const [resource = "", name, subresource] = rest;
  // Pod and service proxies carry `name:port` and a trailing path; the subresource is still `proxy`.
  const full = subresource ? `${resource}/${subresource}` : resource;
  const watch = call.query?.watch === true || call.query?.watch === "true" || call.query?.watch === 1;
  const byMethod: Record<string, string> = { POST: "create", PUT: "update", PATCH: "patch", DELETE: name ? "delete" : "deletecollection" };
  const verb = call.method === "GET" ? (name ? "get" : watch ? "watch" : "list") : (byMethod[call.method] ?? call.method.toLowerCase());
  return { verb, group, resource: full };
}

const allows = (rules: Rule[], a: Attributes) =>
  rules.some((r) => r.verbs.includes(a.verb) && r.apiGroups?.includes(a.group) && r.resources?.includes(a.resource));
const listed = (as: Call["as"], a: Attributes) =>
  KUBE_CALLS.some(
    (c) => c.as === as && c.group === a.group && c.resource === a.resource && (c.verbs as readonly string[]).includes(a.verb),
  );

function recording(clients: KubeClients, as: Call["as"], calls: Call[]): KubeClients {
  const record = (req: KubeRequest) => calls.push({ as, method: req.method ?? "GET", path: req.path, query: req.query });
  return {
    identity: clients.identity,
    server: clients.server,
    kubeConfig: clients.kubeConfig,
    core: clients.core,
    apps: clients.apps,
    custom: clients.custom,
    request(req) {
      record(req);
      return clients.request(req);
    },
    stream(req) {
      record(req);
      return clients.stream(req);
    },
  };
}

let sim: SimCluster;
let t: ReturnType<typeof testApp>;
const calls: Call[] = [];

beforeAll(async () => {
  sim = await startSimCluster({ seed: "demo", speed: 0.01 });
  const real = kubeFromFile(sim.kubeconfigPath, "kubeairunway-http");
  const backend = recording(real.asBackend(), "backend", calls);
  const kube: KubeAccess = { asBackend: () => backend, forUser: (token) => recording(real.forUser(token), "user", calls) };
  t = testApp({}, { AUTH_MODE: "kubernetes", AUTH_ALLOW_ANONYMOUS_CLUSTER_READS: "true" }, { kube, startCache: true });
  await t.deps.cache.waitForSync(10_000);
}, 30_000);

afterAll(async () => {
  t?.stop();
  await sim?.stop();
});

describe("the backend's real Kubernetes calls vs backend-calls.ts and the chart's RBAC", () => {
  it("classifies request paths as the apiserver does", () => {
    expect(attributesOf({ method: "GET", path: "/api/v1/pods", query: { watch: true } })).toEqual({
      verb: "watch",
      group: "",
      resource: "pods",
    });
    expect(attributesOf({ method: "GET", path: "/api/v1/namespaces/a/pods/p-0:8080/proxy/metrics", query: {} })).toEqual({
      verb: "get",
      group: "",
      resource: "pods/proxy",
    });
    expect(attributesOf({ method: "DELETE", path: "/apis/kaito.sh/v1beta1/namespaces/a/workspaces/w", query: {} })?.verb).toBe("delete");
    expect(attributesOf({ method: "GET", path: "/apis/kaito.sh/v1beta1", query: {} })).toBeUndefined();
  });

  it("serves every route without a permission failure while recording what it sends", async () => {
    const req = async (path: string, token?: string, init: { method?: string; body?: string } = {}): Promise<Response> => {
      const headers: Record<string, string> = { "Content-Type": "application/json" };
      if (token) headers.Authorization = `Bearer ${token}`;
      return await t.app.request(path, { ...init, headers });
    };
    const admin = sim.tokens.admin;
    const alice = sim.tokens.alice;
    const statuses: Record<string, number> = {};
    const hit = async (label: string, res: Promise<Response>) => {
      statuses[label] = (await res).status;
    };
    await hit("runtimes (anonymous)", req("/api/runtimes"));
    await hit("providers", req("/api/providers"));
    await hit("gpu capacity", req("/api/gpu/capacity"));
    await hit("whoami", req("/api/whoami", alice));
    // A demo deployment that runs (its pods have logs and metrics); the sim at speed 0.01 gets there in well under a second.
    let running: { name: string; namespace: string; phase: string } | undefined;
    for (let i = 0; i < 200 && !running; i++) {
      const list = (await (await req("/api/deployments", admin)).json()) as { items: { name: string; namespace: string; phase: string }[] };
      running = list.items.find((d) => d.phase === "Running");
      if (!running) await Bun.sleep(50);
    }
    if (!running) throw new Error("no demo deployment reached Running");
    const at = `/api/deployments/${running.namespace}/${running.name}`;
    await hit("detail", req(at, admin));
    await hit("events", req(`${at}/events`, admin));
    await hit("logs", req(`${at}/logs?tailLines=5`, admin));
    await hit("metrics", req(`${at}/metrics`));
    const config = makeConfig({
      runtime: "kaito",
      engine: "vllm",
      name: "rbac-probe",
      namespace: "team-a",
      engineArgs: ["--dtype", "bfloat16"],
    });
    await hit("create (alice)", req("/api/deployments", alice, { method: "POST", body: JSON.stringify(config) }));
    await hit("list (alice)", req("/api/deployments", alice));
    await hit("delete (alice)", req("/api/deployments/team-a/rbac-probe", alice, { method: "DELETE" }));
    expect(statuses["create (alice)"]).toBe(201);
    expect(statuses["delete (alice)"]).toBe(200);
    for (const [label, status] of Object.entries(statuses)) {
      expect([label, status < 500 && status !== 401 && status !== 403]).toEqual([label, true]);
    }
  }, 30_000);

  it("made only calls listed in backend-calls.ts, each allowed by the chart's roles", () => {
    const backendRules = chartRules("kubeairunway-backend");
    const editorRules = chartRules("kubeairunway-editor");
    const seen = new Set<string>();
    const problems: string[] = [];
    for (const call of calls) {
      const a = attributesOf(call);
      if (!a) continue;
      const key = `${call.as} ${a.verb} ${a.group}/${a.resource}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (!listed(call.as, a)) problems.push(`${key}: not in backend/src/kube/backend-calls.ts (${call.method} ${call.path})`);
      const byDefault = KUBE_CALLS.some((c) => c.grantedByDefault && c.group === a.group && c.resource === a.resource);
      const rules = call.as === "backend" ? backendRules : editorRules;
      if (!byDefault && !allows(rules, a))
        problems.push(`${key}: not granted by ${call.as === "backend" ? "kubeairunway-backend" : "kubeairunway-editor"}`);
    }
    expect(problems).toEqual([]);
    // The run exercised both identities and the cached, reviewed and written paths.
    for (const expected of [
      "backend watch kaito.sh/workspaces",
      "backend create authentication.k8s.io/tokenreviews",
      "user create kaito.sh/workspaces",
    ]) {
      expect([...seen]).toContain(expected);
    }
  });
});
