import { defineConfig } from "vitest/config";

/**
 * Component, pure-logic and packaging tests: jsdom under Node, Headlamp SDK mocked per test file
 * (as the official plugins do). Tests that talk to the simulated cluster run under Bun with
 * vitest.sim.config.ts, because the sim is a Bun server.
 */
export default defineConfig({
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}", "scripts/**/*.test.ts"],
    exclude: ["src/**/*.sim.test.ts", "node_modules/**"],
    server: { deps: { inline: ["zod"] } },
    setupFiles: ["src/testing/setup.ts"],
    testTimeout: 60_000,
  },
});
