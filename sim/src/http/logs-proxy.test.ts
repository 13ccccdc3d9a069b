import { Writable } from "node:stream";
import { Log } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TokenTable } from "../rbac/tokens";
import { PodBackendRegistry } from "../runtime-hooks";
import { R } from "../store/builtins";
import { ObjectStore } from "../store/store";
import type { Actor, KubeObject, PodBackend } from "../store/types";
import { type SimServer, startSimServer } from "./server";
import { eventually, kubeConfigFor } from "./testing";

const admin: Actor = { username: "admin", groups: ["system:masters"] };
const followers = new Set<(line: string) => void>();

/** A fake kubelet: pod "web-0" has logs for container "engine" and serves /metrics on 8000. */
const backend: PodBackend = {
  readLog: (_ns, pod, container, previous) =>
    pod === "quiet-0"
      ? []
      : pod === "web-0" && container === "engine"
        ? previous
          ? ["old crash"]
          : ["line 1", "line 2", "line 3"]
        : undefined,
  followLog: (_ns, _pod, _container, onLine) => {
    followers.add(onLine);
    return () => followers.delete(onLine);
  },
  serve: (_ns, pod, port, path, request) =>
    port === 8000
      ? Promise.resolve(
          new Response(
            `pod=${pod} path=${path} auth=${request.headers.get("authorization") ?? "none"} fwd=${request.headers.get("x-forwarded-uri")}`,
            {
              headers: { "Content-Type": "text/plain", "Access-Control-Allow-Origin": "*" },
            },
          ),
        )
      : undefined,
};

let server: SimServer;
let store: ObjectStore;
let tokens: TokenTable;
const get = (path: string, init: RequestInit = {}) =>
  fetch(`${server.url}${path}`, {
    ...init,
    redirect: "manual",
    headers: { Authorization: `Bearer ${tokens.tokens.admin}`, ...init.headers },
  });

function pod(name: string, extra: Partial<KubeObject> = {}): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default", labels: { app: "web" } },
    spec: {
      nodeName: "node-1",
      containers: [
        { name: "engine", image: "vllm", ports: [{ name: "http", containerPort: 8000 }] },
        { name: "sidecar", image: "x" },
      ],
    },
    ...extra,
  };
}

beforeAll(() => {
  store = new ObjectStore();
  tokens = new TokenTable();
  const podBackends = new PodBackendRegistry();
  podBackends.set(backend);
  server = startSimServer({ store, tokens, podBackends });
  store.create(R.namespaces, { apiVersion: "v1", kind: "Namespace", metadata: { name: "default" } }, admin);
  store.create(R.pods, pod("web-0"), admin);
  store.mutate(
    R.pods,
    "default",
    "web-0",
    admin,
    (p) => {
      p["status"] = {
        phase: "Running",
        podIP: "10.0.0.5",
        conditions: [{ type: "Ready", status: "True" }],
        containerStatuses: [{ name: "engine", restartCount: 0, state: { running: {} } }],
      };
    },
    true,
  );
  store.create(R.pods, pod("waiting"), admin);
  store.mutate(
    R.pods,
    "default",
    "waiting",
    admin,
    (p) => {
      p["status"] = { phase: "Pending", containerStatuses: [{ name: "engine", state: { waiting: { reason: "ImagePullBackOff" } } }] };
    },
    true,
  );
  store.create(R.pods, { ...pod("unscheduled"), spec: { containers: [{ name: "engine", image: "x" }] } }, admin);
  store.create(R.pods, { ...pod("quiet-0"), spec: { nodeName: "node-1", containers: [{ name: "engine", image: "x" }] } }, admin);
  store.create(
    R.services,
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "web", namespace: "default" },
      spec: { selector: { app: "web" }, ports: [{ name: "http", port: 80, targetPort: "http" }] },
    },
    admin,
  );
  store.create(
    R.services,
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "empty", namespace: "default" },
      spec: { selector: { app: "none" }, ports: [{ port: 80 }] },
    },
    admin,
  );
});
afterAll(() => server.stop());

describe("pod logs", () => {
  it("serves text/plain with container choice, tailLines and timestamps", async () => {
    const res = await get("/api/v1/namespaces/default/pods/web-0/log?container=engine&tailLines=2");
    expect(res.headers.get("content-type")).toBe("text/plain");
    expect(await res.text()).toBe("line 2\nline 3\n");
    const stamped = await (await get("/api/v1/namespaces/default/pods/web-0/log?container=engine&timestamps=true&tailLines=1")).text();
    expect(stamped).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z line 3\n$/);
    expect(await (await get("/api/v1/namespaces/default/pods/web-0/log?container=engine&previous=true")).text()).toBe("old crash\n");
  });

  it("answers like the apiserver and kubelet when there is nothing to show", async () => {
    const choose = await get("/api/v1/namespaces/default/pods/web-0/log");
    expect(choose.status).toBe(400);
    expect(((await choose.json()) as { message: string }).message).toBe(
      "a container name must be specified for pod web-0, choose one of: [engine sidecar]",
    );
    const unknown = await (await get("/api/v1/namespaces/default/pods/web-0/log?container=nope")).json();
    expect(unknown).toMatchObject({ code: 400, message: "container nope is not valid for pod web-0" });
    const waiting = await (await get("/api/v1/namespaces/default/pods/waiting/log?container=engine")).json();
    expect(waiting).toMatchObject({
      code: 400,
      message: 'container "engine" in pod "waiting" is waiting to start: trying and failing to pull image',
    });
    expect((await get("/api/v1/namespaces/default/pods/unscheduled/log")).status).toBe(204);
    expect((await get("/api/v1/namespaces/default/pods/missing/log")).status).toBe(404);
    const badTail = await (await get("/api/v1/namespaces/default/pods/web-0/log?container=engine&tailLines=-1")).json();
    expect(badTail).toMatchObject({ code: 422, details: { kind: "PodLogOptions", causes: [{ field: "tailLines" }] } });
  });

  it("streams new lines with follow=true through client-node's Log until the container restarts", async () => {
    const chunks: string[] = [];
    let finished = false;
    const sink = new Writable({
      write(chunk, _enc, cb) {
        chunks.push(String(chunk));
        cb();
      },
      final(cb) {
        finished = true;
        cb();
      },
    });
    await new Log(kubeConfigFor(server.url, tokens.tokens.admin)).log("default", "web-0", "engine", sink, { follow: true, tailLines: 1 });
    await eventually(() => followers.size === 1);
    for (const f of followers) f("fresh line");
    await eventually(() => chunks.join("").includes("fresh line"));
    store.mutate(
      R.pods,
      "default",
      "web-0",
      admin,
      (p) => {
        (p["status"] as { containerStatuses: { restartCount: number }[] }).containerStatuses[0]!.restartCount = 1;
      },
      true,
    );
    await eventually(() => finished);
    expect(chunks.join("")).toBe("line 3\nfresh line\n");
    expect(followers.size).toBe(0);
  });
  it("answers a followed log of a container with no lines yet with 200 text/plain before any line", async () => {
    const controller = new AbortController();
    // The apiserver commits the response head at once; the client must not wait for the first line.
    const headed = fetch(`${server.url}/api/v1/namespaces/default/pods/quiet-0/log?follow=true`, {
      headers: { Authorization: `Bearer ${tokens.tokens.admin}` },
      signal: controller.signal,
    });
    const timeout = new Promise<"no head">((resolve) => setTimeout(() => resolve("no head"), 2000));
    const res = await Promise.race([headed, timeout]);
    if (res === "no head") throw new Error("no response head within 2 s of a followed log with no lines");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/plain");
    await eventually(() => followers.size === 1);
    for (const f of followers) f("first line");
    const reader = res.body!.getReader();
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toBe("first line\n");
    controller.abort();
    await eventually(() => followers.size === 0);
  });
});

describe("proxies", () => {
  it("proxies to a pod port without the caller's credentials", async () => {
    const res = await get("/api/v1/namespaces/default/pods/web-0:8000/proxy/metrics?x=1");
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    expect(await res.text()).toBe("pod=web-0 path=/metrics?x=1 auth=none fwd=/api/v1/namespaces/default/pods/web-0:8000/proxy/metrics?x=1");
    expect((await get("/api/v1/namespaces/default/pods/web-0/proxy")).status).toBe(301);
    expect((await get("/api/v1/namespaces/default/pods/web-0:9999/proxy/")).status).toBe(503);
    expect((await get("/api/v1/namespaces/default/pods/a:b:c:d/proxy/")).status).toBe(400);
  });

  it("routes a service proxy to a ready pod through the named target port", async () => {
    const res = await get("/api/v1/namespaces/default/services/http:web:http/proxy/v1/models");
    expect(await res.text()).toContain("pod=web-0 path=/v1/models");
    expect((await get("/api/v1/namespaces/default/services/web:80/proxy/")).status).toBe(200);
    const noPort = await (await get("/api/v1/namespaces/default/services/web:81/proxy/")).json();
    expect(noPort).toMatchObject({ code: 503, message: 'no service port 81 found for service "web"' });
    const none = await (await get("/api/v1/namespaces/default/services/empty/proxy/")).json();
    expect(none).toMatchObject({ code: 503, reason: "ServiceUnavailable", message: 'no endpoints available for service "empty"' });
    expect((await get("/api/v1/namespaces/default/services/ghost/proxy/")).status).toBe(404);
  });

  it("checks pods/proxy and services/proxy with RBAC", async () => {
    const alice = await fetch(`${server.url}/api/v1/namespaces/default/services/web/proxy/`, {
      headers: { Authorization: `Bearer ${tokens.tokens.alice}` },
    });
    expect(alice.status).toBe(403);
    const sa = await fetch(`${server.url}/api/v1/namespaces/default/services/web/proxy/metrics`, {
      headers: { Authorization: `Bearer ${tokens.tokens.kubeairunway}` },
    });
    expect(sa.status).toBe(200);
  });
});
