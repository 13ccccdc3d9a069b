import { z } from "zod";
import { contract } from "./contract";
import type { Endpoint } from "./endpoint";

function fieldsOf(schema: z.ZodType | undefined): string {
  if (!schema) return "";
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as {
    properties?: Record<string, unknown>;
    required?: string[];
    oneOf?: unknown[];
    anyOf?: unknown[];
  };
  if (json.properties) {
    const required = new Set(json.required ?? []);
    return Object.keys(json.properties)
      .map((k) => (required.has(k) ? `\`${k}\`` : `\`${k}?\``))
      .join(", ");
  }
  if (json.oneOf || json.anyOf) return "one of several shapes (see the schema)";
  return "";
}

/** Markdown reference of every endpoint, generated from the contract (docs/api.md). */
export function describeContract(): string {
  const rows = (Object.entries(contract) as [string, Endpoint][]).map(([name, e]) => {
    const input = [
      e.params ? `params: ${fieldsOf(e.params)}` : "",
      e.query ? `query: ${fieldsOf(e.query)}` : "",
      e.body ? `body: ${e.body === contract.createDeployment.body ? "DeploymentConfig" : fieldsOf(e.body)}` : "",
    ]
      .filter(Boolean)
      .join("<br>");
    return `| \`${e.method} ${e.path}\` | \`${name}\` | ${e.access} | ${input || "–"} | ${e.stream ? "server-sent events" : fieldsOf(e.response)} |`;
  });
  return [
    "# HTTP API",
    "",
    "Generated from `shared/src/api/contract.ts` by `bun scripts/gen-api-docs.ts`; a test keeps it current.",
    "Access levels (design.md §4): `public` needs nothing, `cluster` needs a valid token or",
    "`AUTH_ALLOW_ANONYMOUS_CLUSTER_READS=true`, `user` needs a token and runs as that user.",
    "Every error is `{ error: { code, message, details? } }`; `invalid_input` lists `details.issues[]` with `path`, `message`, `location`.",
    "",
    "| route | client method | access | input | response fields |",
    "| --- | --- | --- | --- | --- |",
    ...rows,
    "",
  ].join("\n");
}
