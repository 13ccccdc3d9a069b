import { defineConfig } from "vitest/config";

/**
 * Data-layer tests against the simulated cluster over HTTP. Run with `bun --bun vitest run -c
 * vitest.sim.config.ts`: the sim uses Bun.serve, so these cannot run under Node.
 */
export default defineConfig({
  test: {
    environment: "node",
    include: ["src/**/*.sim.test.ts"],
    // Under `bun --bun vitest`, zod's namespace re-export arrives undefined unless vite transforms it.
    server: { deps: { inline: ["zod"] } },
    testTimeout: 30_000,
  },
});
