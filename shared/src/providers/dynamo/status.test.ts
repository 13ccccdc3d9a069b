import { describe, expect, it } from "vitest";
import { crdValidator, schemaErrors } from "../testing/crd-schema";
import { cond, examplesOfKind, withStatus } from "../testing/examples";
import { crashLoopPod, GPU_SHORTAGE, loadingPod, minutes, podEvent, readyPod, T0, unschedulablePod } from "../testing/pods";
import type { KubeObject } from "../types";
import { specFacts, summarize, toStatus } from "./status";

const examples = examplesOfKind("dynamo", "DynamoGraphDeployment");
const validateCrd = () => crdValidator("dynamo/nvidia.com_dynamographdeployments.yaml", "v1alpha1");
const now = T0 + minutes(30);

function serviceNames(dgd: KubeObject): string[] {
  return Object.keys((dgd.spec as { services: Record<string, unknown> }).services);
}

function servicesStatus(dgd: KubeObject, ready: (name: string) => number) {
  return Object.fromEntries(
    serviceNames(dgd).map((name) => [
      name,
      {
        componentKind: "Deployment",
        componentName: `${dgd.metadata?.name}-${name.toLowerCase()}`,
        replicas: 1,
        updatedReplicas: 1,
        readyReplicas: ready(name),
        availableReplicas: ready(name),
      },
    ]),
  );
}

const pending = (dgd: KubeObject, ready: (n: string) => number = () => 0) => ({
  state: "pending",
  conditions: [
    cond("Ready", "False", "some_resources_are_not_ready", `Resources not ready: ${dgd.metadata?.name}-frontend: Deployment not ready`),
  ],
  services: servicesStatus(dgd, ready),
});
const successful = (dgd: KubeObject) => ({
  state: "successful",
  conditions: [cond("Ready", "True", "all_resources_are_ready", "All resources are ready")],
  services: servicesStatus(dgd, () => 1),
});
const failed = (at: number) => ({
  state: "failed",
  conditions: [
    cond("Ready", "False", "failed_to_reconcile_the_resources", "Operation cannot be fulfilled: the object has been modified", at),
  ],
});

const podLabels = (dgd: KubeObject, service: string) => ({
  "nvidia.com/dynamo-graph-deployment-name": dgd.metadata?.name ?? "",
  "nvidia.com/dynamo-component": service,
});

describe("Dynamo status", () => {
  it("finds the three upstream examples", () => {
    expect(examples.map((e) => e.file)).toEqual(["sglang-agg.yaml", "vllm-agg.yaml", "vllm-disagg.yaml"]);
  });

  describe.each(examples)("$file", ({ object }) => {
    it("the fabricated status blocks are valid against the CRD", () => {
      for (const status of [pending(object), successful(object), failed(T0)])
        expect(schemaErrors(validateCrd(), withStatus(object, status))).toEqual([]);
    });
    it("is Pending before any pod is placed, Deploying while loading", () => {
      expect(toStatus(withStatus(object, { state: "initializing" }), [], [], { now }).phase).toBe("Pending");
      expect(toStatus(withStatus(object, pending(object)), [], [], { now }).phase).toBe("Pending");
      const pods = serviceNames(object).map((s) => loadingPod(`${s.toLowerCase()}-0`, { labels: podLabels(object, s) }));
      expect(toStatus(withStatus(object, pending(object)), pods, [], { now }).phase).toBe("Deploying");
    });
    it("is Running on state successful, with the frontend Service", () => {
      const status = toStatus(withStatus(object, successful(object)), [], [], { now });
      expect(status.phase).toBe("Running");
      expect(status.endpoints[0]).toMatchObject({ service: `${object.metadata?.name}-frontend`, port: 8000, basePath: "/v1", ready: true });
      expect(status.replicas.ready).toBe(status.replicas.desired);
    });
    it("is Failed when a worker crash-loops although the state says pending", () => {
      const worker = serviceNames(object).find((s) => s !== "Frontend") ?? "";
      const pods = [
        readyPod("frontend-0", { labels: podLabels(object, "Frontend") }),
        crashLoopPod("worker-0", 6, { labels: podLabels(object, worker) }),
      ];
      expect(toStatus(withStatus(object, pending(object)), pods, [], { now }).phase).toBe("Failed");
    });
    it("treats a fresh failed state as a retried reconcile error, a lasting one as Failed", () => {
      expect(toStatus(withStatus(object, failed(now - 30_000)), [], [], { now }).phase).toBe("Deploying");
      const lasting = toStatus(withStatus(object, failed(now - minutes(10))), [], [], { now });
      expect(lasting.phase).toBe("Failed");
      expect(lasting.explanation).toContain("the object has been modified");
    });
    it("is Terminating once deleted", () => {
      const deleted = withStatus(object, successful(object));
      deleted.metadata = { ...deleted.metadata, deletionTimestamp: new Date(now).toISOString() };
      expect(toStatus(deleted, [], [], { now }).phase).toBe("Terminating");
    });
  });

  it("is Degraded when the frontend serves but a worker replica is down", () => {
    const disagg = examples[2]!.object;
    const status = toStatus(
      withStatus(
        disagg,
        pending(disagg, (n) => (n === "VllmPrefillWorker" ? 0 : 1)),
      ),
      [],
      [],
      { now },
    );
    expect(status.phase).toBe("Degraded");
    expect(status.replicas).toEqual({ desired: 2, ready: 1 });
  });

  describe("a disaggregated graph whose GPU workers cannot be scheduled (16 GPUs each, none free)", () => {
    const disagg = examples[2]!.object;
    const frontend = readyPod("vllm-disagg-frontend-6c9d-x2k4", { labels: podLabels(disagg, "Frontend") });
    const decode = unschedulablePod("vllm-disagg-vllmdecodeworker-7f8b-q9", GPU_SHORTAGE, {
      gpus: 16,
      labels: podLabels(disagg, "VllmDecodeWorker"),
    });
    const prefill = unschedulablePod("vllm-disagg-vllmprefillworker-5d4c-m1", GPU_SHORTAGE, {
      gpus: 16,
      labels: podLabels(disagg, "VllmPrefillWorker"),
    });
    const resource = withStatus(
      disagg,
      pending(disagg, (n) => (n === "Frontend" ? 1 : 0)),
    );
    const events = [podEvent(decode.metadata?.name ?? "", "FailedScheduling", GPU_SHORTAGE)];

    it("is Pending (not Deploying although the frontend runs), naming the workers and the GPU shortfall", () => {
      const status = toStatus(resource, [frontend, decode, prefill], events, { now });
      expect(status.phase).toBe("Pending");
      expect(status.explanation).toBe(
        "Pods vllm-disagg-vllmdecodeworker-7f8b-q9 and vllm-disagg-vllmprefillworker-5d4c-m1 cannot be scheduled. " +
          "Not enough free GPUs: the pod asks for 16 nvidia.com/gpu and 4 nodes of 6 do not have that many free.",
      );
      expect(status.endpoints[0]?.ready).toBe(false);
    });

    it("shows the same phase and explanation in the list row", () => {
      const status = toStatus(resource, [frontend, decode, prefill], events, { now });
      expect(summarize(resource, [frontend, decode, prefill], events, { now })).toMatchObject({
        phase: status.phase,
        explanation: status.explanation,
      });
      expect(summarize(resource, [frontend, decode, prefill], { now }).explanation).toBe(status.explanation);
    });

    it("is Deploying once the workers are placed, and Terminating when deleted", () => {
      const placed = [frontend, loadingPod(decode.metadata?.name ?? ""), loadingPod(prefill.metadata?.name ?? "")];
      expect(toStatus(resource, placed, [], { now }).phase).toBe("Deploying");
      const deleted = { ...resource, metadata: { ...resource.metadata, deletionTimestamp: new Date(now).toISOString() } };
      expect(toStatus(deleted, [frontend, decode, prefill], events, { now }).phase).toBe("Terminating");
    });

    it("stays Degraded while it serves (frontend and decode ready), naming the unplaced prefill worker", () => {
      const serving = withStatus(
        disagg,
        pending(disagg, (n) => (n === "VllmPrefillWorker" ? 0 : 1)),
      );
      const status = toStatus(serving, [frontend, readyPod("vllm-disagg-vllmdecodeworker-7f8b-q9"), prefill], [], { now });
      expect(status.phase).toBe("Degraded");
      expect(status.explanation).toContain("Pod vllm-disagg-vllmprefillworker-5d4c-m1 cannot be scheduled. Not enough free GPUs");
    });
  });

  it("reads model, engine, mode and GPUs from objects we did not create", () => {
    const [sglang, agg, disagg] = examples.map((e) => e.object);
    expect(specFacts(sglang!)).toEqual({ mode: "aggregated", model: "Qwen/Qwen3-0.6B", engine: "sglang", gpus: 1 });
    expect(specFacts(agg!)).toEqual({ mode: "aggregated", model: "Qwen/Qwen3-0.6B", engine: "vllm", gpus: 1 });
    expect(specFacts(disagg!)).toEqual({ mode: "disaggregated", model: "Qwen/Qwen3-0.6B", engine: "vllm", gpus: 2 });
    expect(summarize(withStatus(disagg!, successful(disagg!)), [], { now })).toMatchObject({
      name: "vllm-disagg",
      runtime: "dynamo",
      phase: "Running",
      mode: "disaggregated",
      engine: "vllm",
      gpus: 2,
    });
  });
});
