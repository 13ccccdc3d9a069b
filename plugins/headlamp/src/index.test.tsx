import { readFileSync } from "node:fs";
import { K8s, registerDetailsViewSection, registerPluginSettings, registerRoute, registerSidebarEntry } from "@kinvolk/headlamp-plugin/lib";
import { render, screen } from "@testing-library/react";
import type { ComponentType } from "react";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { runningPod, workspace } from "./testing/fixtures";

vi.mock("@kinvolk/headlamp-plugin/lib", () => import("./testing/headlamp-lib-mock"));
vi.mock("@kinvolk/headlamp-plugin/lib/CommonComponents", () => import("./testing/common-components-mock"));

/** Icons Headlamp bundles for offline use (headlamp-plugin.md §7); others load from the internet. */
const OFFLINE_ICONS = [
  "mdi:view-dashboard",
  "mdi:rocket-launch-outline",
  "mdi:chart-timeline-variant",
  "mdi:format-list-bulleted",
  "mdi:cog-outline",
];

// Tests run from the plugin folder (vitest.config.mts).
const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { name: string };

describe("plugin registrations", () => {
  beforeAll(async () => {
    await import("./index");
  });

  it("registers the settings under package.json's name, with Headlamp's save button", () => {
    expect(registerPluginSettings).toHaveBeenCalledTimes(1);
    expect(vi.mocked(registerPluginSettings).mock.calls[0]?.[0]).toBe(pkg.name);
    expect(vi.mocked(registerPluginSettings).mock.calls[0]?.[2]).toBe(true);
  });

  it("adds a KubeAIRunway sidebar parent with an offline icon and its pages as children", () => {
    const entries = vi.mocked(registerSidebarEntry).mock.calls.map((c) => c[0]);
    const root = entries.find((e) => e.parent === null);
    expect(root).toMatchObject({ label: "KubeAIRunway" });
    expect(OFFLINE_ICONS).toContain(root?.icon);
    const children = entries.filter((e) => e.parent === root?.name).map((e) => [e.label, e.url]);
    expect(children).toEqual(
      expect.arrayContaining([
        ["Deployments", "/kubeairunway/deployments"],
        ["Models", "/kubeairunway/models"],
        ["Runtimes", "/kubeairunway/runtimes"],
        ["Settings", "/kubeairunway/settings"],
      ]),
    );
  });

  it("registers every route, `create` before `:namespace/:name`", () => {
    const paths = vi.mocked(registerRoute).mock.calls.map((c) => c[0].path);
    for (const p of [
      "/kubeairunway/deployments",
      "/kubeairunway/models",
      "/kubeairunway/runtimes",
      "/kubeairunway/integrations",
      "/kubeairunway/settings",
    ]) {
      expect(paths).toContain(p);
    }
    expect(paths.indexOf("/kubeairunway/deployments/create")).toBeGreaterThanOrEqual(0);
    expect(paths.indexOf("/kubeairunway/deployments/create")).toBeLessThan(paths.indexOf("/kubeairunway/deployments/:namespace/:name"));
  });

  it("adds a section to Headlamp's Workspace pages with the live status and a link, and nothing to other kinds", () => {
    const Section = vi.mocked(registerDetailsViewSection).mock.calls[0]?.[0] as ComponentType<{ resource: unknown }>;
    const ready = [
      { type: "InferenceReady", status: "True" },
      { type: "WorkspaceSucceeded", status: "True" },
    ];
    vi.mocked(K8s.ResourceClasses.Pod.useList).mockImplementation((() => [
      [{ jsonData: runningPod("phi-0", "team-a", "phi") }],
      null,
    ]) as never);
    const { container } = render(<Section resource={{ jsonData: workspace("phi", "team-a", ready) }} />);
    expect(screen.getByText("KubeAIRunway")).toBeTruthy();
    expect(screen.getByText("microsoft/Phi-4-mini-instruct")).toBeTruthy();
    expect(screen.getByText("Running")).toBeTruthy();
    expect(screen.getByText("1/1 ready")).toBeTruthy();
    expect(container.querySelector('a[data-route="kubeairunway-deployment"]')?.getAttribute("href")).toContain('"name":"phi"');
    const pod = render(<Section resource={{ jsonData: { apiVersion: "v1", kind: "Pod", metadata: { name: "p" } } }} />);
    expect(pod.container.textContent).toBe("");
  });
});
