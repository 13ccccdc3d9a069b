/**
 * Writes the kubeconfig for a running sim: one context per seeded identity (admin, alice, bob,
 * kubeairunway) on the https endpoint with `insecure-skip-tls-verify: true` — current context
 * `admin` — and the same four as `<name>-http` on the plain-http endpoint.
 *
 * WHY two endpoints: kubectl (client-go) sends bearer tokens only over TLS (kubernetes/kubectl#744),
 * while @kubernetes/client-node under Bun ignores `insecure-skip-tls-verify` (Bun's fetch drops
 * undici dispatchers) and so cannot talk to a self-signed https endpoint. kubectl uses the default
 * contexts; Bun processes pick a `-http` context (or `SimCluster.url`).
 */

import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { stringify } from "yaml";
import type { SimTokens } from "./rbac/tokens";

/** The kubeconfig document for the two endpoints and `tokens`. */
export function kubeconfigFor(httpsServer: string, httpServer: string, tokens: SimTokens): Record<string, unknown> {
  const names = Object.keys(tokens) as (keyof SimTokens)[];
  const context = (name: string, cluster: string, user: string) => ({ name, context: { cluster, user, namespace: "default" } });
  return {
    apiVersion: "v1",
    kind: "Config",
    preferences: {},
    clusters: [
      { name: "sim", cluster: { server: httpsServer, "insecure-skip-tls-verify": true } },
      { name: "sim-http", cluster: { server: httpServer, "insecure-skip-tls-verify": true } },
    ],
    users: names.map((name) => ({ name, user: { token: tokens[name] } })),
    contexts: [...names.map((name) => context(name, "sim", name)), ...names.map((name) => context(`${name}-http`, "sim-http", name))],
    "current-context": "admin",
  };
}

/** Writes the kubeconfig (mode 0600: it holds tokens) and returns its path. */
export async function writeKubeconfig(path: string, httpsServer: string, httpServer: string, tokens: SimTokens): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, stringify(kubeconfigFor(httpsServer, httpServer, tokens)), { mode: 0o600 });
  return path;
}
