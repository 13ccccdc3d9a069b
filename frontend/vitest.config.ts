import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

/** Component tests run in jsdom; the e2e suite has its own config (e2e/vitest.config.ts). */
export default defineConfig({
  plugins: [react()],
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["src/test/setup.ts"],
    testTimeout: 15_000,
  },
});
