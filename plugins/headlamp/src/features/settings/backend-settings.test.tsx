import { ApiProxy } from "@kinvolk/headlamp-plugin/lib";
import { fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { PluginSettings } from "../../backend/locate";
import { BackendSettings } from "./backend-settings";

vi.mock("@kinvolk/headlamp-plugin/lib", () => import("../../testing/headlamp-lib-mock"));

const request = vi.mocked(ApiProxy.request);

function Harness({ initial = {} }: { initial?: PluginSettings }) {
  const [data, setData] = useState<PluginSettings>(initial);
  return (
    <>
      <BackendSettings data={data} onDataChange={setData} />
      <output data-testid="saved">{JSON.stringify(data)}</output>
    </>
  );
}

describe("plugin settings: backend location", () => {
  beforeEach(() => {
    request.mockReset();
  });

  it("rejects a malformed Service address and will not test it", () => {
    render(<Harness />);
    fireEvent.click(screen.getByLabelText("Service in the cluster"));
    fireEvent.change(screen.getByLabelText("Service (namespace/service:port)"), { target: { value: "kubeairunway" } });
    expect(screen.getByText(/expected namespace\/service:port/)).toBeTruthy();
    expect(screen.getByRole("button", { name: "Test connection" }).hasAttribute("disabled")).toBe(true);
  });

  it("stores the override per cluster and tests that Service through the cluster's service proxy", async () => {
    request.mockResolvedValue(Response.json({ version: "0.4.2", commit: "c", runtime: "bun" }));
    render(<Harness />);
    fireEvent.click(screen.getByLabelText("Service in the cluster"));
    fireEvent.change(screen.getByLabelText("Service (namespace/service:port)"), { target: { value: "ai/runway:8080" } });
    expect(JSON.parse(screen.getByTestId("saved").textContent ?? "")).toEqual({
      "test-cluster": { mode: "service", service: "ai/runway:8080" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Test connection" }));
    expect(await screen.findByText(/backend version 0\.4\.2/)).toBeTruthy();
    expect(request).toHaveBeenCalledWith(
      "/api/v1/namespaces/ai/services/http:runway:8080/proxy/api/version",
      expect.objectContaining({ cluster: "test-cluster", isJSON: false }),
    );
  });

  it("shows the exact failure and what to check when nothing answers at the default location", async () => {
    request.mockImplementation(async (...args: unknown[]) => {
      const path = args[0] as string;
      if (!args.length) console.error("STACK", new Error().stack);
      if (path.startsWith("/api/v1/services?")) return { items: [] };
      throw Object.assign(new Error('Not Found - services "kubeairunway" not found'), { status: 404 });
    });
    render(<Harness />);
    fireEvent.click(screen.getByRole("button", { name: "Test connection" }));
    const alert = await screen.findByText(/kubeairunway-system\/kubeairunway:http \(default location\)/);
    expect(alert.textContent).toContain('services "kubeairunway" not found');
    expect(alert.textContent).toContain("Install the KubeAIRunway chart");
  });

  it("uses the Service found by label when discovery finds one", async () => {
    request.mockImplementation(async (path: string) => {
      if (path.startsWith("/api/v1/services?")) {
        return {
          items: [
            {
              metadata: { name: "airunway", namespace: "ml" },
              spec: {
                ports: [
                  { name: "web", port: 80 },
                  { name: "http", port: 3001 },
                ],
              },
            },
          ],
        };
      }
      return Response.json({ version: "1.0.0", commit: "c", runtime: "bun" });
    });
    render(<Harness />);
    fireEvent.click(screen.getByRole("button", { name: "Test connection" }));
    expect(await screen.findByText(/Connected to ml\/airunway:http \(found by label\)/)).toBeTruthy();
    expect(request.mock.calls[0]?.[0]).toBe("/api/v1/services?labelSelector=app.kubernetes.io%2Fname%3Dkubeairunway");
  });
});
