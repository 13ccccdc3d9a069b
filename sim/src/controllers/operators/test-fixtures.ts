/**
 * Shared pieces of the operator tests: node shapes and small readers. Test-only.
 */
import { R } from "../../store/builtins";
import type { KubeObject } from "../../store/types";
import type { NodeShape } from "../gpu-nodes";
import { ADMIN, type TestCluster } from "../testing";

export const cpu: NodeShape = { name: "cpu-0", instanceType: "e2-standard-16", cpu: 16, memoryGiB: 64 };
export const a100: NodeShape = {
  name: "gpu-a100-0",
  instanceType: "Standard_NC24ads_A100_v4",
  cpu: 24,
  memoryGiB: 220,
  gpu: { model: "a100-80gb", count: 1 },
};
export const t4: NodeShape = {
  name: "gpu-t4-0",
  instanceType: "Standard_NC4as_T4_v3",
  cpu: 4,
  memoryGiB: 28,
  gpu: { model: "t4-16gb", count: 1 },
};
export const h100: NodeShape = {
  name: "gpu-h100-0",
  instanceType: "a3-highgpu-8g",
  cpu: 208,
  memoryGiB: 1872,
  gpu: { model: "h100-80gb", count: 8 },
};

export const statusOf = (o: KubeObject | undefined) => (o?.status ?? {}) as Record<string, unknown>;

/** Adds labels to a node (as `kubectl label node` would). */
export function label(c: TestCluster, node: string, labels: Record<string, string>): void {
  c.store.mutate(R.nodes, undefined, node, ADMIN, (n) => {
    n.metadata.labels = { ...n.metadata.labels, ...labels };
  });
}

/** GETs `path` on `port` of `pod` through the simulated kubelet (what the pod proxy does). */
export async function scrape(c: TestCluster, pod: string, port: number, path = "/metrics"): Promise<string> {
  const response = await c.backends.get()?.serve("default", pod, port, path, new Request(`http://sim${path}`));
  if (!response) throw new Error(`nothing listens on ${pod}:${port}`);
  return response.text();
}
