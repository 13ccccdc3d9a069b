import type { DeploymentList } from "@kubeairunway/shared";
import { type SimCluster, startSimCluster } from "@kubeairunway/sim";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "../testing/sim-backend";
import { kubeFromFile, testApp } from "../testing/test-app";

const N = 150;
let sim: SimCluster;
let app: ReturnType<typeof testApp>;

beforeAll(async () => {
  sim = await startSimCluster({ seed: `scale:${N}` });
  app = testApp({}, {}, { kube: kubeFromFile(sim.kubeconfigPath, "admin-http"), startCache: true });
  await waitFor(async () => {
    const list = (await (await app.app.request("/api/deployments?limit=1")).json()) as DeploymentList;
    return list.total === N && !list.stale ? true : undefined;
  }, 20_000);
});
afterAll(async () => {
  app?.stop();
  app?.deps.deployments.stop();
  await sim?.stop();
});

describe(`listing ${N} seeded deployments`, () => {
  it("pages through every deployment exactly once with limit/continue, in the requested order", async () => {
    const seen: string[] = [];
    const created: string[] = [];
    let token: string | undefined;
    do {
      const res = await app.app.request(`/api/deployments?sort=-age&limit=17${token ? `&continue=${token}` : ""}`);
      const page = (await res.json()) as DeploymentList;
      expect(page.total).toBe(N);
      seen.push(...page.items.map((i) => `${i.namespace}/${i.name}`));
      created.push(...page.items.map((i) => i.createdAt));
      token = page.continue;
    } while (token);
    expect(seen).toHaveLength(N);
    expect(new Set(seen).size).toBe(N);
    expect([...created].sort().reverse()).toEqual(created);
  });

  it("sends a large list gzip-compressed to clients that accept it, with the same content", async () => {
    const plain = await app.app.request("/api/deployments");
    const zipped = await app.app.request("/api/deployments", { headers: { "Accept-Encoding": "gzip, br" } });
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(zipped.headers.get("content-encoding")).toBe("gzip");
    expect(zipped.headers.get("vary")).toContain("Accept-Encoding");
    const raw = new Uint8Array(await zipped.arrayBuffer());
    const text = new TextDecoder().decode(Bun.gunzipSync(raw));
    expect(text).toBe(await plain.text());
    expect(raw.byteLength).toBeLessThan(text.length / 4);
    const small = await app.app.request("/api/deployments?limit=2", { headers: { "Accept-Encoding": "gzip" } });
    expect(small.headers.get("content-encoding")).toBeNull();
  });
});
