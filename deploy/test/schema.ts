import type { KubeObject } from "./helm";

/** Group/version folder of kubernetes-models for an apiVersion (`v1` → core, `apps/v1` → apps). */
function modelPath(object: KubeObject): string {
  return `kubernetes-models/${object.apiVersion}/${object.kind}`;
}

/**
 * Validates an object against the Kubernetes OpenAPI schema (types, enums, required fields) using
 * the kubernetes-models package. Throws when no schema exists for its apiVersion/kind: an object
 * the schema source does not know cannot be called valid.
 */
export async function validateObject(object: KubeObject): Promise<void> {
  let mod: Record<string, new (data: unknown) => { validate(): void }>;
  try {
    mod = await import(/* @vite-ignore */ modelPath(object));
  } catch {
    throw new Error(`no Kubernetes schema for ${object.apiVersion} ${object.kind}`);
  }
  const Model = mod[object.kind];
  if (!Model) throw new Error(`no Kubernetes schema for ${object.apiVersion} ${object.kind}`);
  try {
    new Model(object).validate();
  } catch (err) {
    throw new Error(`${object.kind} ${object.metadata.name}: ${(err as Error).message}`);
  }
}
