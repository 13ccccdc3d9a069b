import type { ProviderDescriptor } from "../../schemas/providers";

/**
 * KubeRay RayService (ray.io/v1) running Ray Serve LLM with vLLM. Pods carry
 * `ray.io/originated-from-cr-name=<name>`; the Service `<name>-serve-svc` serves the OpenAI API on 8000.
 * @see https://docs.ray.io/en/latest/cluster/kubernetes/examples/rayserve-llm-example.html
 */
export const descriptor = {
  id: "kuberay",
  displayName: "KubeRay",
  description: "Ray Serve LLM on a Ray cluster managed by KubeRay: vLLM with replica autoscaling.",
  docsUrl: "https://docs.ray.io/en/latest/serve/llm/index.html",
  crd: { group: "ray.io", version: "v1", kind: "RayService", plural: "rayservices", name: "rayservices.ray.io" },
  engines: ["vllm"],
  modes: ["aggregated"],
  capabilities: { cpuOnly: false, multiNode: true, autoscaling: true, disaggregated: false },
  instanceLabel: "ray.io/originated-from-cr-name",
  operatorLabels: { "app.kubernetes.io/name": "kuberay-operator" },
  servicePort: 8000,
  openaiBasePath: "/v1",
} satisfies ProviderDescriptor;

export const RAY_VERSION = "2.52.0";
export const RAY_LLM_IMAGE = `rayproject/ray-llm:${RAY_VERSION}-py311-cu128`;
/** Name of the Ray Serve application we generate (the key in `applicationStatuses`). */
export const RAY_APP_NAME = "llms";
export const RAY_WORKER_GROUP = "gpu-group";
