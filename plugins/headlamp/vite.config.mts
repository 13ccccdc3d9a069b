import { fileURLToPath } from "node:url";

export default {
  resolve: { alias: { yaml: fileURLToPath(new URL("./src/yaml-lite/index.ts", import.meta.url)) } },
};
