import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Under `bun --bun vitest`, zod's `export { z }` namespace re-export arrives undefined when
    // zod is loaded natively; letting vite transform it sidesteps that interop bug.
    server: { deps: { inline: ["zod"] } },
    testTimeout: 20_000,
  },
});
