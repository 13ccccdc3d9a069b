import { describe, expect, it } from "vitest";
import { crdValidator, schemaErrors } from "../testing/crd-schema";
import { cond, examplesOfKind, withStatus } from "../testing/examples";
import { crashLoopPod, GPU_SHORTAGE, imagePullPod, loadingPod, minutes, readyPod, T0, unschedulablePod } from "../testing/pods";
import { specFacts, summarize, toStatus } from "./status";

const examples = examplesOfKind("kaito", "Workspace");
const validateCrd = () => crdValidator("kaito/kaito.sh_workspaces.yaml", "v1beta1");
const now = T0 + minutes(30);

const PENDING = {
  state: "Pending",
  targetNodeCount: 1,
  conditions: [
    cond("NodeClaimReady", "False", "NodeClaimNotReady", "Ready NodeClaims are not enough"),
    cond("ResourceReady", "False", "workspaceResourceStatusNotReady"),
    cond("InferenceReady", "False", "WorkspaceInferenceStatusPending"),
    cond("WorkspaceSucceeded", "False", "workspacePending"),
  ],
};
const DEPLOYING = {
  state: "Pending",
  conditions: [
    cond("ResourceReady", "True", "workspaceResourceStatusSuccess"),
    cond("InferenceReady", "False", "WorkspaceInferenceStatusPending", "Inference workload is not ready"),
    cond("WorkspaceSucceeded", "False", "workspacePending"),
  ],
};
const READY = {
  state: "Ready",
  workerNodes: ["aks-gpu-12345-vmss000000"],
  conditions: [
    cond("ResourceReady", "True", "workspaceResourceStatusSuccess"),
    cond("InferenceReady", "True", "WorkspaceInferenceStatusSuccess"),
    cond("WorkspaceSucceeded", "True", "workspaceSucceeded"),
  ],
};
const NOT_READY = {
  ...READY,
  state: "NotReady",
  conditions: [cond("InferenceReady", "False", "WorkspaceInferenceStatusPending", "Inference workload is not ready")],
};

describe("KAITO status", () => {
  it("finds the upstream Workspace examples", () => {
    expect(examples.map((e) => e.file)).toEqual([
      "custom-model-deployment.yaml",
      "kaito_workspace_custom_config.yaml",
      "kaito_workspace_llama-3.1_8b_instruct.yaml",
      "kaito_workspace_phi_4.yaml",
    ]);
  });

  it("the fabricated status blocks are valid against the CRD", () => {
    for (const status of [PENDING, DEPLOYING, READY, NOT_READY]) {
      expect(schemaErrors(validateCrd(), withStatus(examples[3]!.object, status))).toEqual([]);
    }
  });

  describe.each(examples)("$file", ({ object }) => {
    it("is Pending while GPU nodes are provisioned", () => {
      const status = toStatus(withStatus(object, PENDING), [], [], { now });
      expect(status.phase).toBe("Pending");
      expect(status.explanation).toBe("KAITO is provisioning GPU nodes for this workspace.");
    });
    it("is Deploying while the model loads", () => {
      expect(toStatus(withStatus(object, DEPLOYING), [loadingPod(`${object.metadata?.name}-0`)], [], { now }).phase).toBe("Deploying");
    });
    it("is Running when state is Ready, with its Service endpoint", () => {
      const status = toStatus(withStatus(object, READY), [readyPod(`${object.metadata?.name}-0`)], [], { now });
      expect(status.phase).toBe("Running");
      expect(status.replicas).toEqual({ desired: 1, ready: 1 });
      expect(status.endpoints).toEqual([{ service: object.metadata?.name, namespace: "default", port: 80, basePath: "/v1", ready: true }]);
    });
    it("is Failed when its pod keeps crashing", () => {
      const status = toStatus(withStatus(object, DEPLOYING), [crashLoopPod(`${object.metadata?.name}-0`, 5)], [], { now });
      expect(status.phase).toBe("Failed");
      expect(status.explanation).toMatch(/keeps crashing \(5 restarts\)/);
    });
    it("reads model and engine from the spec of an object we did not create", () => {
      expect(summarize(withStatus(object, READY), [], { now }).model).not.toBe("");
    });
  });

  it("does not call WorkspaceSucceeded=False/workspacePending a failure, even without state (v1alpha1)", () => {
    const old = withStatus(examples[3]!.object, {
      conditions: [cond("WorkspaceSucceeded", "False", "workspacePending", "", T0 - minutes(60))],
    });
    expect(toStatus(old, [], [], { now }).phase).toBe("Pending");
  });

  it("is Pending with a GPU explanation when the pod cannot be scheduled", () => {
    const status = toStatus(
      withStatus(examples[3]!.object, DEPLOYING),
      [unschedulablePod("workspace-phi-4-0", GPU_SHORTAGE, { gpus: 1 })],
      [],
      { now },
    );
    expect(status.phase).toBe("Pending");
    expect(status.explanation).toBe(
      "Pod workspace-phi-4-0 cannot be scheduled. Not enough free GPUs: the pod asks for 1 nvidia.com/gpu and 4 nodes of 6 do not have that many free.",
    );
  });

  it("waits five minutes before calling an image pull failure Failed", () => {
    const ws = withStatus(examples[0]!.object, DEPLOYING);
    const pod = imagePullPod("workspace-custom-llm-0", "mcr.microsoft.com/aks/kaito/kaito-base:0.2.0");
    expect(toStatus(ws, [pod], [], { now: T0 + minutes(1) }).phase).toBe("Deploying");
    expect(toStatus(ws, [pod], [], { now: T0 + minutes(6) }).phase).toBe("Failed");
  });

  it("is Failed when a non-progress condition (node launch error) lasts", () => {
    const status = {
      state: "Pending",
      conditions: [
        cond(
          "NodeClaimReady",
          "False",
          "InsufficientCapacityError",
          "creating instance, insufficient capacity, no SKU Standard_NC24ads_A100_v4 in eastus",
        ),
      ],
    };
    const ws = withStatus(examples[3]!.object, status);
    expect(toStatus(ws, [], [], { now: T0 + minutes(2) }).phase).toBe("Pending");
    const failed = toStatus(ws, [], [], { now });
    expect(failed.phase).toBe("Failed");
    expect(failed.explanation).toContain("insufficient capacity");
  });

  it("is Degraded when a served Workspace becomes NotReady", () => {
    expect(toStatus(withStatus(examples[3]!.object, NOT_READY), [loadingPod("workspace-phi-4-0")], [], { now }).phase).toBe("Degraded");
  });

  it("is Terminating once deleted", () => {
    const ws = withStatus(examples[3]!.object, READY);
    ws.metadata = { ...ws.metadata, deletionTimestamp: new Date(now).toISOString() };
    expect(toStatus(ws, [], [], { now }).phase).toBe("Terminating");
  });

  it("reads preset and template facts", () => {
    expect(specFacts(examples[3]!.object)).toEqual({ mode: "aggregated", model: "phi-4", engine: "vllm" });
    expect(specFacts(examples[0]!.object)).toMatchObject({ gpus: 1, model: "<MODEL_ID>" });
  });
});
