import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import type { KubeObject } from "./helm";

const DIR = join(import.meta.dirname, "../node_modules/.kar-strict-fields");

/**
 * Finds fields the Kubernetes API does not define (a misindented `securityContext`, a typo such as
 * `containerz`) — which kubectl's strict field validation rejects but a JSON-schema check without
 * `additionalProperties: false` lets through. Each object becomes an object literal typed with its
 * kubernetes-models interface, and TypeScript's excess-property check names every unknown field.
 * Returns one message per problem (empty when every field is known).
 */
export function unknownFields(objects: KubeObject[]): string[] {
  mkdirSync(DIR, { recursive: true });
  const file = join(DIR, "objects.ts");
  const lines = objects.map((o, i) => {
    const model = `kubernetes-models/${o.apiVersion}/${o.kind}`;
    return `import type { I${o.kind} as T${i} } from "${model}";\nexport const o${i}: T${i} = ${JSON.stringify(o, null, 1)};`;
  });
  writeFileSync(file, `${lines.join("\n")}\n`);
  try {
    const program = ts.createProgram([file], {
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      types: [],
    });
    return ts.getPreEmitDiagnostics(program).map((d) => {
      const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : 0;
      const owner = objects[findOwner(d.file?.text ?? "", line)];
      return `${owner?.kind}/${owner?.metadata.name}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`;
    });
  } finally {
    rmSync(DIR, { recursive: true, force: true });
  }
}

/** Index of the object whose literal contains `line`. */
function findOwner(text: string, line: number): number {
  const before = text.split("\n").slice(0, line + 1);
  for (let l = before.length - 1; l >= 0; l--) {
    const m = /^export const o(\d+):/.exec(before[l] ?? "");
    if (m) return Number(m[1]);
  }
  return 0;
}
