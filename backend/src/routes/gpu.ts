import { contract } from "@kubeairunway/shared";
import type { Hono } from "hono";
import { createGpuCapacityService, type GpuCapacityService } from "../services/gpu/gpu-capacity";
import type { AppEnv } from "../types";
import { register } from "./register";

/** GPU capacity per node and per product pool, read from the informer cache (runtimes.md §8). */
export function gpuRoutes(app: Hono<AppEnv>): void {
  // One memo per app (its deps hold the cache); built on first use, no module-level state.
  let service: GpuCapacityService | undefined;
  register(app, contract.gpuCapacity, ({ c }) => {
    service ??= createGpuCapacityService(c.var.deps.cache);
    return service.get();
  });
}
