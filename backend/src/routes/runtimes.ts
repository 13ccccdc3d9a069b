import { contract } from "@kubeairunway/shared";
import type { Hono } from "hono";
import type { AppEnv } from "../types";
import { register } from "./register";

/** Per runtime: installed, CRD versions served, operator health and version (runtimes.md §0). */
export function runtimeRoutes(app: Hono<AppEnv>): void {
  register(app, contract.listRuntimes, async ({ c }) => ({ items: await c.var.deps.runtimes.detect() }));
}
