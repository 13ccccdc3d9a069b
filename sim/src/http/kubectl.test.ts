import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeKubeconfig } from "../kubeconfig";
import { TokenTable } from "../rbac/tokens";
import { PodBackendRegistry } from "../runtime-hooks";
import { R } from "../store/builtins";
import { ObjectStore } from "../store/store";
import type { Actor, PodBackend } from "../store/types";
import { type SimServer, startSimServer } from "./server";
import { eventually } from "./testing";

const KUBECTL = "/usr/bin/kubectl";
const hasKubectl = existsSync(KUBECTL);
if (!hasKubectl) console.warn(`kubectl tests skipped: ${KUBECTL} not found`);

const admin: Actor = { username: "admin", groups: ["system:masters"] };
const followers = new Set<(line: string) => void>();
const backend: PodBackend = {
  readLog: (_ns, pod) => (pod === "engine-0" ? ["INFO loading model", "INFO ready"] : undefined),
  followLog: (_ns, _pod, _c, onLine) => {
    followers.add(onLine);
    return () => followers.delete(onLine);
  },
  serve: () => undefined,
};

let server: SimServer;
let store: ObjectStore;
let dir: string;
let kubeconfig: string;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function kubectl(...args: string[]): Promise<Run> {
  const proc = Bun.spawn([KUBECTL, "--kubeconfig", kubeconfig, "--cache-dir", join(dir, "cache"), ...args], {
    stdout: "pipe",
    stderr: "pipe",
  });
  const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  return { code, stdout, stderr };
}

function file(name: string, yaml: string): string {
  const path = join(dir, name);
  writeFileSync(path, yaml);
  return path;
}

describe.runIf(hasKubectl)("kubectl 1.32 against the sim", () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "sim-kubectl-"));
    store = new ObjectStore({ speed: 0.01 });
    const tokens = new TokenTable();
    const podBackends = new PodBackendRegistry();
    podBackends.set(backend);
    server = startSimServer({ store, tokens, podBackends });
    for (const name of ["default", "team-a", "team-b"])
      store.create(R.namespaces, { apiVersion: "v1", kind: "Namespace", metadata: { name } }, admin);
    store.create(
      R.pods,
      {
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name: "engine-0", namespace: "team-a" },
        spec: { nodeName: "n1", containers: [{ name: "engine", image: "vllm" }] },
      },
      admin,
    );
    store.mutate(
      R.pods,
      "team-a",
      "engine-0",
      admin,
      (p) => {
        p["status"] = { phase: "Running", containerStatuses: [{ name: "engine", restartCount: 0, state: { running: {} } }] };
      },
      true,
    );
    kubeconfig = await writeKubeconfig(join(dir, "kubeconfig"), server.httpsUrl, server.url, tokens.tokens);
  });
  afterAll(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("gets, creates (-f with default validation), applies and deletes", async () => {
    expect((await kubectl("get", "namespaces", "-o", "name")).stdout).toContain("namespace/team-a");
    const cm = file("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-file\n  namespace: team-a\ndata:\n  a: b\n");
    const created = await kubectl("create", "-f", cm);
    expect(created.stderr).toBe("");
    expect(created.stdout.trim()).toBe("configmap/from-file created");
    expect((await kubectl("apply", "-f", cm)).stdout.trim()).toBe("configmap/from-file configured");
    expect((await kubectl("apply", "-f", cm)).stdout.trim()).toBe("configmap/from-file unchanged");
    const json = JSON.parse((await kubectl("get", "configmap", "from-file", "-n", "team-a", "-o", "json")).stdout) as {
      data: Record<string, string>;
    };
    expect(json.data).toEqual({ a: "b" });
    const deleted = await kubectl("delete", "configmap", "from-file", "-n", "team-a");
    expect(deleted.stdout.trim()).toBe('configmap "from-file" deleted');
    expect((await kubectl("get", "configmap", "from-file", "-n", "team-a")).stderr).toContain('configmaps "from-file" not found');
  });

  it("re-applies a Deployment with a strategic merge that keeps list items by merge key", async () => {
    const manifest = (image: string) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: smp\n  namespace: team-a\nspec:\n  selector:\n    matchLabels: {app: smp}\n  template:\n    metadata:\n      labels: {app: smp}\n    spec:\n      containers:\n      - name: app\n        image: ${image}\n        ports:\n        - containerPort: 8000\n`;
    expect((await kubectl("apply", "-f", file("smp1.yaml", manifest("vllm:1")))).stdout.trim()).toBe("deployment.apps/smp created");
    store.mutate(R.deployments, "team-a", "smp", admin, (d) => {
      (d["spec"] as { template: { spec: { containers: { env?: unknown[] }[] } } }).template.spec.containers[0]!.env = [
        { name: "ADDED_BY_SOMEONE", value: "1" },
      ];
    });
    expect((await kubectl("apply", "-f", file("smp2.yaml", manifest("vllm:2")))).stdout.trim()).toBe("deployment.apps/smp configured");
    const container = (
      store.get(R.deployments, "team-a", "smp")!["spec"] as { template: { spec: { containers: Record<string, unknown>[] } } }
    ).template.spec.containers;
    expect(container).toEqual([
      { name: "app", image: "vllm:2", ports: [{ containerPort: 8000 }], env: [{ name: "ADDED_BY_SOMEONE", value: "1" }] },
    ]);
  });

  it("installs a real CRD with apply -f and rejects an invalid custom resource", async () => {
    const crd = await kubectl("apply", "-f", "/work/shared/crds/kaito/kaito.sh_workspaces.yaml");
    expect(crd.stdout.trim()).toBe("customresourcedefinition.apiextensions.k8s.io/workspaces.kaito.sh created");
    expect((await kubectl("wait", "--for", "condition=established", "crd/workspaces.kaito.sh", "--timeout=10s")).code).toBe(0);
    expect((await kubectl("apply", "-f", "/work/shared/crds/kaito/examples/kaito_workspace_phi_4.yaml")).stdout.trim()).toBe(
      "workspace.kaito.sh/workspace-phi-4 created",
    );
    expect((await kubectl("get", "workspaces", "-A", "-o", "name")).stdout.trim()).toBe("workspace.kaito.sh/workspace-phi-4");
    const bad = file(
      "bad-ws.yaml",
      "apiVersion: kaito.sh/v1beta1\nkind: Workspace\nmetadata:\n  name: bad\nresource:\n  count: two\n  labelSelector: {}\n",
    );
    const rejected = await kubectl("create", "-f", bad);
    expect(rejected.code).not.toBe(0);
    expect(rejected.stderr).toContain('The Workspace "bad" is invalid');
    expect(rejected.stderr).toContain("resource.count");
  });

  it("creates with the protobuf generators (namespace, configmap, secret, deployment)", async () => {
    expect((await kubectl("create", "namespace", "proto")).stdout.trim()).toBe("namespace/proto created");
    expect((await kubectl("create", "configmap", "pcm", "-n", "proto", "--from-literal=k=v")).stdout.trim()).toBe("configmap/pcm created");
    expect((await kubectl("create", "secret", "generic", "psec", "-n", "proto", "--from-literal=p=s3cret")).stdout.trim()).toBe(
      "secret/psec created",
    );
    expect((await kubectl("create", "deployment", "web", "-n", "proto", "--image=nginx", "--replicas=2")).stdout.trim()).toBe(
      "deployment.apps/web created",
    );
    expect(store.get(R.configmaps, "proto", "pcm")?.["data"]).toEqual({ k: "v" });
    expect(store.get(R.secrets, "proto", "psec")?.["data"]).toEqual({ p: Buffer.from("s3cret").toString("base64") });
    expect(store.get(R.deployments, "proto", "web")?.["spec"]).toMatchObject({ replicas: 2, selector: { matchLabels: { app: "web" } } });
  });

  it("prints the real columns from Table responses", async () => {
    const pods = (await kubectl("get", "pods", "-n", "team-a", "-o", "wide")).stdout.split("\n");
    expect(pods[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES$/);
    expect(pods[1]).toMatch(/^engine-0\s+0\/1\s+Running\s+0\s+\d+s\s+<none>\s+n1\s/);
    const all = (await kubectl("get", "namespaces", "--show-labels")).stdout;
    expect(all).toMatch(/^NAME\s+STATUS\s+AGE\s+LABELS/);
    expect(all).toMatch(/team-a\s+Active/);
  });

  it("watches with get -w", async () => {
    const proc = Bun.spawn(
      [KUBECTL, "--kubeconfig", kubeconfig, "--cache-dir", join(dir, "cache"), "get", "configmaps", "-n", "team-b", "-w", "-o", "name"],
      { stdout: "pipe" },
    );
    let out = "";
    const reader = (async () => {
      for await (const chunk of proc.stdout) out += new TextDecoder().decode(chunk);
    })();
    await Bun.sleep(300);
    await kubectl("create", "configmap", "watched", "-n", "team-b");
    await eventually(() => out.includes("configmap/watched"), 5000);
    proc.kill();
    await reader;
    expect(out).toContain("configmap/watched");
  });

  it("shows and follows logs", async () => {
    expect((await kubectl("logs", "engine-0", "-n", "team-a")).stdout).toBe("INFO loading model\nINFO ready\n");
    const proc = Bun.spawn(
      [KUBECTL, "--kubeconfig", kubeconfig, "--cache-dir", join(dir, "cache"), "logs", "-f", "engine-0", "-n", "team-a", "--tail=1"],
      { stdout: "pipe" },
    );
    const output = new Response(proc.stdout).text();
    await eventually(() => followers.size === 1, 5000);
    for (const f of followers) f("INFO request done");
    await Bun.sleep(100);
    store.mutate(
      R.pods,
      "team-a",
      "engine-0",
      admin,
      (p) => {
        p["status"] = { phase: "Running", containerStatuses: [{ name: "engine", restartCount: 1, state: { running: {} } }] };
      },
      true,
    );
    expect(await proc.exited).toBe(0);
    expect(await output).toBe("INFO ready\nINFO request done\n");
  });

  it("answers auth can-i, whoami and --as from the seeded rules", async () => {
    expect((await kubectl("auth", "can-i", "create", "pods", "-n", "team-a", "--context", "alice")).stdout.trim()).toBe("yes");
    const no = await kubectl("auth", "can-i", "create", "pods", "-n", "team-b", "--context", "alice");
    expect(no.stdout.trim()).toBe("no");
    expect(no.code).toBe(1);
    expect((await kubectl("auth", "can-i", "delete", "pods", "-n", "team-a", "--as", "bob")).stdout.trim()).toBe("no");
    expect((await kubectl("auth", "whoami", "--context", "bob", "-o", "jsonpath={.status.userInfo.username}")).stdout).toBe("bob");
    const forbidden = await kubectl("get", "pods", "-n", "team-b", "--context", "alice");
    expect(forbidden.stderr).toContain(
      'Error from server (Forbidden): pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "team-b"',
    );
    const impersonate = await kubectl("get", "pods", "-n", "team-a", "--context", "alice", "--as", "bob");
    expect(impersonate.stderr).toContain('users "bob" is forbidden: User "alice" cannot impersonate resource "users"');
  });
});
