import { contract, type ProviderInfo, type RuntimeId } from "@kubeairunway/shared";
import type { Hono } from "hono";
import { providerDescriptors } from "../providers/descriptors";
import type { AppEnv } from "../types";
import { register } from "./register";

/** Provider descriptors with their install status: the UIs render runtime choices from this. */
export function providerRoutes(app: Hono<AppEnv>): void {
  register(app, contract.listProviders, async ({ c }) => {
    const statuses = await c.var.deps.runtimes.detect();
    const items: ProviderInfo[] = statuses.map((s) => {
      const descriptor = providerDescriptors[s.id as RuntimeId];
      return {
        ...descriptor,
        install: { crdServed: s.crdVersions.length > 0, operatorAvailable: s.operator.healthy, installed: s.installed, message: s.message },
      };
    });
    return { items };
  });
}
