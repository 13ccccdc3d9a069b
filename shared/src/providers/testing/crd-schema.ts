import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv, type ValidateFunction } from "ajv";
import { parseAllDocuments } from "yaml";

/**
 * Test-only: validates objects against the REAL upstream CRD schemas in ../shared/crds, converted
 * the way the API server would judge them (runtimes.md §9.1): objects without
 * `x-kubernetes-preserve-unknown-fields` reject unknown fields, so `spec.resource` on a Workspace
 * fails instead of being silently pruned.
 */
const here = dirname(fileURLToPath(import.meta.url));
/** /work/main/shared/src/providers/testing → /work/shared/crds (`../../shared/crds` from the repo root). */
export const CRDS_DIR = resolve(here, "../../../../../shared/crds");

export function crdsDir(): string {
  if (!existsSync(CRDS_DIR)) {
    throw new Error(`Upstream CRDs not found at ${CRDS_DIR}: the provider tests need ../shared/crds beside the repository`);
  }
  return CRDS_DIR;
}

type Schema = Record<string, unknown>;

const isObject = (v: unknown): v is Schema => typeof v === "object" && v !== null && !Array.isArray(v);

/** Kubernetes structural schema → strict JSON schema for Ajv. */
export function toStrictSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toStrictSchema);
  if (!isObject(node)) return node;
  if (node["x-kubernetes-int-or-string"] === true) return { anyOf: [{ type: "integer" }, { type: "string" }] };
  const out: Schema = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "properties" && isObject(value)) {
      out.properties = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toStrictSchema(v)]));
    } else if (key === "default" || key === "example" || key === "enum") {
      out[key] = value;
    } else {
      out[key] = toStrictSchema(value);
    }
  }
  const preserve = node["x-kubernetes-preserve-unknown-fields"] === true;
  if (node["x-kubernetes-embedded-resource"] === true) {
    const props = isObject(out.properties) ? out.properties : {};
    out.properties = { apiVersion: { type: "string" }, kind: { type: "string" }, metadata: { type: "object" }, ...props };
  }
  if (isObject(out.properties) && out.additionalProperties === undefined && !preserve) out.additionalProperties = false;
  return out;
}

interface CrdVersion {
  name: string;
  schema?: { openAPIV3Schema?: Schema };
}

const cache = new Map<string, ValidateFunction>();
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });

/** Reads a CRD file (relative to the crds dir) and returns the raw openAPIV3Schema of `version`. */
export function loadCrdSchema(file: string, version: string): Schema {
  const path = join(crdsDir(), file);
  const crd = parseAllDocuments(readFileSync(path, "utf8"))[0]?.toJS() as { spec?: { versions?: CrdVersion[] } } | undefined;
  const schema = crd?.spec?.versions?.find((v) => v.name === version)?.schema?.openAPIV3Schema;
  if (!schema) throw new Error(`${file} has no openAPIV3Schema for version ${version}`);
  return schema;
}

/** A compiled validator for `file`@`version`, optionally for a sub-schema at `path` (property names). */
export function crdValidator(file: string, version: string, path: string[] = []): ValidateFunction {
  const key = `${file}@${version}#${path.join(".")}`;
  const cached = cache.get(key);
  if (cached) return cached;
  let schema: unknown = loadCrdSchema(file, version);
  for (const step of path) {
    schema = step === "[]" ? (schema as Schema).items : ((schema as Schema).properties as Schema)[step];
    if (!schema) throw new Error(`${file}: no sub-schema at ${path.join(".")}`);
  }
  const validate = ajv.compile(toStrictSchema(schema) as Schema);
  cache.set(key, validate);
  return validate;
}

/** Validation errors as readable strings (empty when valid). */
export function schemaErrors(validate: ValidateFunction, value: unknown): string[] {
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? ""} ${JSON.stringify(e.params)}`);
}

/** Every document of every example file under `<runtime>/examples`. */
export function loadExamples(runtime: string): { file: string; objects: Record<string, unknown>[] }[] {
  const dir = join(crdsDir(), runtime, "examples");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".yaml") || f.endsWith(".yml"))
    .sort()
    .map((file) => ({
      file,
      objects: parseAllDocuments(readFileSync(join(dir, file), "utf8"))
        .map((d) => d.toJS() as Record<string, unknown> | null)
        .filter((o): o is Record<string, unknown> => o !== null),
    }));
}
