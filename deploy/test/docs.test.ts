import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ConfigSchema } from "../../backend/src/config";
import { BEGIN, configReference, END, OPERATIONS_DOC, withReference } from "../../scripts/config-docs";
import { CHART, ROOT } from "./helm";

describe("docs/operations.md configuration reference", () => {
  it("is generated from backend/src/config.ts (run `bun scripts/config-docs.ts` after changing the schema)", () => {
    const doc = readFileSync(OPERATIONS_DOC, "utf8");
    expect(doc).toBe(withReference(doc));
  });

  it("has one row per variable with its description, type and default", () => {
    const table = configReference();
    for (const [name, field] of Object.entries(ConfigSchema.shape)) {
      const row = table.split("\n").find((line) => line.startsWith(`| \`${name}\` |`));
      expect(row, name).toBeDefined();
      expect(row).toContain((field as { description?: string }).description?.replace(/\|/g, "\\|"));
    }
    expect(table).toContain("| `PORT` | integer 1–65535 | `3001` |");
    expect(table).toContain("| `LOG_LEVEL` | `debug` \\| `info` \\| `warn` \\| `error` | `info` | `logging.level` |");
  });

  it("replaces only the text between the markers", () => {
    expect(withReference(`intro\n${BEGIN}\nold\n${END}\noutro`, "NEW")).toBe(`intro\n${BEGIN}\nNEW\n${END}\noutro`);
    expect(() => withReference("no markers")).toThrow(/lacks the markers/);
  });
});

/** Every leaf key of values.yaml as a dotted path (lists and empty maps are leaves). */
function leafKeys(value: unknown, prefix = ""): string[] {
  if (value && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length > 0) {
    return Object.entries(value).flatMap(([k, v]) => leafKeys(v, prefix ? `${prefix}.${k}` : k));
  }
  return [prefix];
}

describe("docs/install.md", () => {
  it("explains every value of the chart", () => {
    const install = readFileSync(join(ROOT, "docs/install.md"), "utf8");
    const values = parse(readFileSync(join(CHART, "values.yaml"), "utf8"));
    const undocumented = leafKeys(values).filter((key) => !key.startsWith("resources.") && !install.includes(`\`${key}\``));
    expect(undocumented).toEqual([]);
  });
});
