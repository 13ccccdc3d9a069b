import { describe, expect, it } from "vitest";
import { makeConfig } from "../testing/configs";
import { toManifests } from "./manifests";

type Service = {
  componentType: string;
  subComponentType?: string;
  replicas: number;
  envs?: unknown[];
  resources?: { limits: Record<string, string> };
  extraPodSpec: {
    nodeSelector?: Record<string, string>;
    tolerations?: unknown[];
    mainContainer: { image: string; command?: string[]; args?: string[] };
  };
};
const services = (input: Record<string, unknown>) =>
  (
    toManifests(makeConfig({ runtime: "dynamo", ...input } as { runtime: "dynamo"; engine: string }))[0]!.spec as {
      services: Record<string, Service>;
    }
  ).services;

describe("Dynamo manifests", () => {
  it("renders an aggregated vLLM graph like the upstream example, GPUs under the `gpu` key", () => {
    const s = services({ engine: "vllm", gpusPerReplica: 2 });
    expect(Object.keys(s)).toEqual(["Frontend", "VllmDecodeWorker"]);
    expect(s.VllmDecodeWorker?.resources?.limits).toEqual({ gpu: "2" });
    expect(s.VllmDecodeWorker?.extraPodSpec.mainContainer.command).toEqual(["python3", "-m", "dynamo.vllm"]);
    expect(s.VllmDecodeWorker?.extraPodSpec.mainContainer.args).toEqual(["--model", "Qwen/Qwen3-0.6B", "--tensor-parallel-size", "2"]);
    expect(s.VllmDecodeWorker?.subComponentType).toBeUndefined();
  });

  it("splits disaggregated serving into prefill and decode workers with NIXL KV transfer and a KV router", () => {
    const s = services({
      engine: "vllm",
      mode: "disaggregated",
      replicas: 2,
      dynamo: { router: "kv", prefillReplicas: 3, prefillGpus: 1 },
    });
    expect(s.VllmDecodeWorker).toMatchObject({ subComponentType: "decode", replicas: 2 });
    expect(s.VllmPrefillWorker).toMatchObject({ subComponentType: "prefill", replicas: 3 });
    expect(s.VllmPrefillWorker?.extraPodSpec.mainContainer.args).toEqual(
      expect.arrayContaining(["--disaggregation-mode", "prefill", "--kv-transfer-config"]),
    );
    expect(s.Frontend?.envs).toEqual([{ name: "DYN_ROUTER_MODE", value: "kv" }]);
  });

  it("uses each engine's module and flags", () => {
    const sglang = services({ engine: "sglang", contextLength: 8192 }).SGLangDecodeWorker?.extraPodSpec.mainContainer;
    expect(sglang?.image).toMatch(/sglang-runtime/);
    expect(sglang?.args).toEqual([
      "--model-path",
      "Qwen/Qwen3-0.6B",
      "--served-model-name",
      "Qwen/Qwen3-0.6B",
      "--tp",
      "1",
      "--context-length",
      "8192",
    ]);
    const trt = services({ engine: "trtllm", mode: "disaggregated" }).TRTLLMPrefillWorker?.extraPodSpec.mainContainer;
    expect(trt?.command).toEqual(["python3", "-m", "dynamo.trtllm"]);
    expect(trt?.args).toEqual(expect.arrayContaining(["--disaggregation-mode", "prefill"]));
  });

  it("schedules workers on the selected GPU nodes, the frontend anywhere, and passes the token by reference", () => {
    const s = services({ engine: "vllm", nodeSelector: { pool: "gpu" }, hfTokenSecret: { name: "hf-token-secret", key: "HF_TOKEN" } });
    expect(s.VllmDecodeWorker?.extraPodSpec.nodeSelector).toEqual({ pool: "gpu" });
    expect(s.VllmDecodeWorker?.extraPodSpec.tolerations).toEqual([{ key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" }]);
    expect(s.Frontend?.extraPodSpec.nodeSelector).toBeUndefined();
    expect(s.VllmDecodeWorker?.envs).toContainEqual({
      name: "HF_TOKEN",
      valueFrom: { secretKeyRef: { name: "hf-token-secret", key: "HF_TOKEN" } },
    });
  });
});
