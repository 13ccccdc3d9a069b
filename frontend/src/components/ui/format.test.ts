import { describe, expect, it } from "vitest";
import { formatAge } from "./format";

describe("formatAge", () => {
  const now = Date.parse("2025-01-02T00:00:00Z");
  it("uses the largest whole unit, like kubectl", () => {
    expect(formatAge("2025-01-01T23:59:30Z", now)).toBe("30s");
    expect(formatAge("2025-01-01T23:50:00Z", now)).toBe("10m");
    expect(formatAge("2025-01-01T21:00:00Z", now)).toBe("3h");
    expect(formatAge("2024-12-30T00:00:00Z", now)).toBe("3d");
  });
  it("shows a dash for a missing or bad time", () => {
    expect(formatAge(undefined, now)).toBe("—");
    expect(formatAge("nope", now)).toBe("—");
  });
});
