import { describe, expect, it } from "vitest";
import { cudaOomLines, type LogFacts, requestLines, startupScript } from "./log-lines";
import type { ContainerProfile } from "./pod-profile";

const facts: LogFacts = {
  podIP: "10.244.1.7",
  gpuCount: 1,
  gpuMemoryGiB: 22.5,
  weightsGiB: 27.31,
  contextLength: 16384,
  architecture: "Phi3ForCausalLM",
};
const now = new Date("2026-05-14T10:21:33.250Z");
const render = (p: ContainerProfile) => startupScript(p, facts).map((l) => l.text(now));

describe("startup logs", () => {
  it("vLLM prints its version, the model, the KV cache and ends with application startup", () => {
    const lines = render({ role: "vllm", model: "microsoft/phi-4", servedModel: "phi-4", apiPort: 5000 });
    expect(lines[0]).toBe("INFO 05-14 10:21:33 [__init__.py:241] Automatically detected platform cuda.");
    expect(lines).toContain(
      "(EngineCore_0 pid=263) INFO 05-14 10:21:33 [gpu_model_runner.py:1953] Starting to load model microsoft/phi-4...",
    );
    expect(lines.some((l) => l.includes("Starting vLLM API server 0 on http://0.0.0.0:5000"))).toBe(true);
    expect(lines.at(-1)).toBe("(APIServer pid=1) INFO:     Application startup complete.");
  });

  it("scripts are ordered in time from 0 to 1", () => {
    for (const role of ["vllm", "sglang", "llamacpp", "ray-head", "ray-worker", "dynamo-frontend", "dynamo-worker", "generic"] as const) {
      const at = startupScript({ role, model: "Qwen/Qwen3-0.6B", servedModel: "Qwen/Qwen3-0.6B" }, facts).map((l) => l.at);
      expect(at, role).toEqual([...at].sort((a, b) => a - b));
      expect(at.at(-1), role).toBe(1);
    }
  });

  it("SGLang, llama.cpp, Ray and Dynamo use their own formats", () => {
    expect(render({ role: "sglang", model: "m", servedModel: "m" }).at(-1)).toBe(
      "[2026-05-14 10:21:33] The server is fired up and ready to roll!",
    );
    expect(render({ role: "llamacpp", model: "Qwen/Qwen3-0.6B-GGUF", servedModel: "q", apiPort: 8080 })).toContain(
      "main: server is listening on http://0.0.0.0:8080 - starting the main loop",
    );
    expect(render({ role: "ray-head", model: "", servedModel: "" })).toContain(
      "2026-05-14 10:21:33,250\tSUCC scripts.py:865 -- Ray runtime started.",
    );
    expect(render({ role: "dynamo-frontend", model: "", servedModel: "Qwen/Qwen3-0.6B" }).at(-1)).toMatch(
      /^2026-05-14T10:21:33\.250\d{3}Z {2}INFO dynamo_llm::discovery::watcher: added model model_name="Qwen\/Qwen3-0.6B"$/,
    );
  });
});

describe("failure and request logs", () => {
  it("a model that does not fit prints the CUDA out-of-memory error with the GPU's capacity", () => {
    const lines = cudaOomLines({ role: "vllm", model: "microsoft/phi-4", servedModel: "phi-4" }, facts, now);
    expect(lines.join("\n")).toContain(
      "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 1.02 GiB. GPU 0 has a total capacity of 22.50 GiB",
    );
  });

  it("request lines name the endpoint and the client", () => {
    const random = () => 0.5;
    expect(requestLines({ role: "vllm", model: "m", servedModel: "m" }, random, now, "10.244.0.9")[0]).toBe(
      '(APIServer pid=1) INFO:     10.244.0.9:50000 - "POST /v1/chat/completions HTTP/1.1" 200 OK',
    );
    expect(requestLines({ role: "llamacpp", model: "m", servedModel: "m" }, random, now, "10.244.0.9").at(-1)).toBe(
      "srv  log_server_r: request: POST /v1/chat/completions 10.244.0.9 200",
    );
  });
});
