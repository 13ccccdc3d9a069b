/**
 * Decodes a Kubernetes protobuf request body (`k8s\0` magic + runtime.Unknown envelope) into the
 * JSON object the REST handlers work with. Unknown types → 415 like an unsupported media type.
 */

import { unsupportedMediaType } from "../store/errors";
import { type FieldSpec, MESSAGES, ROOT_TYPES } from "./messages";
import { readFields, toSigned, toText, type WireField } from "./wire";

const MAGIC = [0x6b, 0x38, 0x73, 0x00];

/** `true` when `bytes` start with the Kubernetes protobuf magic. */
export function isKubeProtobuf(bytes: Uint8Array): boolean {
  return MAGIC.every((b, i) => bytes[i] === b);
}

/** Decodes a protobuf body to `{apiVersion, kind, ...}`. */
export function decodeKubeProtobuf(bytes: Uint8Array): Record<string, unknown> {
  if (!isKubeProtobuf(bytes))
    throw unsupportedMediaType(
      "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf",
    );
  const envelope = readFields(bytes.subarray(4));
  let apiVersion = "";
  let kind = "";
  let raw: Uint8Array = new Uint8Array();
  for (const f of envelope) {
    if (f.number === 1 && f.bytes) {
      for (const t of readFields(f.bytes)) {
        if (t.number === 1) apiVersion = toText(t.bytes);
        if (t.number === 2) kind = toText(t.bytes);
      }
    }
    if (f.number === 2 && f.bytes) raw = f.bytes;
  }
  const type = ROOT_TYPES[`${apiVersion}/${kind}`];
  if (!type) throw unsupportedMediaType(`the sim cannot decode protobuf for ${apiVersion}, Kind=${kind}; send application/json`);
  return { apiVersion, kind, ...decodeMessage(raw, type) };
}

function decodeMessage(bytes: Uint8Array, type: string): Record<string, unknown> {
  const spec = MESSAGES[type] ?? {};
  const out: Record<string, unknown> = {};
  for (const field of readFields(bytes)) {
    const fs = spec[field.number];
    if (!fs) continue;
    if (fs.map) {
      const entry = decodeMapEntry(field, fs);
      const target = (out[fs.name] ?? {}) as Record<string, unknown>;
      target[entry[0]] = entry[1];
      out[fs.name] = target;
      continue;
    }
    const value = decodeValue(field, fs);
    if (value === undefined || (!fs.ptr && !fs.repeated && isZero(value))) continue;
    if (fs.repeated) out[fs.name] = [...((out[fs.name] as unknown[] | undefined) ?? []), value];
    else out[fs.name] = value;
  }
  return out;
}

function decodeMapEntry(field: WireField, fs: FieldSpec): [string, unknown] {
  let key = "";
  let value: unknown = fs.type === "bytes" ? "" : "";
  for (const f of readFields(field.bytes ?? new Uint8Array())) {
    if (f.number === 1) key = toText(f.bytes);
    if (f.number === 2) value = decodeValue(f, { ...fs, map: false });
  }
  return [key, value];
}

function decodeValue(field: WireField, fs: FieldSpec): unknown {
  switch (fs.type) {
    case "string":
      return toText(field.bytes);
    case "bytes":
      return Buffer.from(field.bytes ?? new Uint8Array()).toString("base64");
    case "int":
      return toSigned(field.int);
    case "bool":
      return field.int !== undefined && field.int !== 0n;
    case "time": {
      const seconds = readFields(field.bytes ?? new Uint8Array()).find((f) => f.number === 1)?.int;
      return seconds ? new Date(toSigned(seconds) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z") : undefined;
    }
    case "quantity":
      return toText(readFields(field.bytes ?? new Uint8Array()).find((f) => f.number === 1)?.bytes);
    case "intOrString": {
      const parts = readFields(field.bytes ?? new Uint8Array());
      const isString = toSigned(parts.find((f) => f.number === 1)?.int) === 1;
      return isString ? toText(parts.find((f) => f.number === 3)?.bytes) : toSigned(parts.find((f) => f.number === 2)?.int);
    }
    default:
      return field.bytes ? decodeMessage(field.bytes, fs.type.message) : undefined;
  }
}

/** gogo-protobuf writes every non-pointer field; JSON omits zero values (omitempty), so do we. */
function isZero(value: unknown): boolean {
  if (value === "" || value === 0 || value === false) return true;
  return false;
}
