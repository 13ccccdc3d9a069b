import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config";

describe("loadConfig", () => {
  it("defaults to port 3001 on 127.0.0.1 with AUTH_MODE=none outside a cluster", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3001, host: "127.0.0.1", authMode: "none", logFormat: "pretty" });
  });

  it("binds all interfaces and requires tokens inside a cluster", () => {
    const config = loadConfig({ KUBERNETES_SERVICE_HOST: "10.0.0.1", NODE_ENV: "production" });
    expect(config).toMatchObject({ host: "0.0.0.0", authMode: "kubernetes", inCluster: true, logFormat: "json" });
  });

  it.each([
    ["PORT", "seventy"],
    ["PORT", "70000"],
    ["AUTH_MODE", "open"],
    ["LOG_LEVEL", "loud"],
    ["AUTH_ALLOW_ANONYMOUS_CLUSTER_READS", "yes please"],
  ])("stops start-up with a message naming %s when it is %j", (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`${name}:`));
  });

  it("splits CORS_ORIGINS on commas", () => {
    expect(loadConfig({ CORS_ORIGINS: "http://a.example, http://b.example" }).corsOrigins).toEqual([
      "http://a.example",
      "http://b.example",
    ]);
  });
});
