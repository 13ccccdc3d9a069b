import { ApiProxy } from "@kinvolk/headlamp-plugin/lib";
import { renderManifests } from "@kubeairunway/shared/providers/registry";
import { DeploymentConfig } from "@kubeairunway/shared/schemas/deployment-config";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { MemoryRouter as RouterV5 } from "react-router-dom";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { CreateWizard } from "./create-wizard";

vi.mock("@kinvolk/headlamp-plugin/lib", () => import("../../testing/headlamp-lib-mock"));
vi.mock("@kinvolk/headlamp-plugin/lib/CommonComponents", () => import("../../testing/common-components-mock"));

// @types/react-router-dom 5 resolves its own @types/react; its class type does not fit React 18's JSX types.
const MemoryRouter = RouterV5 as unknown as (props: { children: ReactNode }) => ReactNode;

const request = vi.mocked(ApiProxy.request);
const fail = (status: number, text: string) => Object.assign(new Error(text), { status });

/** The backend is down: discovery is forbidden and the default Service has no ready pod. */
function backendDown(onPost: (path: string, body: unknown) => unknown) {
  request.mockImplementation(async (path: string, params?: Parameters<typeof ApiProxy.request>[1]) => {
    if (params?.method === "POST") return onPost(path, JSON.parse(String(params.body)));
    if (path.startsWith("/api/v1/services?"))
      throw fail(403, 'Forbidden - services is forbidden: User "alice" cannot list resource "services"');
    throw fail(503, 'Service Unavailable - no endpoints available for service "kubeairunway"');
  });
}

const next = () => fireEvent.click(screen.getByRole("button", { name: "Next" }));
const nextDisabled = () => screen.getByRole("button", { name: "Next" }).hasAttribute("disabled");

async function fillUpToReview() {
  render(
    <MemoryRouter>
      <CreateWizard />
    </MemoryRouter>,
  );
  expect(await screen.findByText(/has no ready pod/)).toBeTruthy();
  fireEvent.change(screen.getByLabelText(/^Model/), { target: { value: "Qwen/Qwen3-0.6B" } });
  expect((screen.getByLabelText("Name") as HTMLInputElement).value).toBe("qwen3-0-6b");
  fireEvent.change(screen.getByLabelText("Namespace"), { target: { value: "team-a" } });
  next();
  expect(nextDisabled()).toBe(true);
  fireEvent.click(screen.getByLabelText(/^KubeRay/));
  next();
  next();
  fireEvent.change(screen.getByLabelText("Replicas"), { target: { value: "200" } });
  expect(screen.getByText(/100/)).toBeTruthy();
  expect(nextDisabled()).toBe(true);
  fireEvent.change(screen.getByLabelText("Replicas"), { target: { value: "2" } });
  next();
  next();
}

describe("create wizard", () => {
  beforeEach(() => {
    request.mockReset();
  });

  it("blocks a step on the shared schema's message for its own fields", async () => {
    backendDown(() => ({}));
    render(
      <MemoryRouter>
        <CreateWizard />
      </MemoryRouter>,
    );
    fireEvent.change(screen.getByLabelText(/^Model/), { target: { value: "Qwen/Qwen3-0.6B" } });
    fireEvent.change(screen.getByLabelText("Name"), { target: { value: "Bad_Name" } });
    expect(screen.getByText(/lower case alphanumeric/)).toBeTruthy();
    expect(nextDisabled()).toBe(true);
  });

  it("with the backend down, accepts a typed model and creates exactly the shared core's manifests as the user", async () => {
    const posted: { path: string; body: unknown }[] = [];
    backendDown((path, body) => {
      posted.push({ path, body });
      return body;
    });
    await fillUpToReview();
    expect(screen.getByLabelText("Rendered manifests").textContent).toContain("kind: RayService");
    fireEvent.click(screen.getByRole("button", { name: "Create" }));
    await waitFor(() => expect(posted).toHaveLength(1));
    const expected = renderManifests(
      DeploymentConfig.parse({
        runtime: "kuberay",
        engine: "vllm",
        name: "qwen3-0-6b",
        namespace: "team-a",
        model: "Qwen/Qwen3-0.6B",
        replicas: 2,
      }),
    );
    expect(posted[0]?.path).toBe("/apis/ray.io/v1/namespaces/team-a/rayservices");
    expect(posted[0]?.body).toEqual(expected[0]);
  });

  it("offers only the runtimes whose CRDs the cluster serves", async () => {
    request.mockImplementation(async (path: string) => {
      if (path === "/apis/ray.io/v1") throw fail(404, "Not Found - the server could not find the requested resource");
      if (path === "/apis/kaito.sh/v1beta1") return { resources: [{ name: "workspaces" }] };
      throw fail(503, 'Service Unavailable - no endpoints available for service "kubeairunway"');
    });
    render(
      <MemoryRouter>
        <CreateWizard />
      </MemoryRouter>,
    );
    fireEvent.change(screen.getByLabelText(/^Model/), { target: { value: "Qwen/Qwen3-0.6B" } });
    next();
    expect(await screen.findByText(/not installed in this cluster/)).toBeTruthy();
    expect((screen.getByLabelText(/^KubeRay/) as HTMLInputElement).disabled).toBe(true);
    expect((screen.getByLabelText(/^KAITO/) as HTMLInputElement).disabled).toBe(false);
  });

  it("shows the apiserver's own message when the user may not create it", async () => {
    const message =
      'rayservices.ray.io is forbidden: User "bob" cannot create resource "rayservices" in API group "ray.io" in the namespace "team-a"';
    backendDown(() => {
      throw fail(403, `Forbidden - ${message}`);
    });
    await fillUpToReview();
    fireEvent.click(screen.getByRole("button", { name: "Create" }));
    expect(await screen.findByText(`Forbidden: ${message}`)).toBeTruthy();
  });
});
