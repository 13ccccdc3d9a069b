import { z } from "zod";

/** RFC 1123 label: what Kubernetes requires of namespaces and of names used as label values. */
export const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** RFC 1123 subdomain: names of most objects (Secrets, ConfigMaps, custom resources). */
export const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export const dns1123Label = z
  .string()
  .min(1, "must not be empty")
  .max(63, "must be no more than 63 characters")
  .regex(DNS1123_LABEL, "must consist of lower case alphanumeric characters or '-', and start and end with one");

export const dns1123Subdomain = z
  .string()
  .min(1, "must not be empty")
  .max(253, "must be no more than 253 characters")
  .regex(DNS1123_SUBDOMAIN, "must be a lowercase RFC 1123 subdomain");

/** Namespaces are labels, and Kubernetes reserves the `kube-` prefix for itself. */
export const namespaceName = dns1123Label.refine((ns) => !ns.startsWith("kube-"), {
  message: "namespaces starting with 'kube-' are reserved for the system",
});

const LABEL_NAME = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)$/;
/** A label key: optional DNS subdomain prefix (≤ 253) + '/' + name (≤ 63). */
export const labelKey = z.string().refine(
  (key) => {
    const parts = key.split("/");
    if (parts.length > 2) return false;
    const name = parts.at(-1) ?? "";
    const prefix = parts.length === 2 ? parts[0] : undefined;
    if (prefix !== undefined && (prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix))) return false;
    return name.length > 0 && name.length <= 63 && LABEL_NAME.test(name);
  },
  { message: "must be a valid label key ([prefix/]name, name ≤ 63 characters)" },
);
export const labelValue = z
  .string()
  .max(63, "must be no more than 63 characters")
  .regex(/^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/, "must be a valid label value");
export const labelMap = z.record(labelKey, labelValue);

/** Kubernetes resource quantity (`500m`, `16Gi`, `2`). */
export const quantity = z
  .string()
  .regex(/^[0-9]+(\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/, "must be a Kubernetes quantity such as 500m or 16Gi");

export const isoTime = z.string().describe("RFC 3339 timestamp");

export const RuntimeId = z.enum(["kaito", "kuberay", "dynamo"]);
export type RuntimeId = z.infer<typeof RuntimeId>;

export const Engine = z.enum(["vllm", "sglang", "trtllm", "llamacpp"]);
export type Engine = z.infer<typeof Engine>;

export const ServingMode = z.enum(["aggregated", "disaggregated"]);
export type ServingMode = z.infer<typeof ServingMode>;

export const Phase = z.enum(["Pending", "Deploying", "Running", "Degraded", "Failed", "Terminating"]);
export type Phase = z.infer<typeof Phase>;

/** metav1.Condition as the runtimes report it. */
export const Condition = z.object({
  type: z.string(),
  status: z.enum(["True", "False", "Unknown"]),
  reason: z.string().optional(),
  message: z.string().optional(),
  lastTransitionTime: isoTime.optional(),
});
export type Condition = z.infer<typeof Condition>;

/** One failed source of a partial fan-out (design.md §2): the rest of the items are still returned. */
export const SourceError = z.object({
  source: z.string(),
  code: z.string(),
  message: z.string(),
});
export type SourceError = z.infer<typeof SourceError>;

/** Query booleans arrive as strings; accept the spellings clients actually send. */
export const queryBoolean = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

/** Positive integer carried in a query string. */
export const queryInt = (min: number, max: number) =>
  z
    .string()
    .regex(/^[0-9]+$/, "must be a whole number")
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));
