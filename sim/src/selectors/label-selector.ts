/**
 * Label selectors with the syntax of apimachinery pkg/labels/selector.go: comma = AND;
 * `k=v`, `k==v`, `k!=v`, `k in (a,b)`, `k notin (a,b)`, `k` (exists), `!k` (does not exist),
 * `k>5`, `k<5`. `!=` and `notin` also match objects lacking the key.
 */

import { badRequest } from "../store/errors";

type Requirement =
  | { key: string; op: "=" | "!="; value: string }
  | { key: string; op: "in" | "notin"; values: Set<string> }
  | { key: string; op: "exists" | "!exists" }
  | { key: string; op: ">" | "<"; value: number };

/** A compiled selector; `matches` is cheap enough to run over thousands of objects per LIST. */
export interface LabelSelector {
  readonly empty: boolean;
  matches(labels: Record<string, string> | undefined): boolean;
}

const cache = new Map<string, LabelSelector>();

/** Parses a selector string or a `matchLabels` map. Throws a 400 StatusError on syntax errors. */
export function parseLabelSelector(input: string | Record<string, string> | undefined): LabelSelector {
  if (input === undefined) return EVERYTHING;
  if (typeof input !== "string") {
    const reqs: Requirement[] = Object.entries(input).map(([key, value]) => ({ key, op: "=", value }));
    return compile(reqs);
  }
  const cached = cache.get(input);
  if (cached) return cached;
  const selector = compile(parseRequirements(input));
  if (cache.size > 500) cache.clear();
  cache.set(input, selector);
  return selector;
}

const EVERYTHING: LabelSelector = { empty: true, matches: () => true };

function compile(reqs: Requirement[]): LabelSelector {
  if (reqs.length === 0) return EVERYTHING;
  return {
    empty: false,
    matches(labels) {
      const l = labels ?? {};
      for (const r of reqs) if (!matchOne(r, l)) return false;
      return true;
    },
  };
}

function matchOne(r: Requirement, labels: Record<string, string>): boolean {
  const has = Object.hasOwn(labels, r.key);
  const v = labels[r.key];
  switch (r.op) {
    case "=":
      return has && v === r.value;
    case "!=":
      return !has || v !== r.value;
    case "in":
      return has && r.values.has(v as string);
    case "notin":
      return !has || !r.values.has(v as string);
    case "exists":
      return has;
    case "!exists":
      return !has;
    case ">":
    case "<": {
      if (!has) return false;
      const n = Number(v);
      if (!Number.isInteger(n)) return false;
      return r.op === ">" ? n > r.value : n < r.value;
    }
  }
}

/** Splits on commas that are not inside parentheses. */
function splitTop(input: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of input) {
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    if (ch === "," && depth === 0) {
      parts.push(current);
      current = "";
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p !== "");
}

const KEY = "[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?";
const VALUE = "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?";
const keyRe = new RegExp(`^${KEY}$`);
const valueRe = new RegExp(`^${VALUE}$`);

function parseRequirements(input: string): Requirement[] {
  const reqs: Requirement[] = [];
  for (const part of splitTop(input)) reqs.push(parseRequirement(part, input));
  return reqs;
}

function parseRequirement(part: string, whole: string): Requirement {
  const fail = (why: string) => badRequest(`unable to parse requirement: ${why}: "${whole}"`);
  const setMatch = /^(\S+)\s+(in|notin)\s*\((.*)\)$/.exec(part);
  if (setMatch) {
    const key = checkKey(setMatch[1] as string, fail);
    const values = (setMatch[3] as string)
      .split(",")
      .map((v) => v.trim())
      .filter((v) => v !== "");
    for (const v of values) checkValue(v, fail);
    return { key, op: setMatch[2] as "in" | "notin", values: new Set(values) };
  }
  if (part.startsWith("!")) return { key: checkKey(part.slice(1).trim(), fail), op: "!exists" };
  const opMatch = /^([^=!<>\s]+)\s*(==|=|!=|>|<)\s*(.*)$/.exec(part);
  if (opMatch) {
    const key = checkKey(opMatch[1] as string, fail);
    const op = opMatch[2] as string;
    const raw = (opMatch[3] as string).trim();
    if (op === ">" || op === "<") {
      const n = Number(raw);
      if (!Number.isInteger(n)) throw fail(`for 'Gt', 'Lt' operators, the value must be an integer`);
      return { key, op, value: n };
    }
    checkValue(raw, fail);
    return { key, op: op === "!=" ? "!=" : "=", value: raw };
  }
  return { key: checkKey(part, fail), op: "exists" };
}

function checkKey(key: string, fail: (why: string) => Error): string {
  if (!keyRe.test(key) || key.length > 317) throw fail(`invalid label key "${key}"`);
  return key;
}

function checkValue(value: string, fail: (why: string) => Error): void {
  if (value.length > 63 || !valueRe.test(value)) throw fail(`invalid label value: "${value}"`);
}
