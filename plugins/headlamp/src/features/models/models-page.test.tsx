import { ApiProxy } from "@kinvolk/headlamp-plugin/lib";
import { render, screen } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { ModelsPage } from "./models-page";

vi.mock("@kinvolk/headlamp-plugin/lib", () => import("../../testing/headlamp-lib-mock"));
vi.mock("@kinvolk/headlamp-plugin/lib/CommonComponents", () => import("../../testing/common-components-mock"));

const request = vi.mocked(ApiProxy.request);
const qwen = {
  id: "Qwen/Qwen3-0.6B",
  name: "Qwen3 0.6B",
  family: "qwen3",
  parametersB: 0.6,
  activeParametersB: null,
  contextLength: 32768,
  license: "apache-2.0",
  gated: false,
  engines: ["vllm", "sglang"],
  runtimes: ["kaito", "kuberay", "dynamo"],
  minGpuMemoryGiB: 2,
  gpus80GB: 1,
  cpuFriendly: true,
  gguf: [],
  kaitoPreset: null,
};

describe("models page", () => {
  beforeEach(() => {
    request.mockReset();
  });

  it("lists the backend's catalog, reached through the discovered Service's proxy", async () => {
    request.mockImplementation(async (path: string) => {
      if (path.startsWith("/api/v1/services?"))
        return { items: [{ metadata: { name: "kubeairunway", namespace: "ai" }, spec: { ports: [{ name: "http", port: 3001 }] } }] };
      return Response.json({ items: [qwen] });
    });
    render(<ModelsPage />);
    expect(await screen.findByText("Qwen/Qwen3-0.6B")).toBeTruthy();
    expect(screen.getByText("32,768")).toBeTruthy();
    expect(request.mock.calls.map(([p]) => p)).toContain("/api/v1/namespaces/ai/services/http:kubeairunway:http/proxy/api/models");
  });

  it("shows a banner naming the Service and what to check when it has no ready pod", async () => {
    request.mockImplementation(async (path: string) => {
      if (path.startsWith("/api/v1/services?")) return { items: [] };
      throw Object.assign(new Error('Service Unavailable - no endpoints available for service "kubeairunway"'), { status: 503 });
    });
    render(<ModelsPage />);
    expect(await screen.findByText("The KubeAIRunway backend has no ready pod")).toBeTruthy();
    expect(screen.getByRole("alert").textContent).toContain("kubeairunway-system/kubeairunway:http");
    expect(screen.getByText("The catalog comes from the backend, which is not reachable.")).toBeTruthy();
  });
});
