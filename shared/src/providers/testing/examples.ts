import type { KubeObject } from "../types";
import { loadExamples } from "./crd-schema";
import { T0 } from "./pods";

/** Upstream example objects of one kind, with a namespace and creation time as the API server would add. */
export function examplesOfKind(runtime: string, kind: string): { file: string; object: KubeObject }[] {
  return loadExamples(runtime).flatMap(({ file, objects }) =>
    objects
      .filter((o) => o.kind === kind)
      .map((o) => {
        const object = structuredClone(o) as KubeObject;
        object.metadata = { namespace: "default", creationTimestamp: new Date(T0).toISOString(), resourceVersion: "1", ...object.metadata };
        return { file, object };
      }),
  );
}

/** A copy of `object` carrying `status`. */
export function withStatus(object: KubeObject, status: Record<string, unknown>): KubeObject {
  return { ...structuredClone(object), status };
}

/** metav1.Condition with the fields the CRDs require. */
export function cond(type: string, status: "True" | "False" | "Unknown", reason: string, message = "", at = T0): Record<string, unknown> {
  return { type, status, reason, message, lastTransitionTime: new Date(at).toISOString() };
}
