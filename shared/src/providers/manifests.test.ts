import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { labelKey } from "../schemas/common";
import type { DeploymentConfig } from "../schemas/deployment-config";
import { toManifests as dynamoManifests } from "./dynamo/manifests";
import { toManifests as kaitoManifests } from "./kaito/manifests";
import { toManifests as kuberayManifests } from "./kuberay/manifests";
import { ANNOTATIONS, LABELS, MANAGED_BY } from "./labels";
import { COMBINATIONS, makeConfig, VARIANTS } from "./testing/configs";
import { crdValidator, schemaErrors } from "./testing/crd-schema";
import type { KubeManifest } from "./types";
import { toYaml } from "./yaml";

const CRDS = {
  Workspace: ["kaito/kaito.sh_workspaces.yaml", "v1beta1"],
  RayService: ["kuberay/ray.io_rayservices.yaml", "v1"],
  DynamoGraphDeployment: ["dynamo/nvidia.com_dynamographdeployments.yaml", "v1alpha1"],
} as const;

function render(config: DeploymentConfig): KubeManifest[] {
  switch (config.runtime) {
    case "kaito":
      return kaitoManifests(config);
    case "kuberay":
      return kuberayManifests(config);
    case "dynamo":
      return dynamoManifests(config);
  }
}

/** KAITO's inference.template is preserve-unknown in the CRD: check it as a real PodTemplateSpec. */
const podTemplate = () => crdValidator("kuberay/ray.io_rayclusters.yaml", "v1", ["spec", "headGroupSpec", "template"]);

describe.each(COMBINATIONS)("$label", ({ input }) => {
  it.each(Object.keys(VARIANTS))("validates against the real CRD schema (%s)", (variant) => {
    const config = makeConfig({ ...input, ...VARIANTS[variant] });
    const manifests = render(config);
    const custom = manifests.filter((m) => m.kind in CRDS);
    expect(custom).toHaveLength(1);
    for (const m of custom) {
      const [file, version] = CRDS[m.kind as keyof typeof CRDS];
      expect(m.apiVersion.endsWith(`/${version}`)).toBe(true);
      expect(schemaErrors(crdValidator(file, version), m)).toEqual([]);
      const template = (m.inference as { template?: unknown } | undefined)?.template;
      if (template) expect(schemaErrors(podTemplate(), template)).toEqual([]);
    }
  });

  it("labels and annotates every object so it can be read back", () => {
    const config = makeConfig({ ...input, ...VARIANTS.everything });
    for (const m of render(config)) {
      expect(m.metadata.namespace).toBe("team-a");
      expect(m.metadata.labels[LABELS.managedBy]).toBe(MANAGED_BY);
      expect(m.metadata.labels[LABELS.runtime]).toBe(config.runtime);
      expect(m.metadata.annotations[ANNOTATIONS.model]).toBe(config.model);
      expect(m.metadata.annotations[ANNOTATIONS.engine]).toBe(config.engine);
      expect(m.metadata.annotations[ANNOTATIONS.mode]).toBe(config.mode);
      for (const key of Object.keys(m.metadata.labels)) expect(labelKey.safeParse(key).success).toBe(true);
    }
  });

  it("references the HuggingFace token Secret and never inlines a token value", () => {
    const config = makeConfig({ ...input, hfTokenSecret: { name: "hf-token", key: "HF_TOKEN" } });
    const text = JSON.stringify(render(config));
    expect(text).toContain('"hf-token"');
    expect(text).not.toMatch(/hf_[A-Za-z0-9]{10,}/);
    const yaml = toYaml(render(config));
    expect(parseAllDocuments(yaml).map((d) => d.toJS())).toEqual(JSON.parse(JSON.stringify(render(config))));
  });
});

/** Every string anywhere in an object, with where it sits (for messages). */
function strings(value: unknown, path = ""): { path: string; value: string }[] {
  if (typeof value === "string") return [{ path, value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => strings(v, `${path}.${k}`));
  return [];
}

/**
 * What a server is started with: container args/commands, plus every value of the engine
 * configuration embedded as YAML (RayService serveConfigV2, KAITO's inference_config.yaml).
 */
function startupValues(manifests: KubeManifest[]): { path: string; value: string }[] {
  const all = strings(manifests);
  const argv = all.filter((s) => /\.(args|command)\[\d+\]$/.test(s.path));
  const embedded = all
    .filter((s) => /\.(serveConfigV2|inference_config\.yaml)$/.test(s.path))
    .flatMap((s) =>
      strings(
        parseAllDocuments(s.value).map((d) => d.toJS()),
        s.path,
      ),
    );
  return [...argv, ...embedded];
}

describe("server arguments", () => {
  const cases = COMBINATIONS.flatMap(({ label, input }) =>
    Object.keys(VARIANTS).map((variant) => ({ label: `${label} / ${variant}`, config: makeConfig({ ...input, ...VARIANTS[variant] }) })),
  );

  it.each(cases)("$label: no argument is an empty string", ({ config }) => {
    const values = startupValues(render(config));
    // A KAITO vLLM preset has no argv: KAITO builds it from the preset.
    if (config.runtime !== "kaito" || config.engine !== "vllm") expect(values.length).toBeGreaterThan(0);
    expect(values.filter((v) => v.value.trim() === "")).toEqual([]);
  });

  it("the cases cover llama.cpp with and without a GGUF file", () => {
    const files = cases.flatMap((c) => (c.config.runtime === "kaito" && c.config.engine === "llamacpp" ? [c.config.kaito.ggufFile] : []));
    expect(files).toContain(undefined);
    expect(files.some((f) => f?.endsWith(".gguf"))).toBe(true);
  });
});

describe("schema conversion", () => {
  it("rejects a Workspace that nests resource under spec (the API server would prune it)", () => {
    const [workspace] = kaitoManifests(makeConfig({ runtime: "kaito", engine: "vllm" })).slice(-1);
    const { resource, inference, ...rest } = workspace as KubeManifest;
    const nested = { ...rest, spec: { resource, inference } };
    expect(schemaErrors(crdValidator(...CRDS.Workspace), nested).join("\n")).toMatch(/additional/);
  });

  it("rejects nvidia.com/gpu as a Dynamo resource key", () => {
    const [dgd] = dynamoManifests(makeConfig({ runtime: "dynamo", engine: "vllm" }));
    const broken = structuredClone(dgd) as KubeManifest & {
      spec: { services: Record<string, { resources?: { limits: Record<string, string> } }> };
    };
    const worker = Object.values(broken.spec.services).find((s) => s.resources);
    if (!worker?.resources) throw new Error("no worker");
    worker.resources.limits = { "nvidia.com/gpu": "1" };
    expect(schemaErrors(crdValidator(...CRDS.DynamoGraphDeployment), broken)).not.toEqual([]);
  });
});
