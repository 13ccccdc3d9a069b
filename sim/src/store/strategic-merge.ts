/**
 * Strategic merge patch for built-in kinds, reduced to what `kubectl apply/edit/patch` rely on:
 * lists with a merge key (containers by name, ports by containerPort/port, env by name, …) merge
 * item by item, `$patch: delete|replace` are honoured, other `$` directives are dropped
 * (apimachinery pkg/util/strategicpatch; merge keys from the struct tags in api core/v1/types.go).
 */

type Json = unknown;

/** Field name → merge key of its list items (the common core/v1 and apps/v1 ones). */
const MERGE_KEYS: Record<string, string> = {
  containers: "name",
  initContainers: "name",
  ephemeralContainers: "name",
  env: "name",
  volumes: "name",
  volumeMounts: "mountPath",
  volumeDevices: "devicePath",
  imagePullSecrets: "name",
  conditions: "type",
  ownerReferences: "uid",
  hostAliases: "ip",
  topologySpreadConstraints: "topologyKey",
  resourceClaims: "name",
};

/** Primitive lists whose strategy is merge (union) rather than replace. */
const MERGED_PRIMITIVE_LISTS = new Set(["finalizers"]);

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function mergeKeyFor(field: string, items: unknown[]): string | undefined {
  if (field === "ports") return items.some((i) => isObject(i) && "containerPort" in i) ? "containerPort" : "port";
  return MERGE_KEYS[field];
}

/** Applies a strategic merge patch to a copy of `target`. */
export function strategicMerge(target: Json, patch: Json): Json {
  if (!isObject(patch)) return structuredClone(patch);
  if (patch["$patch"] === "replace") {
    const { $patch: _directive, ...rest } = patch;
    return stripDirectives(rest);
  }
  const result: Record<string, unknown> = isObject(target) ? structuredClone(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith("$")) continue;
    if (value === null) {
      delete result[key];
      continue;
    }
    const current = result[key];
    if (Array.isArray(value)) result[key] = mergeList(key, Array.isArray(current) ? current : [], value);
    else if (isObject(value)) result[key] = strategicMerge(current, value);
    else result[key] = value;
  }
  return result;
}

function mergeList(field: string, current: unknown[], patch: unknown[]): unknown[] {
  if (MERGED_PRIMITIVE_LISTS.has(field)) return [...new Set([...current, ...patch])];
  const key = mergeKeyFor(field, [...patch, ...current]);
  if (!key || !patch.every(isObject)) return patch.map(stripDirectives);
  if (patch.some((item) => isObject(item) && item["$patch"] === "replace")) {
    return patch.filter((item) => !(isObject(item) && item["$patch"] === "replace")).map(stripDirectives);
  }
  const result = current.map((item) => structuredClone(item));
  for (const item of patch as Record<string, unknown>[]) {
    const index = result.findIndex((existing) => isObject(existing) && existing[key] === item[key]);
    if (item["$patch"] === "delete") {
      if (index >= 0) result.splice(index, 1);
    } else if (index >= 0) result[index] = strategicMerge(result[index], item);
    else result.push(stripDirectives(item));
  }
  return result;
}

function stripDirectives(value: Json): Json {
  if (Array.isArray(value)) return value.map(stripDirectives);
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (!k.startsWith("$")) out[k] = stripDirectives(v);
  return out;
}
