import type { AccessControl } from "./auth/identity";
import type { Config } from "./config";
import type { StaticAssets } from "./http/static-assets";
import type { Logger } from "./logger";

/** Everything a request handler may use; passed to createApp, reached as `c.var.deps`. */
export interface AppDeps {
  config: Config;
  logger: Logger;
  access: AccessControl;
  clock: () => Date;
  version: { version: string; commit: string };
  /** The built SPA; absent when only the API is served (tests, `make dev`). */
  assets?: StaticAssets;
}

export type AppEnv = { Variables: { deps: AppDeps; requestId: string } };
