import { K8s } from "@kinvolk/headlamp-plugin/lib";
import { screen } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { runningPod, workspace } from "../../testing/fixtures";
import { renderPage } from "../../testing/render-page";
import { DeploymentList } from "./deployment-list";

vi.mock("@kinvolk/headlamp-plugin/lib", () => import("../../testing/headlamp-lib-mock"));
vi.mock("@kinvolk/headlamp-plugin/lib/CommonComponents", () => import("../../testing/common-components-mock"));

const useList = vi.mocked(K8s.cluster.KubeObject.useList);
const listed = (items: object[]) => [items.map((jsonData) => ({ jsonData })), null];
const failed = (status: number, message: string) => [null, { status, message }];

/** What Headlamp's lists answer per kind: KAITO has one deployment, KubeRay's CRD is missing, Dynamo is forbidden. */
function cluster(kinds: Record<string, unknown[]>) {
  useList.mockImplementation(function (this: { kind: string }) {
    return (kinds[this.kind] ?? listed([])) as never;
  });
}

describe("deployments list", () => {
  beforeEach(() => {
    useList.mockReset();
  });

  it("shows each runtime's deployments with the shared status, 'not installed' for a missing CRD, and a forbidden list as an error", () => {
    cluster({
      Workspace: listed([
        workspace("phi", "team-a", [
          { type: "InferenceReady", status: "True" },
          { type: "WorkspaceSucceeded", status: "True" },
        ]),
      ]),
      RayService: failed(404, "the server could not find the requested resource"),
      DynamoGraphDeployment: failed(403, 'dynamographdeployments.nvidia.com is forbidden: User "alice" cannot list resource'),
      Pod: listed([runningPod("phi-0", "team-a", "phi")]),
    });
    renderPage(<DeploymentList />);
    const row = screen.getByText("phi").closest("tr");
    expect(row?.textContent).toContain("team-a");
    expect(row?.textContent).toContain("microsoft/Phi-4-mini-instruct");
    expect(row?.textContent).toContain("KAITO");
    expect(row?.textContent).toContain("Running");
    expect(row?.textContent).toContain("1/1");
    expect(screen.getByText("phi").closest("a")?.getAttribute("data-route")).toBe("kubeairunway-deployment");
    expect(screen.getByText(/KubeRay is not installed in this cluster/)).toBeTruthy();
    expect(screen.getByText(/NVIDIA Dynamo: .*cannot list/)).toBeTruthy();
    expect(screen.getByText(/Pick your namespaces in Headlamp's namespace filter/)).toBeTruthy();
  });

  it("asks Headlamp only for the namespaces selected in its namespace filter", () => {
    cluster({});
    renderPage(<DeploymentList />, { namespaces: ["team-a"] });
    expect(useList.mock.calls.length).toBeGreaterThan(0);
    for (const [options] of useList.mock.calls) expect(options).toMatchObject({ namespace: ["team-a"] });
    expect(screen.getByText("No deployments in team-a.")).toBeTruthy();
  });
});
