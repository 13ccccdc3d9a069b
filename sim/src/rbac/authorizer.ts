/**
 * Answers "may this user do this?" from the binding table — for requests (403s), for
 * SubjectAccessReview/SelfSubjectAccessReview, and for SelfSubjectRulesReview listings.
 */

import { qualifiedResource } from "../store/errors";
import { type Binding, type PolicyRule, type RequestAttributes, ruleAllows, seededBindings } from "./rules";

export interface UserInfo {
  username: string;
  uid?: string;
  groups: string[];
  extra?: Record<string, string[]>;
}

export interface Decision {
  allowed: boolean;
  reason?: string;
}

export class Authorizer {
  constructor(private readonly bindings: Binding[] = seededBindings()) {}

  private applies(binding: Binding, user: UserInfo): boolean {
    return binding.subjects.some((s) => (s.kind === "User" ? s.name === user.username : user.groups.includes(s.name)));
  }

  /** Decides like RBAC: allowed when any binding of the user or one of its groups has a matching rule. */
  authorize(user: UserInfo, attrs: RequestAttributes): Decision {
    for (const binding of this.bindings) {
      if (!this.applies(binding, user)) continue;
      if (binding.namespace !== undefined && (attrs.path !== undefined || binding.namespace !== attrs.namespace)) continue;
      if (binding.rules.some((rule) => ruleAllows(rule, attrs))) {
        const kind = binding.namespace ? `RoleBinding "${binding.name}/${binding.namespace}"` : `ClusterRoleBinding "${binding.name}"`;
        const subject = binding.subjects.find((s) => (s.kind === "User" ? s.name === user.username : user.groups.includes(s.name)));
        return {
          allowed: true,
          reason: `RBAC: allowed by ${kind} of ClusterRole "${binding.roleName}" to ${subject?.kind} "${subject?.name}"`,
        };
      }
    }
    return { allowed: false };
  }

  /** The rules that apply to `user` in `namespace` (SelfSubjectRulesReview). */
  rulesFor(user: UserInfo, namespace: string): { resourceRules: PolicyRule[]; nonResourceRules: PolicyRule[] } {
    const resourceRules: PolicyRule[] = [];
    const nonResourceRules: PolicyRule[] = [];
    for (const binding of this.bindings) {
      if (!this.applies(binding, user)) continue;
      if (binding.namespace !== undefined && binding.namespace !== namespace) continue;
      for (const rule of binding.rules) {
        if (rule.nonResourceURLs) nonResourceRules.push({ verbs: rule.verbs, nonResourceURLs: rule.nonResourceURLs });
        else
          resourceRules.push({
            verbs: rule.verbs,
            apiGroups: rule.apiGroups ?? [],
            resources: rule.resources ?? [],
            ...(rule.resourceNames ? { resourceNames: rule.resourceNames } : {}),
          });
      }
    }
    return { resourceRules, nonResourceRules };
  }
}

/**
 * The apiserver's 403 message: `pods is forbidden: User "alice" cannot list resource "pods" in API
 * group "" in the namespace "team-b"` (apiserver responsewriters/errors.go).
 */
export function forbiddenMessage(user: UserInfo, attrs: RequestAttributes): string {
  if (attrs.path !== undefined) return `forbidden: User "${user.username}" cannot ${attrs.verb.toLowerCase()} path "${attrs.path}"`;
  const resource = attrs.resource ?? "";
  const full = attrs.subresource ? `${resource}/${attrs.subresource}` : resource;
  const subject = `${qualifiedResource(attrs.group ?? "", resource)}${attrs.name ? ` "${attrs.name}"` : ""}`;
  const scope = attrs.namespace ? `in the namespace "${attrs.namespace}"` : "at the cluster scope";
  return `${subject} is forbidden: User "${user.username}" cannot ${attrs.verb} resource "${full}" in API group "${attrs.group ?? ""}" ${scope}`;
}
