import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { contract } from "./contract";
import { describeContract } from "./describe";

describe("docs/api.md", () => {
  it("lists every endpoint of the contract and is current (regenerate: bun scripts/gen-api-docs.ts)", () => {
    const generated = describeContract();
    for (const e of Object.values(contract)) expect(generated).toContain(`\`${e.method} ${e.path}\``);
    const committed = readFileSync(fileURLToPath(new URL("../../../docs/api.md", import.meta.url)), "utf8");
    expect(committed).toBe(generated);
  });
});
