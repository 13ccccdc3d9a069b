/**
 * Seeds for the simulated cluster (see ../runtime-hooks.ts): `empty` (nothing beyond the base
 * namespaces), `demo` (GPU pools, the three runtimes, deployments in every state) and `scale:N`
 * (N static deployments for benchmarks).
 */
import type { ObjectStore } from "../store/store";
import type { ControllerContext } from "../store/types";
import { applyDemoSeed } from "./demo";
import { applyScaleSeed } from "./scale";

/** Largest N accepted by `scale:N` (keeps a typo from exhausting memory). */
export const MAX_SCALE = 50_000;

/** Applies `seed` to `store`. Throws on an unknown seed name. */
export async function applySeed(store: ObjectStore, seed: string, _ctx: ControllerContext): Promise<void> {
  if (seed === "empty") return;
  if (seed === "demo") return applyDemoSeed(store);
  const scale = /^scale:(\d+)$/.exec(seed);
  if (scale) {
    const count = Number(scale[1]);
    if (count < 1 || count > MAX_SCALE) throw new Error(`scale:N needs 1 ≤ N ≤ ${MAX_SCALE}, got ${count}`);
    return applyScaleSeed(store, count);
  }
  throw new Error(`unknown seed "${seed}": use empty, demo or scale:N`);
}
