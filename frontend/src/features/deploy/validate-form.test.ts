import { describe, expect, it } from "vitest";
import { mergeIssues, messageFor, stepOfPath, validateForm } from "./validate-form";
import { emptyForm, suggestName, toConfig } from "./wizard-form";

const valid = { ...emptyForm("Qwen/Qwen3-0.6B"), runtime: "kaito", engine: "vllm" } as const;

describe("wizard validation", () => {
  it("accepts a complete KAITO form and builds the shared config from it", () => {
    expect(validateForm(valid)).toEqual({});
    expect(toConfig(valid)).toMatchObject({ runtime: "kaito", engine: "vllm", name: "qwen3-0-6b", replicas: 1, gpusPerReplica: 1 });
  });

  it("names the runtime and engine when they are missing", () => {
    expect(validateForm(emptyForm("x"))).toMatchObject({ runtime: "choose a runtime", engine: "choose an engine" });
  });

  it("reports a bad name, a non-numeric replica count and a forbidden engine flag by field", () => {
    const errors = validateForm({ ...valid, name: "Bad_Name", replicas: "two", engineArgs: "--max-model-len=4096\n--trust-remote-code" });
    expect(errors.name).toMatch(/lower case alphanumeric/);
    expect(errors.replicas).toBe("must be a number");
    expect(errors["engineArgs.1"]).toMatch(/not allowed/);
    expect(messageFor(errors, "engineArgs")).toMatch(/^1: this flag is not allowed/);
  });

  it("rejects KubeRay min replicas above max on the min field", () => {
    const errors = validateForm({ ...valid, runtime: "kuberay", kubeRayMinReplicas: "5", kubeRayMaxReplicas: "2" });
    expect(errors["kuberay.minReplicas"]).toMatch(/must not exceed/);
    expect(stepOfPath("kuberay.minReplicas")).toBe(3);
  });

  it("puts each field on its step", () => {
    expect(stepOfPath("namespace")).toBe(0);
    expect(stepOfPath("dynamo.prefillGpus")).toBe(2);
    expect(stepOfPath("kaito.ggufFile")).toBe(4);
    expect(stepOfPath("tolerations.0.key")).toBe(3);
  });

  it("keeps the client's message when the server reports the same field", () => {
    expect(
      mergeIssues({ name: "client" }, [
        { path: "name", message: "server" },
        { path: "replicas", message: "too many" },
      ]),
    ).toEqual({ name: "client", replicas: "too many" });
  });

  it("suggests a valid Kubernetes name from a model id", () => {
    expect(suggestName("meta-llama/Llama-3.1-8B-Instruct")).toBe("llama-3-1-8b-instruct");
  });
});
