/**
 * A minimal protobuf wire-format reader: varints, length-delimited fields, fixed32/64
 * (enough for the Kubernetes types kubectl 1.32 POSTs as protobuf, kube-api.md §0.4).
 */

export interface WireField {
  number: number;
  wireType: number;
  /** Varint / fixed values. */
  int?: bigint;
  /** Length-delimited payload. */
  bytes?: Uint8Array;
}

export class ProtobufError extends Error {}

function readVarint(buf: Uint8Array, pos: number): [bigint, number] {
  let result = 0n;
  let shift = 0n;
  for (;;) {
    if (pos >= buf.length) throw new ProtobufError("truncated varint");
    const byte = buf[pos++] as number;
    result |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return [result, pos];
    shift += 7n;
    if (shift > 70n) throw new ProtobufError("varint too long");
  }
}

/** Splits one message into its fields, in wire order. */
export function readFields(buf: Uint8Array): WireField[] {
  const fields: WireField[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const [tag, next] = readVarint(buf, pos);
    pos = next;
    const number = Number(tag >> 3n);
    const wireType = Number(tag & 7n);
    if (wireType === 0) {
      const [value, after] = readVarint(buf, pos);
      pos = after;
      fields.push({ number, wireType, int: value });
    } else if (wireType === 2) {
      const [length, after] = readVarint(buf, pos);
      const end = after + Number(length);
      if (end > buf.length) throw new ProtobufError("truncated field");
      fields.push({ number, wireType, bytes: buf.subarray(after, end) });
      pos = end;
    } else if (wireType === 1 || wireType === 5) {
      const size = wireType === 1 ? 8 : 4;
      if (pos + size > buf.length) throw new ProtobufError("truncated fixed field");
      let value = 0n;
      for (let i = size - 1; i >= 0; i--) value = (value << 8n) | BigInt(buf[pos + i] as number);
      fields.push({ number, wireType, int: value });
      pos += size;
    } else throw new ProtobufError(`unsupported wire type ${wireType}`);
  }
  return fields;
}

const decoder = new TextDecoder();

export function toText(bytes: Uint8Array | undefined): string {
  return bytes ? decoder.decode(bytes) : "";
}

/** Interprets a varint as a signed 64-bit integer (int32/int64 fields are two's complement). */
export function toSigned(value: bigint | undefined): number {
  if (value === undefined) return 0;
  return Number(BigInt.asIntN(64, value));
}
