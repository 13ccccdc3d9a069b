import { describe, expect, it } from "vitest";
import type { StatusError } from "../store/errors";
import { decodeKubeProtobuf } from "./decode";

// A tiny encoder, enough to build the bodies kubectl sends (length-delimited fields and varints).
const text = (s: string) => [...new TextEncoder().encode(s)];
function varint(n: number): number[] {
  const out: number[] = [];
  let v = n;
  while (v > 0x7f) {
    out.push((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  out.push(v);
  return out;
}
const bytesField = (no: number, payload: number[]) => [(no << 3) | 2, ...varint(payload.length), ...payload];
const stringField = (no: number, s: string) => bytesField(no, text(s));
const varintField = (no: number, n: number) => [(no << 3) | 0, ...varint(n)];
const mapEntry = (no: number, key: string, value: number[]) => bytesField(no, [...stringField(1, key), ...bytesField(2, value)]);

function envelope(apiVersion: string, kind: string, raw: number[]): Uint8Array {
  const typeMeta = bytesField(1, [...stringField(1, apiVersion), ...stringField(2, kind)]);
  return Uint8Array.from([0x6b, 0x38, 0x73, 0x00, ...typeMeta, ...bytesField(2, raw), ...stringField(3, ""), ...stringField(4, "")]);
}

describe("Kubernetes protobuf bodies", () => {
  it("decodes a SelfSubjectAccessReview as kubectl auth can-i sends it", () => {
    const attrs = [
      ...stringField(1, "team-b"),
      ...stringField(2, "create"),
      ...stringField(3, ""),
      ...stringField(5, "pods"),
      ...stringField(6, ""),
      ...stringField(7, ""),
    ];
    const body = envelope("authorization.k8s.io/v1", "SelfSubjectAccessReview", [
      ...bytesField(1, []),
      ...bytesField(2, bytesField(1, attrs)),
    ]);
    expect(decodeKubeProtobuf(body)).toEqual({
      apiVersion: "authorization.k8s.io/v1",
      kind: "SelfSubjectAccessReview",
      metadata: {},
      spec: { resourceAttributes: { namespace: "team-b", verb: "create", resource: "pods" } },
    });
  });

  it("decodes a Deployment from kubectl create deployment, keeping pointer zeros", () => {
    const container = [...stringField(1, "web"), ...stringField(2, "nginx"), ...bytesField(8, [])];
    const podSpec = bytesField(2, container);
    const labels = mapEntry(11, "app", text("web"));
    const template = [...bytesField(1, labels), ...bytesField(2, podSpec)];
    const spec = [
      ...varintField(1, 0),
      ...bytesField(2, mapEntry(1, "app", text("web"))),
      ...bytesField(3, template),
      ...bytesField(4, stringField(1, "")),
    ];
    const body = envelope("apps/v1", "Deployment", [...bytesField(1, [...stringField(1, "web"), ...labels]), ...bytesField(2, spec)]);
    expect(decodeKubeProtobuf(body)).toEqual({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", labels: { app: "web" } },
      spec: {
        replicas: 0,
        selector: { matchLabels: { app: "web" } },
        template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx", resources: {} }] } },
        strategy: {},
      },
    });
  });

  it("base64-encodes Secret data and rejects types it does not know with 415", () => {
    const body = envelope("v1", "Secret", [
      ...bytesField(1, stringField(1, "s")),
      ...mapEntry(2, "k", [0xff, 0x00]),
      ...stringField(3, "Opaque"),
    ]);
    expect(decodeKubeProtobuf(body)).toEqual({
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "s" },
      data: { k: "/wA=" },
      type: "Opaque",
    });
    try {
      decodeKubeProtobuf(envelope("batch/v1", "Job", []));
      expect.unreachable();
    } catch (error) {
      expect((error as StatusError).code).toBe(415);
    }
  });
});
