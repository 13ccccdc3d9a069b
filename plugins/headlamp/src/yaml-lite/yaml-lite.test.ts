import { renderManifests } from "@kubeairunway/shared/providers/registry";
import { COMBINATIONS, makeConfig, VARIANTS } from "@kubeairunway/shared/providers/testing/configs";
import { describe, expect, it } from "vitest";
import * as real from "yaml";
import { parse, stringify } from "./index";

/** Deterministic pseudo-random numbers, so a failure reproduces. */
function rng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

const TRICKY = [
  "",
  "true",
  "False",
  "null",
  "~",
  "1",
  "-2",
  "0.5",
  "1e3",
  ".inf",
  "0x1F",
  "0o17",
  "-",
  "?",
  "a: b",
  "#x",
  "a #b",
  "x:",
  " lead",
  "trail ",
  "it's",
  'say "hi"',
  `both ' and "`,
  "--flag=1",
  "nvidia.com/gpu",
  "Qwen/Qwen3-0.6B",
  "ray.serve.llm:build_openai_app",
  "@at",
  "%pct",
  "*star",
  "&amp",
  "!bang",
  "|pipe",
  ">gt",
  "{x}",
  "[y]",
  "line1\nline2",
  "line1\nline2\n",
  "a\n\nb\n\n",
  "  indented\nnext",
  "x\n  more\n",
  "---\ndoc",
  "ends\n ",
];

function value(rand: () => number, depth: number): unknown {
  const r = rand();
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)] as T;
  if (depth > 3 || r < 0.45) {
    const k = rand();
    if (k < 0.4) return pick(TRICKY);
    if (k < 0.55) return Math.floor(rand() * 2000) - 1000;
    if (k < 0.65) return Math.round(rand() * 1000) / 100;
    if (k < 0.75) return rand() < 0.5;
    if (k < 0.8) return null;
    return `w${Math.floor(rand() * 1e6).toString(36)}-${pick(["a", "b.c", "d_e", "f/g"])}`;
  }
  const n = Math.floor(rand() * 4);
  if (r < 0.7) return Array.from({ length: n }, () => value(rand, depth + 1));
  return Object.fromEntries(
    Array.from({ length: n }, (_, i) => [
      `${pick([...TRICKY.filter((t) => !t.includes("\n")), "name", "image", "k"])}${i}`,
      value(rand, depth + 1),
    ]),
  );
}

describe("yaml-lite writes what the yaml library writes", () => {
  const cases = COMBINATIONS.flatMap((c) =>
    Object.entries(VARIANTS).map(([v, extra]) => ({ label: `${c.label} / ${v}`, input: { ...c.input, ...extra } })),
  );

  it.each(cases)("renders the shared manifests of $label byte for byte", ({ input }) => {
    const manifests = renderManifests(makeConfig(input));
    for (const m of manifests) {
      expect(stringify(m, { lineWidth: 0 })).toBe(real.stringify(m, { lineWidth: 0 }));
      expect(stringify(m)).toBe(real.stringify(m));
      const embedded = [
        ...Object.values((m.data as Record<string, string> | undefined) ?? {}),
        ...((m.spec as { serveConfigV2?: string } | undefined)?.serveConfigV2 ? [(m.spec as { serveConfigV2: string }).serveConfigV2] : []),
      ];
      for (const text of embedded) {
        expect(stringify(real.parse(text))).toBe(text);
        expect(parse(text)).toEqual(real.parse(text));
      }
    }
  });

  it("matches on 3,000 generated documents with tricky keys and strings, and reads them back", () => {
    const rand = rng(20261123);
    for (let i = 0; i < 3000; i++) {
      const doc = { root: value(rand, 0), list: [value(rand, 1), value(rand, 2)] };
      const text = real.stringify(doc, { lineWidth: 0 });
      expect(stringify(doc, { lineWidth: 0 })).toBe(text);
      expect(stringify(doc)).toBe(real.stringify(doc));
      expect(parse(text)).toEqual(real.parse(text));
    }
  });

  it("refuses what it does not understand instead of guessing", () => {
    expect(() => parse("a: &x 1\nb: *x\n")).toThrow(/not supported/);
    expect(() => parse("a: 1\n---\nb: 2\n")).toThrow(/not supported/);
  });
});
