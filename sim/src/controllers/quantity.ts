/**
 * Kubernetes resource quantities (`500m`, `4Gi`, `1.5`, `2e3`) as plain numbers, so the scheduler
 * can add and compare requests. CPU is counted in millicores, everything else in base units.
 */

const BINARY_SUFFIX: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL_SUFFIX: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, "": 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/** Parses a quantity string or number to its value in base units; NaN when it is not a quantity. */
export function parseQuantity(value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value !== "string") return Number.NaN;
  const match = /^([+-]?[0-9.]+(?:[eE][+-]?[0-9]+)?)([a-zA-Z]*)$/.exec(value.trim());
  if (!match) return Number.NaN;
  const number = Number(match[1]);
  const suffix = match[2] ?? "";
  const factor = BINARY_SUFFIX[suffix] ?? DECIMAL_SUFFIX[suffix];
  return factor === undefined ? Number.NaN : number * factor;
}

/** A resource amount in the unit the scheduler compares: millicores for `cpu`, base units otherwise. */
export function resourceAmount(resource: string, value: unknown): number {
  const parsed = parseQuantity(value);
  if (!Number.isFinite(parsed)) return 0;
  return resource === "cpu" ? Math.round(parsed * 1000) : parsed;
}

/** A map of resource name → amount, e.g. `{cpu: 2000, memory: 8589934592, "nvidia.com/gpu": 1}`. */
export type ResourceAmounts = Record<string, number>;

/** Parses a `requests`/`capacity` map. */
export function parseResourceList(list: unknown): ResourceAmounts {
  const out: ResourceAmounts = {};
  if (!list || typeof list !== "object") return out;
  for (const [name, value] of Object.entries(list as Record<string, unknown>)) out[name] = resourceAmount(name, value);
  return out;
}

/** Adds `b` into `a` (mutates `a`) and returns it. */
export function addResources(a: ResourceAmounts, b: ResourceAmounts, sign = 1): ResourceAmounts {
  for (const [name, value] of Object.entries(b)) a[name] = (a[name] ?? 0) + sign * value;
  return a;
}

/** Formats bytes as a Kubernetes binary quantity (`64Gi`), as node capacity is written. */
export function formatBytes(bytes: number): string {
  for (const [suffix, factor] of [
    ["Gi", 2 ** 30],
    ["Mi", 2 ** 20],
    ["Ki", 2 ** 10],
  ] as const) {
    if (bytes % factor === 0) return `${bytes / factor}${suffix}`;
  }
  return String(bytes);
}
