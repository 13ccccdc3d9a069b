/**
 * Reports each store write attempt (success or failure, with the Status code) to the audit hook.
 */

import { StatusError } from "./errors";
import type { Actor, KubeObject, ResourceType, WriteRecord } from "./types";

export interface WriteAttempt {
  actor: Actor;
  verb: WriteRecord["verb"];
  resource: ResourceType;
  namespace: string | undefined;
  name: string | undefined;
  dryRun: boolean;
  successCode: number;
  subresource?: string;
}

/** Runs `run`, then calls `onWrite` with the outcome; rethrows failures. */
export function audited<T extends KubeObject>(onWrite: ((r: WriteRecord) => void) | undefined, attempt: WriteAttempt, run: () => T): T {
  const record = (code: number, name = attempt.name) =>
    onWrite?.({
      actor: attempt.actor,
      verb: attempt.verb,
      resource: attempt.resource,
      ...(attempt.subresource ? { subresource: attempt.subresource } : {}),
      ...(attempt.namespace !== undefined ? { namespace: attempt.namespace } : {}),
      ...(name !== undefined ? { name } : {}),
      code,
      dryRun: attempt.dryRun,
    });
  try {
    const result = run();
    record(attempt.successCode, result.metadata.name);
    return result;
  } catch (error) {
    record(error instanceof StatusError ? error.code : 500);
    throw error;
  }
}
