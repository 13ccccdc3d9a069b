import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { type Handlers, MockError } from "../../test/fetch-mock";
import { aModel, aProvider } from "../../test/fixtures";
import { renderWithApp } from "../../test/render";
import { DeployPage } from "./deploy-page";

const rendered: unknown[] = [];
const handlers = (overrides: Handlers = {}): Handlers => ({
  listModels: () => ({
    items: [
      aModel(),
      aModel({ id: "meta-llama/Llama-3.1-8B-Instruct", name: "Llama 3.1 8B", gated: true, runtimes: ["kuberay", "dynamo"] }),
    ],
  }),
  listProviders: () => ({ items: [aProvider("kaito"), aProvider("kuberay"), aProvider("dynamo", false)] }),
  gpuCapacity: () => ({
    nodes: [],
    pools: [{ product: "NVIDIA-A100-SXM4-80GB", nodes: 2, total: 16, free: 8, largestFreeOnOneNode: 4 }],
    totals: { gpus: 16, free: 8 },
  }),
  renderDeployment: ({ body }) => {
    rendered.push(body);
    const b = body as { name: string; runtime: string; replicas: number };
    return {
      manifests: [{ kind: "Workspace" }],
      yaml: `kind: Workspace\nmetadata:\n  name: ${b.name}\n# replicas ${b.replicas}\n`,
      warnings: [],
    };
  },
  ...overrides,
});

async function openWizard(extra: Handlers = {}, route = "/deploy?model=Qwen/Qwen3-0.6B") {
  const user = userEvent.setup();
  const view = renderWithApp(<DeployPage />, { handlers: handlers(extra), path: "/deploy", route });
  await screen.findByRole("button", { name: /Qwen3 0.6B/ });
  return { user, ...view };
}

async function chooseKaitoVllm(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole("button", { name: /^Runtime( needs attention)?$/ }));
  await user.click(await screen.findByRole("radio", { name: /KAITO/ }));
  await user.click(screen.getByRole("button", { name: /^Engine and mode( needs attention)?$/ }));
  await user.click(screen.getByRole("radio", { name: "vLLM" }));
}

describe("deploy wizard", () => {
  it("pre-fills the model from the link and suggests a valid name", async () => {
    await openWizard();
    expect(screen.getByRole("textbox", { name: "Model id" })).toHaveValue("Qwen/Qwen3-0.6B");
    expect(screen.getByRole("textbox", { name: "Deployment name" })).toHaveValue("qwen3-0-6b");
  });

  it("shows why a runtime cannot be chosen and keeps it unselectable", async () => {
    const { user } = await openWizard();
    await user.click(screen.getByRole("button", { name: /^Runtime( needs attention)?$/ }));
    const dynamo = await screen.findByRole("radio", { name: /NVIDIA Dynamo/ });
    expect(dynamo).toHaveAttribute("aria-disabled", "true");
    expect(within(dynamo).getByText(/CRD is not installed/)).toBeInTheDocument();
  });

  it("shows a field's error next to it as soon as it is edited", async () => {
    const { user } = await openWizard();
    const name = screen.getByRole("textbox", { name: "Deployment name" });
    await user.clear(name);
    await user.type(name, "Bad_Name");
    expect(await screen.findByText(/lower case alphanumeric/)).toBeInTheDocument();
    await chooseKaitoVllm(user);
    await user.click(screen.getByRole("button", { name: /^Resources( needs attention)?$/ }));
    const replicas = screen.getByRole("spinbutton", { name: "Replicas" });
    await user.clear(replicas);
    await user.type(replicas, "500");
    expect(await screen.findByText(/less than or equal to 100|<=100/i)).toBeInTheDocument();
  });

  it("does not create while fields are invalid; it lists them and jumps to the first", async () => {
    const { user, network } = await openWizard();
    await user.type(screen.getByRole("textbox", { name: "Namespace" }), "-");
    await chooseKaitoVllm(user);
    await user.click(screen.getByRole("button", { name: /^Review( needs attention)?$/ }));
    expect(within(screen.getByTestId("review-problems")).getByText(/Model → namespace/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Create deployment" }));
    expect(network.calls.some((c) => c.name === "createDeployment")).toBe(false);
    expect(screen.getByRole("region", { name: "Model" })).toBeInTheDocument();
    expect(screen.getByRole("textbox", { name: "Namespace" })).toHaveAccessibleDescription(/must consist of lower case/);
  });

  it("renders the manifest live from the backend as the form changes", async () => {
    const { user } = await openWizard();
    await chooseKaitoVllm(user);
    expect(await screen.findByLabelText("rendered manifest YAML")).toHaveTextContent("name: qwen3-0-6b");
    await user.click(screen.getByRole("button", { name: /^Resources( needs attention)?$/ }));
    const replicas = screen.getByRole("spinbutton", { name: "Replicas" });
    await user.clear(replicas);
    await user.type(replicas, "3");
    await waitFor(() => expect(screen.getByLabelText("rendered manifest YAML")).toHaveTextContent("# replicas 3"));
  });

  it("puts the server's field issues next to their fields", async () => {
    const { user } = await openWizard({
      createDeployment: () =>
        new MockError("invalid_input", "invalid body", {
          issues: [{ path: "memory", message: "exceeds the namespace quota", location: "body" }],
        }),
    });
    await chooseKaitoVllm(user);
    await user.click(screen.getByRole("button", { name: /^Review( needs attention)?$/ }));
    await user.click(screen.getByRole("button", { name: "Create deployment" }));
    expect(await screen.findByText("invalid_input")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: /^Resources( needs attention)?$/ }));
    expect(screen.getByRole("textbox", { name: "Memory per replica" })).toHaveAccessibleDescription("exceeds the namespace quota");
  });

  it("shows the forbidden message when RBAC denies the create", async () => {
    const { user } = await openWizard({
      createDeployment: () =>
        new MockError("forbidden", 'workspaces.kaito.sh is forbidden: User "alice" cannot create resource in namespace "team-b"'),
    });
    await chooseKaitoVllm(user);
    await user.click(screen.getByRole("button", { name: /^Review( needs attention)?$/ }));
    await user.click(screen.getByRole("button", { name: "Create deployment" }));
    const alert = await screen.findByText(/User "alice" cannot create/);
    expect(alert.closest("[role=alert]")).toHaveTextContent("forbidden");
  });

  it("creates the deployment and lands on its page", async () => {
    const { user, router, network } = await openWizard({
      createDeployment: ({ body }) => ({
        name: (body as { name: string }).name,
        namespace: "default",
        runtime: "kaito",
        created: true,
        warnings: [],
      }),
    });
    await chooseKaitoVllm(user);
    await user.click(screen.getByRole("button", { name: /^Review( needs attention)?$/ }));
    await user.click(screen.getByRole("button", { name: "Create deployment" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/deployments/default/qwen3-0-6b"));
    const create = network.calls.find((c) => c.name === "createDeployment");
    expect(JSON.parse(String(create?.init.body))).toMatchObject({
      runtime: "kaito",
      engine: "vllm",
      model: "Qwen/Qwen3-0.6B",
      replicas: 1,
    });
  });
});
