import { defineConfig } from "vitest/config";

/**
 * Browser e2e: Debian Chromium driven by playwright-core against the real backend + simulated
 * cluster (e2e/stack). One file at a time: each starts its own stack and browser.
 */
export default defineConfig({
  test: {
    root: import.meta.dirname,
    environment: "node",
    include: ["**/*.e2e.ts"],
    globalSetup: ["./global-setup.ts"],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
