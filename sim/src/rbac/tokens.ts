/**
 * The sim's bearer-token table. Tokens are random per start and never logged.
 */

import type { UserInfo } from "./authorizer";
import { BACKEND_SERVICE_ACCOUNT } from "./rules";

export interface SimTokens {
  admin: string;
  alice: string;
  bob: string;
  kubeairunway: string;
}

function randomToken(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return `${prefix}.${Buffer.from(bytes).toString("base64url")}`;
}

/** Maps tokens to identities; `authenticate` is constant-time enough for a simulator (a Map lookup). */
export class TokenTable {
  private readonly users = new Map<string, UserInfo>();
  readonly tokens: SimTokens;

  constructor(tokens?: Partial<SimTokens>) {
    this.tokens = {
      admin: tokens?.admin ?? randomToken("admin"),
      alice: tokens?.alice ?? randomToken("alice"),
      bob: tokens?.bob ?? randomToken("bob"),
      kubeairunway: tokens?.kubeairunway ?? randomToken("sa"),
    };
    this.users.set(this.tokens.admin, { username: "admin", uid: "uid-admin", groups: ["system:masters", "system:authenticated"] });
    this.users.set(this.tokens.alice, { username: "alice", uid: "uid-alice", groups: ["team-a", "system:authenticated"] });
    this.users.set(this.tokens.bob, { username: "bob", uid: "uid-bob", groups: ["viewers", "system:authenticated"] });
    this.users.set(this.tokens.kubeairunway, {
      username: BACKEND_SERVICE_ACCOUNT,
      uid: "uid-sa-kubeairunway",
      groups: ["system:serviceaccounts", "system:serviceaccounts:kubeairunway-system", "system:authenticated"],
    });
  }

  /** The identity behind a token, or undefined for an unknown token. */
  authenticate(token: string): UserInfo | undefined {
    const user = this.users.get(token);
    return user ? structuredClone(user) : undefined;
  }
}
