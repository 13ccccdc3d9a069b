import { describe, expect, it } from "vitest";
import { loadEnv } from "./env";

describe("loadEnv", () => {
  it("defaults to the page's own origin", () => {
    expect(loadEnv({}).apiBaseUrl).toBe("");
  });
  it("drops a trailing slash so paths join cleanly", () => {
    expect(loadEnv({ VITE_API_BASE_URL: "http://127.0.0.1:3001/" }).apiBaseUrl).toBe("http://127.0.0.1:3001");
  });
  it("rejects a value that is not a URL", () => {
    expect(() => loadEnv({ VITE_API_BASE_URL: "not a url" })).toThrow(/VITE_API_BASE_URL/);
  });
});
