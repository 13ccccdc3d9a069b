import { describe, expect, it } from "vitest";
import { DeploymentConfig } from "../schemas/deployment-config";
import { emptyWizardFields, nonEmptyLines, optionalText, parseNumberBox, suggestName, toConfigInput, type WizardFields } from "./form";

const fields: WizardFields = { ...emptyWizardFields(), model: " Qwen/Qwen3-0.6B ", name: " qwen3-0-6b ", runtime: "kaito", engine: "vllm" };
const issuePaths = (input: unknown) => {
  const result = DeploymentConfig.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.path.join("."));
};

describe("suggestName", () => {
  it.each([
    ["Qwen/Qwen3-0.6B", "qwen3-0-6b"],
    ["meta-llama/Llama-3.1-8B-Instruct", "llama-3-1-8b-instruct"],
    ["phi-4", "phi-4"],
    ["org/__Weird__Name__", "weird-name"],
    ["", ""],
  ])("%s → %s", (model, name) => {
    expect(suggestName(model)).toBe(name);
  });

  it("stays a valid name for a very long model id (no trailing dash after the cut)", () => {
    const name = suggestName(`org/${"a".repeat(39)}.b-c`);
    expect(name).toBe(`${"a".repeat(39)}`);
    expect(issuePaths(toConfigInput({ ...fields, name }))).toEqual([]);
  });
});

describe("form boxes", () => {
  it("reads an empty number box as unset and junk as NaN", () => {
    expect(parseNumberBox("  ")).toBeUndefined();
    expect(parseNumberBox(" 3 ")).toBe(3);
    expect(parseNumberBox("two")).toBeNaN();
  });

  it("trims text and drops blank text and blank lines", () => {
    expect(optionalText("  ")).toBeUndefined();
    expect(optionalText(" 8 ")).toBe("8");
    expect(nonEmptyLines(" --a=1 \n\n  \n--b ")).toEqual(["--a=1", "--b"]);
  });
});

describe("toConfigInput", () => {
  it("starts a form that, once a model, name and runtime are chosen, is a valid one-replica one-GPU config", () => {
    const config = DeploymentConfig.parse(toConfigInput(fields));
    expect(config).toMatchObject({ namespace: "default", replicas: 1, gpusPerReplica: 1, mode: "aggregated" });
  });

  it("builds a KAITO config the shared schema accepts, leaving blank optional fields out", () => {
    const config = toConfigInput(fields);
    expect(config).toEqual({
      name: "qwen3-0-6b",
      namespace: "default",
      model: "Qwen/Qwen3-0.6B",
      runtime: "kaito",
      engine: "vllm",
      replicas: 1,
      gpusPerReplica: 1,
      engineArgs: [],
      kaito: {},
    });
    expect(issuePaths(config)).toEqual([]);
  });

  it("lets the schema name the field for junk in a number box", () => {
    expect(issuePaths(toConfigInput({ ...fields, replicas: "two", contextLength: "lots" }))).toEqual(["replicas", "contextLength"]);
  });

  it("adds the HuggingFace secret (key `token` unless given) and the optional resources", () => {
    const config = toConfigInput({ ...fields, hfSecretName: " hf ", cpu: " 8 ", memory: "32Gi", contextLength: "4096" });
    expect(config).toMatchObject({ hfTokenSecret: { name: "hf", key: "token" }, cpu: "8", memory: "32Gi", contextLength: 4096 });
    expect(toConfigInput({ ...fields, hfSecretName: "hf", hfSecretKey: " hf-token " }).hfTokenSecret).toEqual({
      name: "hf",
      key: "hf-token",
    });
  });

  it("carries each runtime's own section, and only that runtime's", () => {
    expect(toConfigInput({ ...fields, ggufFile: "m.gguf", kaitoInstanceType: "Standard_NC24ads_A100_v4" }).kaito).toEqual({
      instanceType: "Standard_NC24ads_A100_v4",
      ggufFile: "m.gguf",
    });
    const ray = toConfigInput({ ...fields, runtime: "kuberay", kubeRayMinReplicas: "5", kubeRayMaxReplicas: "2" });
    expect(ray).toMatchObject({ kuberay: { minReplicas: 5, maxReplicas: 2 } });
    expect(ray).not.toHaveProperty("kaito");
    expect(issuePaths(ray)).toEqual(["kuberay.minReplicas"]);
    const dynamo = toConfigInput({ ...fields, runtime: "dynamo", mode: "disaggregated", dynamoRouter: "kv", prefillGpus: "2" });
    expect(dynamo).toMatchObject({ mode: "disaggregated", dynamo: { router: "kv", prefillReplicas: 1, prefillGpus: 2 } });
    expect(issuePaths(dynamo)).toEqual([]);
  });

  it("leaves runtime and engine unset until they are picked, so the schema asks for them", () => {
    const config = toConfigInput({ ...fields, runtime: "", engine: "" });
    expect(config.runtime).toBeUndefined();
    expect(config).not.toHaveProperty("kaito");
    expect(issuePaths(config).length).toBeGreaterThan(0);
  });
});
