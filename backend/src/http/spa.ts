import type { Context } from "hono";
import type { AppEnv } from "../types";

/**
 * Serves the SPA: a real file when one matches, otherwise index.html so client-side routes
 * (`/deployments/team-a/llama`) survive a reload. API paths never fall through to the SPA.
 */
export async function serveSpa(c: Context<AppEnv>): Promise<Response | undefined> {
  const assets = c.var.deps.assets;
  if (!assets || c.req.path.startsWith("/api/") || c.req.path === "/api") return undefined;
  if (c.req.method !== "GET" && c.req.method !== "HEAD") return undefined;
  const path = c.req.path === "/" ? "/index.html" : c.req.path;
  const asset = (await assets.get(path)) ?? (await assets.get("/index.html"));
  if (!asset) return undefined;
  return new Response(asset.body, {
    headers: {
      "Content-Type": asset.contentType,
      "Cache-Control": asset.immutable ? "public, max-age=31536000, immutable" : "no-cache",
    },
  });
}
