/**
 * A throwaway self-signed certificate for 127.0.0.1/localhost, generated in-process (ECDSA P-256,
 * hand-encoded DER) so the sim can serve HTTPS without openssl or a committed key.
 *
 * WHY: client-go (kubectl) only attaches bearer tokens to TLS connections
 * (kubernetes/kubectl#744), so the kubeconfig must point at https — with
 * `insecure-skip-tls-verify: true`, since nobody can verify this certificate.
 */

import { generateKeyPairSync, randomBytes, sign } from "node:crypto";

function length(n: number): number[] {
  if (n < 0x80) return [n];
  const bytes: number[] = [];
  while (n > 0) {
    bytes.unshift(n & 0xff);
    n >>= 8;
  }
  return [0x80 | bytes.length, ...bytes];
}

function tlv(tag: number, content: Uint8Array | number[]): Uint8Array {
  const body = content instanceof Uint8Array ? [...content] : content;
  return Uint8Array.from([tag, ...length(body.length), ...body]);
}

const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));
const seq = (...parts: Uint8Array[]) => tlv(0x30, concat(...parts));
const set = (...parts: Uint8Array[]) => tlv(0x31, concat(...parts));

function oid(dotted: string): Uint8Array {
  const parts = dotted.split(".").map(Number);
  const out = [40 * (parts[0] as number) + (parts[1] as number)];
  for (const part of parts.slice(2)) {
    const chunk: number[] = [part & 0x7f];
    let v = part >> 7;
    while (v > 0) {
      chunk.unshift((v & 0x7f) | 0x80);
      v >>= 7;
    }
    out.push(...chunk);
  }
  return tlv(0x06, out);
}

function utcTime(date: Date): Uint8Array {
  const iso = date.toISOString();
  const text = `${iso.slice(2, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  return tlv(0x17, [...new TextEncoder().encode(text)]);
}

function pem(label: string, der: Uint8Array): string {
  const b64 = Buffer.from(der)
    .toString("base64")
    .replace(/(.{64})/g, "$1\n");
  return `-----BEGIN ${label}-----\n${b64.trimEnd()}\n-----END ${label}-----\n`;
}

/** A fresh key and certificate (PEM) valid for 127.0.0.1 and localhost for ten years. */
export function selfSignedCertificate(commonName = "kubeairunway-sim"): { cert: string; key: string } {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const spki = new Uint8Array(publicKey.export({ type: "spki", format: "der" }));
  const ecdsaWithSha256 = seq(oid("1.2.840.10045.4.3.2"));
  const name = seq(set(seq(oid("2.5.4.3"), tlv(0x0c, [...new TextEncoder().encode(commonName)]))));
  const serial = randomBytes(16);
  serial[0] = (serial[0] as number) & 0x7f; // positive INTEGER
  const now = Date.now();
  const altNames = seq(tlv(0x87, [127, 0, 0, 1]), tlv(0x82, [...new TextEncoder().encode("localhost")]));
  const extensions = tlv(0xa3, seq(seq(oid("2.5.29.17"), tlv(0x04, altNames))));
  const tbs = seq(
    tlv(0xa0, tlv(0x02, [2])),
    tlv(0x02, serial),
    ecdsaWithSha256,
    name,
    seq(utcTime(new Date(now - 3600_000)), utcTime(new Date(now + 10 * 365 * 86400_000))),
    name,
    spki,
    extensions,
  );
  const signature = new Uint8Array(sign("sha256", tbs, { key: privateKey, dsaEncoding: "der" }));
  const certificate = seq(tbs, ecdsaWithSha256, tlv(0x03, [0, ...signature]));
  return { cert: pem("CERTIFICATE", certificate), key: privateKey.export({ type: "pkcs8", format: "pem" }).toString() };
}
