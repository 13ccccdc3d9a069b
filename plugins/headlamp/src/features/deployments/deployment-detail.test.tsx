import { ApiProxy, K8s } from "@kinvolk/headlamp-plugin/lib";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { schedulingEvent, unschedulablePod, workspace } from "../../testing/fixtures";
import { renderPage } from "../../testing/render-page";
import { DeploymentDetail } from "./deployment-detail";

vi.mock("@kinvolk/headlamp-plugin/lib", () => import("../../testing/headlamp-lib-mock"));
vi.mock("@kinvolk/headlamp-plugin/lib/CommonComponents", () => import("../../testing/common-components-mock"));

const { KubeObject } = K8s.cluster;
const useGet = vi.mocked(KubeObject.useGet);
const useList = vi.mocked(KubeObject.useList);
const request = vi.mocked(ApiProxy.request);

const ws = workspace("gpu-big", "team-a", [{ type: "ResourceReady", status: "True" }]);

function renderDetail() {
  return renderPage(<DeploymentDetail />, {
    path: "/kubeairunway/deployments/team-a/gpu-big",
    route: "/kubeairunway/deployments/:namespace/:name",
  });
}

describe("deployment details", () => {
  beforeEach(() => {
    request.mockReset();
    useGet.mockImplementation(function (this: { kind: string }) {
      return (this.kind === "Workspace" ? [{ jsonData: ws }, null] : [null, { status: 404, message: "not found" }]) as never;
    });
    useList.mockImplementation(function (this: { kind: string }) {
      if (this.kind === "Pod") return [[{ jsonData: unschedulablePod("gpu-big-0", "team-a", "gpu-big") }], null] as never;
      if (this.kind === "Event") return [[{ jsonData: schedulingEvent("gpu-big-0", "team-a") }], null] as never;
      return [[], null] as never;
    });
    request.mockImplementation(async (path: string) => (path.includes("/log") ? new Response("loading weights\nready soon\n") : {}));
  });

  it("explains why it is pending, links its pods to Headlamp's Pod pages and the resource to the generic view", async () => {
    const { container } = renderDetail();
    expect(screen.getByRole("heading", { name: "gpu-big" })).toBeTruthy();
    expect(screen.getByText("Why it is not running yet")).toBeTruthy();
    expect(screen.getAllByText(/Not enough free GPUs/).length).toBeGreaterThan(0);
    const podLink = container.querySelector('a[data-route="Pod"]');
    expect(podLink?.textContent).toBe("gpu-big-0");
    expect(podLink?.getAttribute("data-route")).toBe("Pod");
    expect(podLink?.getAttribute("href")).toContain('"namespace":"team-a","name":"gpu-big-0"');
    const generic = container.querySelector('a[data-route="customresource"]');
    expect(generic?.getAttribute("href")).toContain('"crd":"workspaces.kaito.sh"');
    expect(screen.getAllByText("FailedScheduling").length).toBeGreaterThan(0);
    expect(await screen.findByText(/loading weights/)).toBeTruthy();
    expect(request).toHaveBeenCalledWith(
      "/api/v1/namespaces/team-a/pods/gpu-big-0/log?tailLines=100",
      expect.objectContaining({ isJSON: false, cluster: "test-cluster" }),
    );
  });

  it("deletes as the user only after confirmation", async () => {
    renderDetail();
    fireEvent.click(screen.getByRole("button", { name: "Delete" }));
    const dialog = screen.getByRole("dialog", { name: "Delete gpu-big?" });
    expect(request.mock.calls.some(([, p]) => (p as { method?: string })?.method === "DELETE")).toBe(false);
    fireEvent.click(within(dialog).getByRole("button", { name: "Delete" }));
    await waitFor(() =>
      expect(request).toHaveBeenCalledWith(
        "/apis/kaito.sh/v1beta1/namespaces/team-a/workspaces/gpu-big",
        expect.objectContaining({ method: "DELETE", cluster: "test-cluster" }),
      ),
    );
  });

  it("says so when no runtime has a deployment of that name", () => {
    useGet.mockImplementation(() => [null, { status: 404, message: "not found" }] as never);
    renderDetail();
    expect(screen.getByText("No KAITO, KubeRay or Dynamo deployment named gpu-big in team-a.")).toBeTruthy();
  });
});
