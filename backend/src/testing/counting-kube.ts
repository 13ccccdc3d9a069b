import type { KubeAccess, KubeClients, KubeRequest } from "../kube/types";

/** One call the backend made to the apiserver. */
export interface RecordedCall {
  method: string;
  path: string;
  query: Record<string, string | number | boolean | undefined>;
}

function counting(clients: KubeClients, calls: RecordedCall[]): KubeClients {
  const record = (req: KubeRequest) => calls.push({ method: req.method ?? "GET", path: req.path, query: { ...req.query } });
  return {
    identity: clients.identity,
    server: clients.server,
    kubeConfig: clients.kubeConfig,
    get core() {
      return clients.core;
    },
    get apps() {
      return clients.apps;
    },
    get custom() {
      return clients.custom;
    },
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

/**
 * Wraps a real KubeAccess so a test can see which requests the backend sent (LIST vs watch resume,
 * TokenReview cache hits) while every request still goes over HTTP to the sim.
 */
export function countingKube(kube: KubeAccess): { kube: KubeAccess; calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  const backend = counting(kube.asBackend(), calls);
  return { kube: { asBackend: () => backend, forUser: (token) => counting(kube.forUser(token), calls) }, calls };
}

/** Polls `check` until it returns true (or throws after `timeoutMs`). */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 5_000, what = "condition"): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
