import { describe, expect, it } from "vitest";
import { createLogger } from "./logger";

describe("logger", () => {
  it("never prints Authorization, Cookie or token values, at any depth", () => {
    const lines: string[] = [];
    const logger = createLogger({ level: "info", format: "json", write: (l) => lines.push(l) });
    logger.info("request", {
      headers: { Authorization: "Bearer abc.def.ghi", Cookie: "headlamp-auth=secret-cookie" },
      nested: { hfToken: "hf_supersecret" },
      note: "called with Bearer zzz-token-value",
    });
    const out = lines.join("\n");
    expect(out).not.toContain("abc.def.ghi");
    expect(out).not.toContain("secret-cookie");
    expect(out).not.toContain("hf_supersecret");
    expect(out).not.toContain("zzz-token-value");
    expect(JSON.parse(lines[0] ?? "{}")).toMatchObject({ level: "info", msg: "request" });
  });

  it("drops lines below the configured level and prints readable lines in pretty mode", () => {
    const lines: string[] = [];
    const logger = createLogger({ level: "warn", format: "pretty", write: (l) => lines.push(l) });
    logger.info("hidden");
    logger.warn("shown", { deployment: "team-a/llama" });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/WARN {2}shown deployment=team-a\/llama$/);
  });
});
