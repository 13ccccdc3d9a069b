import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect } from "node:tls";
import { type SimCluster, startSimCluster } from "@kubeairunway/sim";
import { KubeConfig } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { clientsForIdentity, createKubeAccess, kubeAccessFrom, userKubeConfig } from "./kube-access";
import type { KubeClients } from "./types";

let sim: SimCluster;
let dir: string;
let kubeconfig: string;
const counter = () => join(dir, "exec-calls");

/** SelfSubjectReview: who the apiserver thinks these clients are. */
async function whoami(clients: KubeClients): Promise<string | undefined> {
  const review = await clients.request<{ status?: { userInfo?: { username?: string } } }>({
    method: "POST",
    path: "/apis/authentication.k8s.io/v1/selfsubjectreviews",
    body: { apiVersion: "authentication.k8s.io/v1", kind: "SelfSubjectReview" },
  });
  return review?.status?.userInfo?.username;
}

beforeAll(async () => {
  sim = await startSimCluster({ seed: "empty", speed: 0.01 });
  dir = mkdtempSync(join(tmpdir(), "kube-access-"));
  // An exec credential plugin (as cloud CLIs ship): prints an ExecCredential and counts its runs.
  const plugin = join(dir, "credential-plugin.sh");
  writeFileSync(
    plugin,
    `#!/bin/sh\necho x >> "${counter()}"\necho '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"${sim.tokens.kubeairunway}"}}'\n`,
  );
  chmodSync(plugin, 0o755);
  kubeconfig = join(dir, "kubeconfig");
  writeFileSync(
    kubeconfig,
    stringify({
      apiVersion: "v1",
      kind: "Config",
      clusters: [{ name: "sim", cluster: { server: sim.url, "insecure-skip-tls-verify": true } }],
      users: [
        { name: "plugin", user: { exec: { apiVersion: "client.authentication.k8s.io/v1", command: plugin, interactiveMode: "Never" } } },
        { name: "bob", user: { token: sim.tokens.bob } },
      ],
      contexts: [
        { name: "via-plugin", context: { cluster: "sim", user: "plugin" } },
        { name: "bob", context: { cluster: "sim", user: "bob" } },
      ],
      "current-context": "bob",
    }),
  );
});
afterAll(async () => {
  await sim?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The sim's self-signed https certificate as PEM: the CA a real kubeconfig would carry. */
async function simCertificate(): Promise<string> {
  const { port } = new URL(sim.httpsUrl);
  const der = await new Promise<Buffer>((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port: Number(port), rejectUnauthorized: false }, () => {
      resolve(socket.getPeerCertificate().raw);
      socket.end();
    });
    socket.on("error", reject);
  });
  return `-----BEGIN CERTIFICATE-----\n${der.toString("base64").replace(/.{64}/g, "$&\n")}\n-----END CERTIFICATE-----\n`;
}

const execRuns = () => {
  try {
    return readFileSync(counter(), "utf8").trim().split("\n").length;
  } catch {
    return 0;
  }
};

describe("createKubeAccess", () => {
  it("uses the kubeconfig's current context, or the one KUBE_CONTEXT names", async () => {
    expect(await whoami(createKubeAccess({ inCluster: false, kubeconfig }).asBackend())).toBe("bob");
    const viaPlugin = createKubeAccess({ inCluster: false, kubeconfig, kubeContext: "via-plugin" });
    expect(await whoami(viaPlugin.asBackend())).toBe("system:serviceaccount:kubeairunway-system:kubeairunway");
    expect(execRuns()).toBeGreaterThanOrEqual(1);
  });

  it("acts as the user with only the user's token: no exec plugin, same server", async () => {
    const access = createKubeAccess({ inCluster: false, kubeconfig, kubeContext: "via-plugin" });
    await whoami(access.asBackend());
    const runs = execRuns();
    const alice = access.forUser(sim.tokens.alice);
    expect(alice.server).toBe(sim.url);
    expect(await whoami(alice)).toBe("alice");
    expect(execRuns()).toBe(runs);
    const user = alice.kubeConfig.getCurrentUser();
    expect(user?.exec).toBeUndefined();
    expect(user?.certData ?? user?.certFile ?? user?.keyData ?? user?.keyFile).toBeUndefined();
  });

  it("keeps the cluster's CA and TLS settings for per-user clients", () => {
    const access = createKubeAccess({ inCluster: false, kubeconfig, kubeContext: "via-plugin" });
    const base = access.asBackend().kubeConfig;
    const cluster = {
      name: "tls",
      server: "https://10.0.0.1:6443",
      caData: "Q0EtREFUQQ==",
      tlsServerName: "kubernetes",
      skipTLSVerify: false,
    };
    base.addCluster(cluster);
    base.addContext({ name: "tls", cluster: "tls", user: "plugin" });
    base.setCurrentContext("tls");
    const userConfig = userKubeConfig(base, "t0ken");
    expect(userConfig.getCurrentCluster()).toMatchObject(cluster);
    expect(userConfig.getCurrentUser()).toMatchObject({ token: "t0ken" });
  });

  it("maps apiserver refusals to typed errors and an unreachable server to a retryable one", async () => {
    const bob = createKubeAccess({ inCluster: false, kubeconfig }).asBackend();
    await expect(bob.request({ method: "DELETE", path: "/api/v1/namespaces/default" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(bob.request({ path: "/api/v1/namespaces/nope" })).rejects.toMatchObject({ code: "not_found" });
    const gone = createKubeAccess({ inCluster: false, kubeconfig }).forUser("x");
    gone.kubeConfig.clusters[0] = { ...gone.kubeConfig.clusters[0], name: "sim", server: "http://127.0.0.1:9", skipTLSVerify: true };
    await expect(gone.request({ path: "/api" })).rejects.toMatchObject({ code: "upstream_unavailable", retryAfter: 1 });
  });

  it("never hands user clients to an anonymous caller", () => {
    const access = createKubeAccess({ inCluster: false, kubeconfig });
    expect(() => clientsForIdentity(access, { kind: "anonymous" })).toThrow(/bearer token/);
    expect(clientsForIdentity(access, { kind: "local" })).toBe(access.asBackend());
  });

  it("verifies the apiserver against the kubeconfig's CA, for the backend and for users alike", async () => {
    const pem = await simCertificate();
    const config = (caData?: string) => {
      const kc = new KubeConfig();
      kc.loadFromOptions({
        clusters: [{ name: "tls", server: sim.httpsUrl, caData, skipTLSVerify: false }],
        users: [{ name: "sa", token: sim.tokens.kubeairunway }],
        contexts: [{ name: "tls", cluster: "tls", user: "sa" }],
        currentContext: "tls",
      });
      return kubeAccessFrom(kc);
    };
    const verified = config(Buffer.from(pem).toString("base64"));
    expect(await whoami(verified.asBackend())).toBe("system:serviceaccount:kubeairunway-system:kubeairunway");
    expect(await whoami(verified.forUser(sim.tokens.bob))).toBe("bob");
    // Without the CA the self-signed server is refused: a typed, non-retryable-by-header upstream error.
    await expect(whoami(config(undefined).forUser(sim.tokens.bob))).rejects.toMatchObject({
      code: "upstream_unavailable",
      message: expect.stringMatching(/TLS certificate/),
    });
  });

  it("runs in-cluster from the mounted ServiceAccount token and CA", async () => {
    const root = join(dir, "pod");
    const secrets = join(root, "var/run/secrets/kubernetes.io/serviceaccount");
    mkdirSync(secrets, { recursive: true });
    writeFileSync(join(secrets, "ca.crt"), await simCertificate());
    writeFileSync(join(secrets, "token"), sim.tokens.kubeairunway);
    writeFileSync(join(secrets, "namespace"), "kubeairunway-system");
    const saved = { host: process.env.KUBERNETES_SERVICE_HOST, port: process.env.KUBERNETES_SERVICE_PORT };
    process.env.KUBERNETES_SERVICE_HOST = "127.0.0.1";
    process.env.KUBERNETES_SERVICE_PORT = new URL(sim.httpsUrl).port;
    try {
      const access = createKubeAccess({ inCluster: true, inClusterRoot: root });
      expect(await whoami(access.asBackend())).toBe("system:serviceaccount:kubeairunway-system:kubeairunway");
      expect(await whoami(access.forUser(sim.tokens.alice))).toBe("alice");
    } finally {
      for (const [key, value] of [
        ["KUBERNETES_SERVICE_HOST", saved.host],
        ["KUBERNETES_SERVICE_PORT", saved.port],
      ] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });
});
