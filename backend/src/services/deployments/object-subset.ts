/**
 * True when `actual` holds every field of `desired` with the same value. Objects may carry more
 * fields (the apiserver adds uid, defaults, status); arrays must match element by element.
 * This is how a retried create recognises "the object I asked for is already there".
 */
export function containsDesired(actual: unknown, desired: unknown): boolean {
  if (desired === null || typeof desired !== "object") return actual === desired;
  if (Array.isArray(desired)) {
    if (!Array.isArray(actual) || actual.length !== desired.length) return false;
    return desired.every((item, i) => containsDesired(actual[i], item));
  }
  if (actual === null || typeof actual !== "object" || Array.isArray(actual)) return false;
  const record = actual as Record<string, unknown>;
  return Object.entries(desired as Record<string, unknown>).every(
    ([key, value]) => value === undefined || containsDesired(record[key], value),
  );
}
