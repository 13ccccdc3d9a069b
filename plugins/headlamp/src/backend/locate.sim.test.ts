import { type SimCluster, startSimCluster } from "@kubeairunway/sim";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simRequest } from "../testing/sim-request";
import { discoverBackend } from "./locate";

describe("finding the backend's Service as a user of the simulated cluster", () => {
  let sim: SimCluster;
  beforeAll(async () => {
    sim = await startSimCluster({ controllers: false });
    const admin = simRequest(sim.url, sim.tokens.admin);
    const post = (path: string, body: object) =>
      admin(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    await post("/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "team-a" } });
    await post("/api/v1/namespaces/team-a/services", {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "airunway", namespace: "team-a", labels: { "app.kubernetes.io/name": "kubeairunway" } },
      spec: {
        selector: { app: "airunway" },
        ports: [
          { name: "metrics", port: 9090 },
          { name: "http", port: 3001 },
        ],
      },
    });
  }, 30_000);
  afterAll(() => sim?.stop());

  it("finds it cluster-wide for a user who may list Services everywhere, on its `http` port", async () => {
    expect(await discoverBackend(simRequest(sim.url, sim.tokens.bob))).toEqual({
      kind: "service",
      namespace: "team-a",
      service: "airunway",
      port: "http",
      source: "discovered",
    });
  });

  it("finds it in Headlamp's allowed namespaces when the user may not list cluster-wide", async () => {
    const alice = simRequest(sim.url, sim.tokens.alice);
    expect(await discoverBackend(alice)).toMatchObject({ namespace: "kubeairunway-system", service: "kubeairunway", source: "default" });
    expect(await discoverBackend(alice, ["team-b", "team-a"])).toMatchObject({
      namespace: "team-a",
      service: "airunway",
      source: "discovered",
    });
  });
});
