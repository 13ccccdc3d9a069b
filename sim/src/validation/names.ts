/**
 * Object name rules (apimachinery pkg/util/validation/validation.go) with the real messages.
 */

import { cause } from "../store/errors";
import type { StatusCause } from "../store/types";

const DNS1123_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const DNS1123_SUBDOMAIN = `${DNS1123_LABEL}(\\.${DNS1123_LABEL})*`;
const labelRe = new RegExp(`^${DNS1123_LABEL}$`);
const subdomainRe = new RegExp(`^${DNS1123_SUBDOMAIN}$`);

/** Validates `metadata.name` as an RFC 1123 subdomain (most kinds) or label (namespaces, services). */
export function validateName(name: unknown, rule: "subdomain" | "label", field = "metadata.name"): StatusCause[] {
  if (typeof name !== "string" || name === "") return [cause.required(field, "name or generateName is required")];
  if (rule === "label") {
    if (name.length > 63) return [cause.invalid(field, name, "must be no more than 63 characters")];
    if (!labelRe.test(name)) {
      return [
        cause.invalid(
          field,
          name,
          `a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '${DNS1123_LABEL}')`,
        ),
      ];
    }
    return [];
  }
  if (name.length > 253) return [cause.invalid(field, name, "must be no more than 253 characters")];
  if (!subdomainRe.test(name)) {
    return [
      cause.invalid(
        field,
        name,
        `a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '${DNS1123_SUBDOMAIN}')`,
      ),
    ];
  }
  return [];
}

/** Kinds whose names must be DNS labels rather than subdomains. */
export const LABEL_NAMED_RESOURCES = new Set(["namespaces", "services"]);
