import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/**
 * The backend serves `dist/`; in development Vite proxies `/api` to it (SSE included, so the
 * proxy must not buffer). Routes are split with `React.lazy`, and the vendor libraries every page
 * needs get their own long-cached chunk.
 */
export default defineConfig({
  plugins: [react()],
  server: {
    host: "127.0.0.1",
    proxy: { "/api": { target: "http://127.0.0.1:3001", changeOrigin: false } },
  },
  build: {
    target: "es2022",
    sourcemap: false,
    manifest: true,
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      // The shared package is pure (schemas, contract, query factories) but does not declare
      // `sideEffects: false`; saying so here lets unused parts (provider cores, YAML) drop out.
      treeshake: { moduleSideEffects: (id: string) => !/\/shared\/src\//.test(id) },
    },
  },
});
