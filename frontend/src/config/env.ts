import { z } from "zod";

const EnvSchema = z.object({
  /** Origin of the backend; empty means the page's own origin (the backend serves the SPA). */
  VITE_API_BASE_URL: z
    .string()
    .regex(/^(https?:\/\/[^\s/]+)?(\/[^\s]*)?$/, "must be an http(s) origin, a path prefix, or empty")
    .default(""),
});

export type FrontendEnv = { apiBaseUrl: string };

/**
 * Reads Vite's build-time environment once, at start-up, and fails loudly on a bad value rather
 * than sending requests to a malformed URL.
 */
export function loadEnv(raw: Record<string, unknown>): FrontendEnv {
  const parsed = EnvSchema.safeParse(raw);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`invalid frontend environment: ${detail}`);
  }
  return { apiBaseUrl: parsed.data.VITE_API_BASE_URL.replace(/\/$/, "") };
}
