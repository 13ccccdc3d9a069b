import { describe, expect, it } from "vitest";
import { crdValidator, loadExamples, schemaErrors } from "../testing/crd-schema";
import { cond, examplesOfKind, withStatus } from "../testing/examples";
import { crashLoopPod, GPU_SHORTAGE, loadingPod, minutes, readyPod, T0, unschedulablePod } from "../testing/pods";
import { specFacts, summarize, toStatus } from "./status";

const [example] = examplesOfKind("kuberay", "RayService");
if (!example) throw new Error("the upstream RayService example is missing");
const rs = example.object;
const validateCrd = () => crdValidator("kuberay/ray.io_rayservices.yaml", "v1");
const now = T0 + minutes(30);
const labels = (type: "head" | "worker") => ({
  "ray.io/node-type": type,
  "ray.io/originated-from-cr-name": "ray-serve-llm",
  "ray.io/is-ray-node": "yes",
});
const head = readyPod("ray-serve-llm-abcde-head-x1", { labels: labels("head") });
const worker = (ready: boolean) =>
  (ready ? readyPod : loadingPod)("ray-serve-llm-abcde-gpu-group-worker-q7", { labels: labels("worker"), gpus: 4 });
const active = (status: string, message?: string) => ({
  rayClusterName: "ray-serve-llm-abcde",
  applicationStatuses: { llms: { status, ...(message ? { message } : {}) } },
});

const PENDING = { conditions: [cond("Ready", "False", "Initializing")] };
const DEPLOYING = { conditions: [cond("Ready", "False", "Initializing")], activeServiceStatus: active("DEPLOYING") };
const READY = {
  conditions: [cond("Ready", "True", "NonZeroServeEndpoints"), cond("UpgradeInProgress", "False", "NoPendingCluster")],
  serviceStatus: "Running",
  numServeEndpoints: 1,
  activeServiceStatus: active("RUNNING"),
};
const FAILED = {
  conditions: [cond("Ready", "False", "Initializing")],
  activeServiceStatus: active("DEPLOY_FAILED", "Traceback (most recent call last):\n  ValueError: bad engine_kwargs"),
};

describe("KubeRay status", () => {
  it("the fabricated status blocks are valid against the CRD", () => {
    for (const status of [PENDING, DEPLOYING, READY, FAILED]) expect(schemaErrors(validateCrd(), withStatus(rs, status))).toEqual([]);
  });

  it("does not claim the RayCluster sample: only RayService is a deployment", () => {
    const kinds = loadExamples("kuberay").flatMap((e) => e.objects.map((o) => o.kind));
    expect(kinds).toEqual(["RayCluster", "RayService", "Secret"]);
    expect(examplesOfKind("kuberay", "RayService")).toHaveLength(1);
  });

  it("is Pending while the Ray cluster waits for nodes", () => {
    const status = toStatus(withStatus(rs, PENDING), [unschedulablePod("w", GPU_SHORTAGE, { gpus: 4, labels: labels("worker") })], [], {
      now,
    });
    expect(status.phase).toBe("Pending");
    expect(status.explanation).toMatch(/asks for 4 nvidia.com\/gpu/);
  });

  it("is Pending when the head runs but the GPU worker cannot be scheduled, even once Serve reports DEPLOYING", () => {
    const stuck = unschedulablePod("ray-serve-llm-abcde-gpu-group-worker-q7", GPU_SHORTAGE, { gpus: 16, labels: labels("worker") });
    for (const status of [PENDING, DEPLOYING]) {
      const result = toStatus(withStatus(rs, status), [head, stuck], [], { now });
      expect(result.phase).toBe("Pending");
      expect(result.explanation).toBe(
        "Pod ray-serve-llm-abcde-gpu-group-worker-q7 cannot be scheduled. " +
          "Not enough free GPUs: the pod asks for 16 nvidia.com/gpu and 4 nodes of 6 do not have that many free.",
      );
      expect(summarize(withStatus(rs, status), [head, stuck], { now })).toMatchObject({
        phase: "Pending",
        explanation: result.explanation,
      });
    }
    const deleted = withStatus(rs, DEPLOYING);
    deleted.metadata = { ...deleted.metadata, deletionTimestamp: new Date(now).toISOString() };
    expect(toStatus(deleted, [head, stuck], [], { now }).phase).toBe("Terminating");
  });

  it("is Deploying while Ray Serve deploys the application", () => {
    expect(toStatus(withStatus(rs, DEPLOYING), [], [], { now }).phase).toBe("Deploying");
    expect(toStatus(withStatus(rs, PENDING), [head, worker(false)], [], { now }).phase).toBe("Deploying");
  });

  it("is Running on condition Ready=True (not RayServiceReady), with the serve Service", () => {
    const status = toStatus(withStatus(rs, READY), [head, worker(true)], [], { now });
    expect(status.phase).toBe("Running");
    expect(status.replicas).toEqual({ desired: 1, ready: 1 });
    expect(status.endpoints[0]).toEqual({
      service: "ray-serve-llm-serve-svc",
      namespace: "default",
      port: 8000,
      basePath: "/v1",
      ready: true,
    });
  });

  it("ignores a RayServiceReady condition (the type KubeRay never sets)", () => {
    const wrong = withStatus(rs, {
      conditions: [{ type: "RayServiceReady", status: "True", reason: "x", message: "", lastTransitionTime: new Date(T0).toISOString() }],
    });
    expect(toStatus(wrong, [], [], { now }).phase).not.toBe("Running");
  });

  it("is Degraded when Ready but a worker is not", () => {
    const status = toStatus(withStatus(rs, READY), [head, worker(false)], [], { now });
    expect(status.phase).toBe("Degraded");
    expect(status.explanation).toBe("Serving, but only 0 of 1 replicas are ready.");
  });

  it("is Degraded when Ray Serve reports the application unhealthy", () => {
    expect(toStatus(withStatus(rs, { ...READY, activeServiceStatus: active("UNHEALTHY", "replica died") }), [], [], { now }).phase).toBe(
      "Degraded",
    );
  });

  it("is Failed on DEPLOY_FAILED, with the first line of the message", () => {
    const status = toStatus(withStatus(rs, FAILED), [], [], { now });
    expect(status.phase).toBe("Failed");
    expect(status.explanation).toBe("Ray Serve could not deploy llms: Traceback (most recent call last):");
  });

  it("is Failed on InitializingTimeout and ValidationFailed", () => {
    for (const reason of ["InitializingTimeout", "ValidationFailed"]) {
      expect(toStatus(withStatus(rs, { conditions: [cond("Ready", "False", reason, "timed out")] }), [], [], { now }).phase).toBe("Failed");
    }
  });

  it("is Failed when a worker keeps crashing", () => {
    const crashing = crashLoopPod("ray-serve-llm-abcde-gpu-group-worker-q7", 4, { labels: labels("worker") });
    expect(toStatus(withStatus(rs, DEPLOYING), [head, crashing], [], { now }).phase).toBe("Failed");
  });

  it("is Terminating once deleted", () => {
    const deleted = withStatus(rs, READY);
    deleted.metadata = { ...deleted.metadata, deletionTimestamp: new Date(now).toISOString() };
    expect(toStatus(deleted, [head], [], { now }).phase).toBe("Terminating");
  });

  it("reads model and GPUs from serveConfigV2 and worker groups", () => {
    expect(specFacts(rs)).toEqual({ mode: "aggregated", model: "Qwen/Qwen2.5-7B-Instruct", engine: "vllm", gpus: 4 });
    const summary = summarize(withStatus(rs, READY), [head, worker(true)], { now });
    expect(summary).toMatchObject({
      runtime: "kuberay",
      model: "Qwen/Qwen2.5-7B-Instruct",
      phase: "Running",
      gpus: 4,
      pods: { total: 2, ready: 2, restarts: 0 },
    });
  });
});
