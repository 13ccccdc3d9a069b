/**
 * Test helpers for the controllers: an in-memory cluster (store + controllers at test speed) and
 * polling until a condition holds. Used by the controller and seed tests only.
 */
import { PodBackendRegistry } from "../runtime-hooks";
import { installRuntimeCrds, readYamlDocuments } from "../seeds/crds";
import { OPERATORS, operatorDeployment } from "../seeds/operators";
import { R } from "../store/builtins";
import { ObjectStore } from "../store/store";
import type { Actor, KubeObject } from "../store/types";
import { type NodeShape, registerNode } from "./gpu-nodes";
import { startControllers } from "./index";

export const ADMIN: Actor = { username: "admin", groups: ["system:masters", "system:authenticated"] };

/** Deterministic pseudo-random numbers (LCG), so runs repeat. */
export function seededRandom(seed = 42): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export interface TestCluster {
  store: ObjectStore;
  backends: PodBackendRegistry;
  stop(): void;
}

/** A store with namespaces and nodes, and the controllers running at `speed`. */
export function testCluster(nodes: NodeShape[], speed = 0.001, namespaces = ["default"]): TestCluster {
  const store = new ObjectStore({ speed });
  for (const ns of namespaces) store.create(R.namespaces, { apiVersion: "v1", kind: "Namespace", metadata: { name: ns } }, ADMIN);
  for (const [i, shape] of nodes.entries()) registerNode(store, shape, i, ADMIN);
  const backends = new PodBackendRegistry();
  const controllers = startControllers(store, backends, { speed, random: seededRandom() });
  return {
    store,
    backends,
    stop() {
      controllers.stop();
      store.close();
    },
  };
}

/** Polls `check` until it returns a truthy value (returned) or `timeoutMs` passes (throws with the last value). */
export async function waitFor<T>(check: () => T | undefined | false | null, timeoutMs = 5000, what = "condition"): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = check();
      if (value) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}; last: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Events about `name` in `namespace`, oldest first. */
export function eventsFor(store: ObjectStore, namespace: string, name: string): KubeObject[] {
  return store.list(R.events, { namespace }).items.filter((e) => (e["involvedObject"] as { name?: string }).name === name);
}

/** A test cluster with the runtimes' real CRDs and operator Deployments installed. */
export async function operatorCluster(
  nodes: NodeShape[],
  runtimes: ("kaito" | "kuberay" | "dynamo")[] = ["kaito", "kuberay", "dynamo"],
): Promise<TestCluster> {
  const cluster = testCluster(nodes, 0.001, ["default", ...runtimes.map((r) => OPERATORS[r].namespace)]);
  await installRuntimeCrds(cluster.store, runtimes, ADMIN);
  for (const runtime of runtimes) cluster.store.create(R.deployments, operatorDeployment(runtime), ADMIN);
  return cluster;
}

/** The first document of `kind` in an upstream example file, with `namespace` set. */
export async function upstreamExample(file: string, kind: string, namespace = "default"): Promise<KubeObject> {
  const doc = (await readYamlDocuments(file)).find((d) => d.kind === kind);
  if (!doc) throw new Error(`no ${kind} in ${file}`);
  return { ...doc, metadata: { ...doc.metadata, namespace } };
}

/** A status condition of `object` by type. */
export function conditionOf(object: KubeObject | undefined, type: string): { status: string; reason: string; message: string } | undefined {
  return (
    (object?.status as { conditions?: { type: string; status: string; reason: string; message: string }[] } | undefined)?.conditions ?? []
  ).find((c) => c.type === type);
}

/** Creates Secret `name` with `keys` (values are placeholders) in `namespace`. */
export function createSecret(store: ObjectStore, name: string, keys: string[], namespace = "default"): void {
  const data = Object.fromEntries(keys.map((k) => [k, btoa("placeholder")]));
  store.create(R.secrets, { apiVersion: "v1", kind: "Secret", metadata: { name, namespace }, type: "Opaque", data }, ADMIN);
}
