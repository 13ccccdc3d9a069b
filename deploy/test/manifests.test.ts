import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { find, parseObjects, ROOT } from "./helm";
import { validateObject } from "./schema";

const COMMITTED = join(ROOT, "deploy/manifests/kubeairunway.yaml");

describe("deploy/manifests/kubeairunway.yaml", () => {
  it("is the chart rendered with defaults (run `make manifests` after changing the chart)", () => {
    const dir = mkdtempSync(join(tmpdir(), "kar-manifests-"));
    try {
      const fresh = join(dir, "kubeairunway.yaml");
      execFileSync(join(ROOT, "scripts/render-manifests.sh"), [fresh]);
      expect(readFileSync(COMMITTED, "utf8")).toBe(readFileSync(fresh, "utf8"));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("creates its namespace (the one the Headlamp plugin looks in by default) first, and every object validates", async () => {
    const objects = parseObjects(readFileSync(COMMITTED, "utf8"));
    expect(objects[0]).toMatchObject({ kind: "Namespace", metadata: { name: "kubeairunway-system" } });
    expect(find(objects, "Deployment").metadata.namespace).toBe("kubeairunway-system");
    for (const object of objects) await validateObject(object);
  });
});
