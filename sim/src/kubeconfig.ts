/**
 * Writes the kubeconfig for a running sim: one context per seeded identity (admin, alice, bob,
 * kubeairunway), current context admin, the https endpoint with insecure-skip-tls-verify.
 */

import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { stringify } from "yaml";
import type { SimTokens } from "./rbac/tokens";

/** The kubeconfig document for `server` and `tokens`. */
export function kubeconfigFor(server: string, tokens: SimTokens): Record<string, unknown> {
  const names = Object.keys(tokens) as (keyof SimTokens)[];
  return {
    apiVersion: "v1",
    kind: "Config",
    preferences: {},
    clusters: [{ name: "sim", cluster: { server, "insecure-skip-tls-verify": true } }],
    users: names.map((name) => ({ name, user: { token: tokens[name] } })),
    contexts: names.map((name) => ({ name, context: { cluster: "sim", user: name, namespace: "default" } })),
    "current-context": "admin",
  };
}

/** Writes the kubeconfig (mode 0600: it holds tokens) and returns its path. */
export async function writeKubeconfig(path: string, server: string, tokens: SimTokens): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, stringify(kubeconfigFor(server, tokens)), { mode: 0o600 });
  return path;
}
