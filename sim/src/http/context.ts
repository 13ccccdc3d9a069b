/**
 * What every handler receives: the cluster's parts (store, identities, backends, faults, audit)
 * and the authenticated request.
 */

import type { AuditEntry, AuditLog } from "../audit-log";
import type { Faults } from "../faults";
import type { Authorizer, UserInfo } from "../rbac/authorizer";
import type { TokenTable } from "../rbac/tokens";
import type { PodBackendRegistry } from "../runtime-hooks";
import type { ObjectStore } from "../store/store";
import type { KubeObject } from "../store/types";

export interface SimApi {
  store: ObjectStore;
  tokens: TokenTable;
  authorizer: Authorizer;
  podBackends: PodBackendRegistry;
  faults: Faults;
  audit: AuditLog;
  /** `127.0.0.1:<port>` once listening. */
  serverAddress: () => string;
  /** Runs a synchronous store write on behalf of an HTTP request (so the store's audit hook skips it). */
  httpWrite<T>(fn: () => T): T;
  /** `true` while such a write runs (the store's audit hook then leaves the entry to the HTTP layer). */
  inHttpWrite(): boolean;
}

export interface RequestContext {
  api: SimApi;
  req: Request;
  url: URL;
  user: UserInfo;
  /** The authenticated user when `user` comes from Impersonate-User. */
  impersonatedBy?: string;
}

/** Records an HTTP write in the audit log. */
export function auditWrite(ctx: RequestContext, entry: Omit<AuditEntry, "time" | "user" | "groups" | "impersonatedBy">): void {
  ctx.api.audit.record({
    time: new Date().toISOString(),
    user: ctx.user.username,
    groups: ctx.user.groups,
    ...(ctx.impersonatedBy ? { impersonatedBy: ctx.impersonatedBy } : {}),
    ...entry,
  });
}

/** The object as served at `group/version`: CR objects are stored at one version and read at any served one. */
export function atVersion(object: KubeObject, apiVersion: string): KubeObject {
  return object.apiVersion === apiVersion ? object : { ...object, apiVersion };
}
