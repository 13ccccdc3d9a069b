/**
 * Generates the configuration reference in docs/operations.md from backend/src/config.ts's
 * ConfigSchema (its `.describe()` texts, types and defaults), between the GENERATED markers.
 *   bun scripts/config-docs.ts          rewrite the section
 *   bun scripts/config-docs.ts --check  exit 1 when the file is out of date
 * deploy/test/docs.test.ts fails when the committed section differs from what this prints.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ConfigSchema } from "../backend/src/config";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const OPERATIONS_DOC = join(ROOT, "docs/operations.md");
export const BEGIN = "<!-- BEGIN GENERATED: config (scripts/config-docs.ts) -->";
export const END = "<!-- END GENERATED: config -->";

/** Helm values that set a variable (deploy/helm/kubeairunway/templates/deployment.yaml). */
const HELM_VALUES: Record<string, string> = {
  AUTH_MODE: "`auth.mode`",
  AUTH_ALLOW_ANONYMOUS_CLUSTER_READS: "`auth.allowAnonymousClusterReads`",
  CORS_ORIGINS: "`auth.allowedOrigins` (a list)",
  LOG_LEVEL: "`logging.level`",
  LOG_FORMAT: "`logging.format`",
  PORT: "fixed: 3001",
  HOST: "fixed: 0.0.0.0",
  NODE_ENV: "fixed: production",
  KUBERNETES_SERVICE_HOST: "set by Kubernetes",
};

/** The parts of a zod 4 schema the table needs, read from its definition. */
interface Def {
  type: string;
  innerType?: ZodLike;
  in?: ZodLike;
  defaultValue?: unknown;
  entries?: Record<string, string>;
  checks?: { _zod: { def: { check: string; value?: number; inclusive?: boolean } } }[];
}
interface ZodLike {
  _zod: { def: Def };
  description?: string;
  options?: string[];
}

function describeType(schema: ZodLike): { type: string; defaultValue?: unknown; optional: boolean } {
  let current = schema;
  let defaultValue: unknown;
  let optional = false;
  for (;;) {
    const def = current._zod.def;
    if (def.type === "default") defaultValue = def.defaultValue;
    if (def.type === "optional") optional = true;
    const next = def.innerType ?? (def.type === "pipe" ? def.in : undefined);
    if (!next) break;
    current = next;
  }
  const def = current._zod.def;
  if (def.type === "enum") {
    // zod keeps enum values as object keys, so numeric-like ones ("1", "0") come first: words first reads better.
    const options = [...(current.options ?? Object.values(def.entries ?? {}))].sort(
      (a, b) => Number(/^\d/.test(a)) - Number(/^\d/.test(b)),
    );
    return { type: options.map((v) => `\`${v}\``).join(" \\| "), defaultValue, optional };
  }
  if (def.type === "number") {
    const bounds = (def.checks ?? []).map((c) => c._zod.def).filter((c) => c.check === "greater_than" || c.check === "less_than");
    const min = bounds.find((c) => c.check === "greater_than")?.value;
    const max = bounds.find((c) => c.check === "less_than")?.value;
    return { type: min !== undefined && max !== undefined ? `integer ${min}–${max}` : "number", defaultValue, optional };
  }
  return { type: def.type, defaultValue, optional };
}

function formatDefault(value: unknown, optional: boolean): string {
  if (value === undefined) return optional ? "—" : "required";
  if (Array.isArray(value)) return value.length === 0 ? "(empty)" : `\`${value.join(",")}\``;
  return `\`${String(value)}\``;
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** The markdown table, one row per environment variable, in schema order. */
export function configReference(schema: { shape: Record<string, unknown> } = ConfigSchema): string {
  const rows = Object.entries(schema.shape).map(([name, field]) => {
    const zod = field as ZodLike;
    const { type, defaultValue, optional } = describeType(zod);
    const description = cell(zod.description ?? "");
    return `| \`${name}\` | ${type} | ${formatDefault(defaultValue, optional)} | ${HELM_VALUES[name] ?? "`extraEnv`"} | ${description} |`;
  });
  return [
    "| Variable | Type | Default | Helm chart | Meaning |",
    "| --- | --- | --- | --- | --- |",
    ...rows,
    "",
    "Invalid values stop the backend at start-up with one line per bad variable (exit code 2).",
  ].join("\n");
}

/** `doc` with the generated section replaced; throws when the markers are missing. */
export function withReference(doc: string, reference: string = configReference()): string {
  const start = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  if (start === -1 || end < start) throw new Error(`docs/operations.md lacks the markers ${BEGIN} … ${END}`);
  return `${doc.slice(0, start + BEGIN.length)}\n${reference}\n${doc.slice(end)}`;
}

if (import.meta.main) {
  const doc = readFileSync(OPERATIONS_DOC, "utf8");
  const next = withReference(doc);
  if (process.argv.includes("--check")) {
    if (next !== doc) {
      console.error("docs/operations.md is out of date: run `bun scripts/config-docs.ts`");
      process.exit(1);
    }
  } else if (next !== doc) {
    writeFileSync(OPERATIONS_DOC, next);
    console.log("docs/operations.md: configuration reference updated");
  }
}
