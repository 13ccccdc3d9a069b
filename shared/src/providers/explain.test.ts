import { describe, expect, it } from "vitest";
import { explainPending } from "./explain";
import {
  crashLoopPod,
  GPU_SHORTAGE,
  imagePullPod,
  loadingPod,
  oomPod,
  podEvent,
  pullingPod,
  readyPod,
  unschedulablePod,
} from "./testing/pods";

describe("explainPending", () => {
  it("names the GPU shortfall, the resource, the GPU type and the untolerated taint", () => {
    const pod = unschedulablePod("demo-0", GPU_SHORTAGE, { gpus: 2, nodeSelector: { "nvidia.com/gpu.product": "NVIDIA-H100-80GB-HBM3" } });
    const reasons = explainPending([pod], [podEvent("demo-0", "FailedScheduling", GPU_SHORTAGE)], []);
    expect(reasons.map((r) => r.kind)).toEqual(["insufficient-gpu", "taint"]);
    expect(reasons[0]?.summary).toBe(
      "Not enough free GPUs: the pod asks for 2 nvidia.com/gpu (NVIDIA-H100-80GB-HBM3) and 4 nodes of 6 do not have that many free.",
    );
    expect(reasons[0]?.evidence).toEqual([GPU_SHORTAGE]);
    expect(reasons[1]?.summary).toBe("2 nodes carry the taint nvidia.com/gpu, which the pod does not tolerate.");
    expect(reasons[1]?.fix).toContain("{key: nvidia.com/gpu, operator: Exists}");
  });

  it("falls back to the FailedScheduling event when the pod list has no condition message", () => {
    const message =
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector.";
    const reasons = explainPending([], [podEvent("demo-0", "FailedScheduling", message)], []);
    expect(reasons).toHaveLength(1);
    expect(reasons[0]?.kind).toBe("node-selector");
    expect(reasons[0]?.summary).toBe("2 nodes do not match the pod's node selector/affinity.");
  });

  it("ignores FailedScheduling events of a pod that has since been scheduled", () => {
    const reasons = explainPending([loadingPod("demo-0")], [podEvent("demo-0", "FailedScheduling", GPU_SHORTAGE)], []);
    expect(reasons.map((r) => r.kind)).toEqual(["model-loading"]);
  });

  it("shows the node selector labels so the user can check them", () => {
    const pod = unschedulablePod("demo-0", "0/5 nodes are available: 5 node(s) didn't match Pod's node affinity/selector.", {
      nodeSelector: { pool: "gpu" },
    });
    const [reason] = explainPending([pod], [], []);
    expect(reason?.summary).toBe("5 nodes do not match the pod's node selector/affinity (pool=gpu).");
    expect(reason?.fix).toContain("kubectl get nodes -l pool=gpu");
  });

  it("reports cpu and memory shortages", () => {
    const [reason] = explainPending(
      [unschedulablePod("demo-0", "0/1 nodes are available: 1 Insufficient cpu, 1 Insufficient memory.")],
      [],
      [],
    );
    expect(reason?.kind).toBe("insufficient-cpu-memory");
    expect(reason?.summary).toBe("Not enough free cpu (on 1 node) and memory (on 1 node) for the pod's requests.");
  });

  it("explains an image that does not exist, using the kubelet's pull event", () => {
    const pod = imagePullPod("demo-0", "nvcr.io/nvidia/ai-dynamo/vllm-runtime:my-tag");
    const event = podEvent(
      "demo-0",
      "Failed",
      'Failed to pull image "nvcr.io/nvidia/ai-dynamo/vllm-runtime:my-tag": rpc error: code = NotFound desc = failed to pull and unpack image "nvcr.io/nvidia/ai-dynamo/vllm-runtime:my-tag": not found',
    );
    const [reason] = explainPending([pod], [event], []);
    expect(reason?.kind).toBe("image-pull");
    expect(reason?.summary).toBe("The image of container main of pod demo-0 cannot be pulled (ImagePullBackOff).");
    expect(reason?.fix).toMatch(/does not exist/);
  });

  it("explains a crash loop from the last log lines (gated model without token)", () => {
    const logs = {
      "demo-0/main": [
        "INFO 05-01 10:01:02 api_server.py:912] vLLM API server version 0.11.0",
        "huggingface_hub.errors.GatedRepoError: 401 Client Error. Cannot access gated repo for url https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct/resolve/main/config.json.",
      ],
    };
    const [reason] = explainPending([crashLoopPod("demo-0", 4)], [], [], { logs });
    expect(reason?.kind).toBe("crash-loop");
    expect(reason?.summary).toMatch(/^The container main of pod demo-0 keeps crashing \(4 restarts\): The model cannot be downloaded/);
    expect(reason?.fix).toContain("hfTokenSecret");
    expect(reason?.evidence.at(-1)).toContain("GatedRepoError");
  });

  it("recognises a KV cache that cannot hold the context length", () => {
    const logs = {
      "demo-0": [
        "ValueError: The model's max seq len (131072) is larger than the maximum number of tokens that can be stored in KV cache (43648).",
      ],
    };
    const [reason] = explainPending([crashLoopPod("demo-0", 3)], [], [], { logs });
    expect(reason?.fix).toMatch(/Lower the context length/);
  });

  it("reports OOMKilled containers", () => {
    const [reason] = explainPending([oomPod("demo-0", 2)], [], []);
    expect(reason?.kind).toBe("oom");
    expect(reason?.fix).toMatch(/memory limit/);
  });

  it("turns a missing Secret into a fix naming it", () => {
    const pod = readyPod("demo-0");
    pod.status = {
      phase: "Pending",
      conditions: [{ type: "PodScheduled", status: "True" }],
      containerStatuses: [
        {
          name: "main",
          ready: false,
          restartCount: 0,
          state: { waiting: { reason: "CreateContainerConfigError", message: 'secret "hf-token" not found' } },
        },
      ],
    };
    const [reason] = explainPending([pod], [], []);
    expect(reason?.fix).toBe('Create the Secret "hf-token" in the deployment\'s namespace, or fix the reference.');
  });

  it("surfaces operator conditions but not the normal KAITO workspacePending", () => {
    const reasons = explainPending(
      [],
      [],
      [
        { type: "WorkspaceSucceeded", status: "False", reason: "workspacePending", message: "workspace is pending" },
        { type: "Ready", status: "False", reason: "ValidationFailed", message: "spec.rayClusterConfig.headGroupSpec is invalid" },
      ],
    );
    expect(reasons).toHaveLength(1);
    expect(reasons[0]?.kind).toBe("operator");
    expect(reasons[0]?.summary).toBe("The operator reports Ready=False (ValidationFailed): spec.rayClusterConfig.headGroupSpec is invalid");
  });

  it("reads KAITO's appended reconcile error even on a progress reason", () => {
    const [reason] = explainPending(
      [],
      [],
      [
        {
          type: "ResourceReady",
          status: "False",
          reason: "workspaceResourceStatusNotReady",
          message: "not ready (last reconcile error: preset phi-5 not found)",
        },
      ],
    );
    expect(reason?.summary).toContain("preset phi-5 not found");
  });

  it("says nodes are being provisioned while KAITO waits for its NodeClaim", () => {
    const reasons = explainPending(
      [],
      [],
      [{ type: "NodeClaimReady", status: "False", reason: "NodeClaimNotReady", message: "Ready NodeClaims are not enough" }],
    );
    expect(reasons[0]?.summary).toBe("KAITO is provisioning GPU nodes for this workspace.");
  });

  it("says the model is loading when nothing is wrong yet", () => {
    expect(explainPending([loadingPod("demo-0")], [], [])[0]?.summary).toMatch(/downloading and loading the model weights/);
    expect(explainPending([pullingPod("demo-0")], [], [])[0]?.summary).toMatch(/pulling the runtime image/);
    expect(explainPending([readyPod("demo-0")], [], [])).toEqual([]);
  });

  it("reports quota rejections from warning events", () => {
    const event = {
      type: "Warning",
      reason: "FailedCreate",
      message:
        'pods "demo-0" is forbidden: exceeded quota: gpu-quota, requested: requests.nvidia.com/gpu=1, used: requests.nvidia.com/gpu=4, limited: requests.nvidia.com/gpu=4',
      involvedObject: { kind: "StatefulSet", name: "demo" },
    };
    const [reason] = explainPending([], [event], []);
    expect(reason?.fix).toMatch(/ResourceQuota/);
  });
});
