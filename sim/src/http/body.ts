/**
 * Request bodies: JSON (incl. patch media types), YAML (apply patches) and Kubernetes protobuf
 * (kubectl 1.32 typed clients, kube-api.md §0.4). DELETE bodies (DeleteOptions) are read too.
 */

import { parse as parseYaml } from "yaml";
import { decodeKubeProtobuf, isKubeProtobuf } from "../protobuf/decode";
import { ProtobufError } from "../protobuf/wire";
import { badRequest } from "../store/errors";

/** Parsed body, or undefined when the request has none. */
export async function readBody(req: Request): Promise<unknown> {
  const bytes = new Uint8Array(await req.arrayBuffer());
  if (bytes.length === 0) return undefined;
  const type = (req.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (type === "application/vnd.kubernetes.protobuf" || isKubeProtobuf(bytes)) {
    try {
      return decodeKubeProtobuf(bytes);
    } catch (error) {
      if (error instanceof ProtobufError) throw badRequest(`the body of the request could not be decoded as protobuf: ${error.message}`);
      throw error;
    }
  }
  const text = new TextDecoder().decode(bytes);
  if (type.includes("yaml")) {
    try {
      return parseYaml(text) as unknown;
    } catch (error) {
      throw badRequest(`error converting YAML to JSON: ${(error as Error).message}`);
    }
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw badRequest(`couldn't get version/kind; json parse error: ${(error as Error).message}`);
  }
}

/** The PATCH strategy for a Content-Type, or undefined for an unsupported one. */
export function patchTypeOf(contentType: string | null): "json" | "merge" | "strategic" | "apply" | undefined {
  const type = (contentType ?? "").split(";")[0]?.trim().toLowerCase();
  if (type === "application/json-patch+json") return "json";
  if (type === "application/merge-patch+json") return "merge";
  if (type === "application/strategic-merge-patch+json") return "strategic";
  if (type === "application/apply-patch+yaml" || type === "application/apply-patch+cbor") return "apply";
  return undefined;
}
