import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parsePrometheusText } from "./prom-parser";
import { addBuckets, type Bucket, bucketDelta, bucketsOf, counterIncrease, histogramQuantile, ratePerSecond } from "./rates";

const vllm = parsePrometheusText(readFileSync("/work/shared/fixtures/metrics/vllm.txt", "utf8"));
const INF = Number.POSITIVE_INFINITY;

describe("counter rates", () => {
  it("divides the increase by the seconds between scrapes", () => {
    expect(ratePerSecond(96_120, 96_720, 5)).toBe(120);
    expect(ratePerSecond(10, 10, 5)).toBe(0);
  });

  it("treats a drop as a restart: the whole new value is the increase", () => {
    expect(counterIncrease(96_120, 300)).toBe(300);
    expect(ratePerSecond(96_120, 300, 10)).toBe(30);
  });

  it("gives no rate when no time passed (never a division by zero or a raw total)", () => {
    expect(ratePerSecond(1, 5, 0)).toBeNull();
    expect(ratePerSecond(1, 5, -1)).toBeNull();
  });
});

describe("histogram buckets and quantiles", () => {
  it("reads the fixture's TTFT buckets in order of bound", () => {
    const buckets = bucketsOf(vllm.series("vllm:time_to_first_token_seconds_bucket"));
    expect(buckets.map((b) => b.le)).toEqual([0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 1, INF]);
    expect(buckets.at(-1)?.count).toBe(451);
  });

  it("computes p50/p95 like histogram_quantile over the fixture", () => {
    const buckets = bucketsOf(vllm.series("vllm:time_to_first_token_seconds_bucket"));
    // rank 225.5 lies in (0.06, 0.08]: 181 below, 84 inside → 0.06 + 0.02 × 44.5/84.
    expect(histogramQuantile(0.5, buckets)).toBeCloseTo(0.06 + (0.02 * 44.5) / 84, 10);
    // rank 428.45 lies in (0.1, 0.25]: 330 below, 101 inside.
    expect(histogramQuantile(0.95, buckets)).toBeCloseTo(0.1 + (0.15 * 98.45) / 101, 10);
  });

  it("interpolates the first bucket from zero and returns the highest finite bound for +Inf", () => {
    const b: Bucket[] = [
      { le: 1, count: 10 },
      { le: 2, count: 10 },
      { le: INF, count: 20 },
    ];
    expect(histogramQuantile(0.25, b)).toBeCloseTo(0.5);
    expect(histogramQuantile(0.99, b)).toBe(2);
  });

  it("has no quantile without observations or without a +Inf bucket", () => {
    expect(
      histogramQuantile(0.5, [
        { le: 1, count: 0 },
        { le: INF, count: 0 },
      ]),
    ).toBeNull();
    expect(
      histogramQuantile(0.5, [
        { le: 1, count: 3 },
        { le: 2, count: 4 },
      ]),
    ).toBeNull();
    expect(histogramQuantile(0.5, [])).toBeNull();
  });

  it("takes quantiles of the window between scrapes, not of all time", () => {
    const before: Bucket[] = [
      { le: 0.1, count: 1000 },
      { le: 1, count: 1000 },
      { le: INF, count: 1000 },
    ];
    // 10 new requests, all slower than 0.1 s: the recent p50 must be in (0.1, 1], though the
    // all-time p50 is still under 0.1 s.
    const after: Bucket[] = [
      { le: 0.1, count: 1000 },
      { le: 1, count: 1010 },
      { le: INF, count: 1010 },
    ];
    const recent = bucketDelta(before, after);
    expect(recent).toEqual([
      { le: 0.1, count: 0 },
      { le: 1, count: 10 },
      { le: INF, count: 10 },
    ]);
    expect(histogramQuantile(0.5, recent)).toBeCloseTo(0.55);
    expect(histogramQuantile(0.5, after)).toBeLessThan(0.1);
  });

  it("uses the current buckets as the delta after a restart, and sums pods' buckets by bound", () => {
    const restarted = bucketDelta(
      [
        { le: 1, count: 50 },
        { le: INF, count: 60 },
      ],
      [
        { le: 1, count: 2 },
        { le: INF, count: 3 },
      ],
    );
    expect(restarted).toEqual([
      { le: 1, count: 2 },
      { le: INF, count: 3 },
    ]);
    expect(
      addBuckets(
        [
          { le: 1, count: 2 },
          { le: INF, count: 3 },
        ],
        [
          { le: 1, count: 1 },
          { le: INF, count: 1 },
        ],
      ),
    ).toEqual([
      { le: 1, count: 3 },
      { le: INF, count: 4 },
    ]);
  });
});
