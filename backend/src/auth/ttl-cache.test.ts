import { describe, expect, it } from "vitest";
import { TtlCache } from "./ttl-cache";

describe("TtlCache", () => {
  it("returns a value until its TTL passes", () => {
    let now = 1000;
    const cache = new TtlCache<string>({ maxEntries: 10, now: () => now });
    cache.set("a", "x", 500);
    now = 1499;
    expect(cache.get("a")).toBe("x");
    now = 1500;
    expect(cache.get("a")).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it("stays bounded and evicts the least recently used entry", () => {
    const cache = new TtlCache<number>({ maxEntries: 3 });
    cache.set("a", 1, 60_000);
    cache.set("b", 2, 60_000);
    cache.set("c", 3, 60_000);
    cache.get("a");
    cache.set("d", 4, 60_000);
    expect(cache.get("b")).toBeUndefined();
    expect([cache.get("a"), cache.get("c"), cache.get("d")]).toEqual([1, 3, 4]);
    for (let i = 0; i < 1000; i++) cache.set(`k${i}`, i, 60_000);
    expect(cache.size).toBe(3);
  });

  it("supports per-entry TTLs (short negative entries next to long positive ones)", () => {
    let now = 0;
    const cache = new TtlCache<boolean>({ maxEntries: 10, now: () => now });
    cache.set("ok", true, 60_000);
    cache.set("bad", false, 5_000);
    now = 5_000;
    expect(cache.get("bad")).toBeUndefined();
    expect(cache.get("ok")).toBe(true);
  });
});
