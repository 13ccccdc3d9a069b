import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";

/** The backend serves frontend/dist, so the e2e suite builds the SPA it is about to test. */
export default async function setup(): Promise<void> {
  if (!existsSync("/usr/bin/chromium")) throw new Error("Debian chromium is missing: run scripts/ensure-chromium.sh");
  const frontend = resolve(dirname(fileURLToPath(import.meta.url)), "..");
  // vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({ root: frontend, mode: "production", configFile: resolve(frontend, "vite.config.ts"), logLevel: "warn" });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}
