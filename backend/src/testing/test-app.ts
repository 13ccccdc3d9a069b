import { createApiClient } from "@kubeairunway/shared";
import { createApp } from "../app";
import { localAccess } from "../auth/local-access";
import { loadConfig } from "../config";
import { createLogger } from "../logger";
import type { AppDeps } from "../types";

/** An app wired with test defaults, its log lines, and a contract client bound to it in-process. */
export function testApp(overrides: Partial<AppDeps> = {}, env: Record<string, string> = {}) {
  const logLines: string[] = [];
  const deps: AppDeps = {
    config: loadConfig({ NODE_ENV: "test", ...env }),
    logger: createLogger({ level: "debug", format: "json", write: (l) => logLines.push(l) }),
    access: localAccess(),
    clock: () => new Date("2026-01-01T00:00:00Z"),
    version: { version: "0.0.0-test", commit: "test" },
    ...overrides,
  };
  const app = createApp(deps);
  const client = createApiClient({ baseUrl: "http://backend.test", fetch: async (url, init) => app.request(url, init) });
  return { app, client, deps, logLines };
}
