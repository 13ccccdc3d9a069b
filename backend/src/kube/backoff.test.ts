import { describe, expect, it } from "vitest";
import { createBackoff } from "./backoff";

describe("createBackoff", () => {
  it("doubles the ceiling per failure, with the delay between half and all of it", () => {
    const low = createBackoff({ initialMs: 100, maxMs: 10_000, random: () => 0 });
    const high = createBackoff({ initialMs: 100, maxMs: 10_000, random: () => 0.999999 });
    expect([low.next(), low.next(), low.next(), low.next()]).toEqual([50, 100, 200, 400]);
    expect([high.next(), high.next(), high.next(), high.next()]).toEqual([100, 200, 400, 800]);
  });

  it("never exceeds the cap, however many failures", () => {
    const b = createBackoff({ initialMs: 500, maxMs: 30_000 });
    for (let i = 0; i < 100; i++) expect(b.next()).toBeLessThanOrEqual(30_000);
    expect(b.next()).toBeGreaterThanOrEqual(15_000);
  });

  it("spreads delays of concurrent clients (jitter)", () => {
    const delays = new Set(Array.from({ length: 20 }, () => createBackoff({ initialMs: 1000 }).next()));
    expect(delays.size).toBeGreaterThan(5);
  });

  it("starts over after reset", () => {
    const b = createBackoff({ initialMs: 100, random: () => 0 });
    b.next();
    b.next();
    expect(b.attempts).toBe(2);
    b.reset();
    expect(b.attempts).toBe(0);
    expect(b.next()).toBe(50);
  });
});
