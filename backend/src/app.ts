import { Hono } from "hono";
import { cors } from "hono/cors";
import { NotFoundError } from "./errors";
import { onError } from "./http/on-error";
import { securityHeaders } from "./http/security-headers";
import { serveSpa } from "./http/spa";
import { deploymentRoutes } from "./routes/deployments";
import { deploymentDiagnosticRoutes } from "./routes/deployments-diagnostics";
import { gpuRoutes } from "./routes/gpu";
import { metricsRoutes } from "./routes/metrics";
import { modelRoutes } from "./routes/models";
import { providerRoutes } from "./routes/providers";
import { runtimeRoutes } from "./routes/runtimes";
import { streamRoutes } from "./routes/stream";
import { systemRoutes } from "./routes/system";
import type { AppDeps, AppEnv } from "./types";

export type { AppDeps } from "./types";

/** Builds the HTTP app. Pure wiring: every dependency comes in through `deps`, nothing is global. */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use("*", async (c, next) => {
    c.set("deps", deps);
    c.set("requestId", crypto.randomUUID());
    await next();
  });
  app.use("*", securityHeaders());
  if (deps.config.corsOrigins.length > 0) {
    app.use("/api/*", cors({ origin: deps.config.corsOrigins, allowHeaders: ["Authorization", "Content-Type"], maxAge: 600 }));
  }
  systemRoutes(app);
  modelRoutes(app);
  providerRoutes(app);
  runtimeRoutes(app);
  deploymentRoutes(app);
  deploymentDiagnosticRoutes(app);
  streamRoutes(app);
  gpuRoutes(app);
  metricsRoutes(app);
  app.notFound(async (c) => {
    const spa = await serveSpa(c);
    if (spa) return spa;
    return onError(new NotFoundError(`no route for ${c.req.method} ${c.req.path}`), c);
  });
  app.onError(onError);
  return app;
}
