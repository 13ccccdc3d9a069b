import type { KaitoConfig } from "../../schemas/deployment-config";
import type { Provider } from "../types";
import { descriptor } from "./descriptor";
import { toManifests } from "./manifests";
import { summarize, toStatus } from "./status";
import { validate } from "./validate";

export { descriptor } from "./descriptor";
export * from "./manifests";
export { specFacts, summarize, toStatus } from "./status";
export { validate } from "./validate";

/** The kaito provider core (design.md §3). */
export const kaito = {
  descriptor,
  toManifests,
  toStatus,
  summarize,
  validate,
  podSelector: (name: string) => ({ [descriptor.instanceLabel]: name }),
} satisfies Provider<KaitoConfig>;
