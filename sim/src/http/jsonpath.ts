/**
 * The JSONPath subset CRD `additionalPrinterColumns` use: `.a.b`, `[0]`, `[*]`,
 * `[?(@.type=="Ready")]` (and `!=`). Returns every match, in order.
 */

type Step = { key: string } | { index: number } | { all: true } | { filter: { path: string[]; op: "==" | "!="; value: string } };

const cache = new Map<string, Step[]>();

function parse(expression: string): Step[] {
  const cached = cache.get(expression);
  if (cached) return cached;
  const steps: Step[] = [];
  const text = expression
    .trim()
    .replace(/^\{|\}$/g, "")
    .replace(/^\$/, "");
  const re = /\.([A-Za-z0-9_\-/]+)|\[(\d+)\]|\[\*\]|\[\?\(@\.([A-Za-z0-9_.\-/]+)\s*(==|!=)\s*["']?([^"'\]]*)["']?\)\]/g;
  for (const m of text.matchAll(re)) {
    if (m[1] !== undefined) steps.push({ key: m[1] });
    else if (m[2] !== undefined) steps.push({ index: Number(m[2]) });
    else if (m[3] !== undefined) steps.push({ filter: { path: m[3].split("."), op: m[4] as "==" | "!=", value: m[5] ?? "" } });
    else steps.push({ all: true });
  }
  cache.set(expression, steps);
  return steps;
}

function child(value: unknown, key: string): unknown {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;
}

/** Evaluates `expression` against `root`. */
export function jsonPath(root: unknown, expression: string): unknown[] {
  let current: unknown[] = [root];
  for (const step of parse(expression)) {
    const next: unknown[] = [];
    for (const value of current) {
      if ("key" in step) {
        const v = child(value, step.key);
        if (v !== undefined) next.push(v);
      } else if ("index" in step) {
        if (Array.isArray(value) && value[step.index] !== undefined) next.push(value[step.index]);
      } else if ("all" in step) {
        if (Array.isArray(value)) next.push(...value);
        else if (value && typeof value === "object") next.push(...Object.values(value));
      } else if (Array.isArray(value)) {
        for (const item of value) {
          const actual = step.filter.path.reduce<unknown>((acc, k) => child(acc, k), item);
          if ((String(actual) === step.filter.value) === (step.filter.op === "==")) next.push(item);
        }
      }
    }
    current = next;
  }
  return current;
}
