import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { type Handlers, MockError, sseResponse } from "../../test/fetch-mock";
import { aDeployment, aDeploymentList } from "../../test/fixtures";
import { renderWithApp } from "../../test/render";
import { ConnectionBanner } from "../live/connection-banner";
import { useDeploymentStream } from "../live/use-deployment-stream";
import { DeploymentsPage } from "./deployments-page";

function Live() {
  useDeploymentStream();
  return <ConnectionBanner graceMs={0} />;
}

const items = [
  aDeployment({ name: "qwen", phase: "Pending", resourceVersion: "5" }),
  aDeployment({ name: "llama", namespace: "team-b", runtime: "kuberay", model: "meta-llama/Llama-3.1-8B" }),
  aDeployment({ name: "phi", runtime: "dynamo", phase: "Failed", model: "microsoft/phi-4" }),
];

function setup(handlers: Handlers, route = "/deployments") {
  const streams: ReturnType<typeof sseResponse>[] = [];
  const view = renderWithApp(
    <>
      <Live />
      <DeploymentsPage />
    </>,
    {
      path: "/deployments",
      route,
      handlers: {
        stream: () => {
          const s = sseResponse();
          streams.push(s);
          return s.response;
        },
        ...handlers,
      },
    },
  );
  return { ...view, streams, user: userEvent.setup() };
}

const names = () => screen.queryAllByTestId("deployment-row").map((r) => within(r).getAllByRole("cell")[0]?.textContent);

describe("deployments page", () => {
  it("lists deployments with phase as text and ready/desired replicas", async () => {
    setup({ listDeployments: () => aDeploymentList(items) });
    await waitFor(() => expect(names()).toEqual(["llama", "phi", "qwen"]));
    const qwen = screen.getAllByTestId("deployment-row")[2] as HTMLElement;
    expect(within(qwen).getByText("Pending")).toBeInTheDocument();
    expect(within(qwen).getByText("1/1")).toBeInTheDocument();
  });

  it("applies filters from the URL and keeps new ones in it", async () => {
    const { user, router } = setup({ listDeployments: () => aDeploymentList(items) }, "/deployments?namespace=team-a&sort=-name");
    await waitFor(() => expect(names()).toEqual(["qwen", "phi"]));
    await user.type(screen.getByRole("textbox", { name: /Filter by name/ }), "phi-4");
    await waitFor(() => expect(names()).toEqual(["phi"]));
    await waitFor(() => expect(router.state.location.search).toContain("q=phi-4"));
    expect(router.state.location.search).toContain("namespace=team-a");
  });

  it("sorts when a column header is activated", async () => {
    const { user } = setup({ listDeployments: () => aDeploymentList(items) });
    await waitFor(() => expect(names()).toHaveLength(3));
    await user.click(screen.getByRole("button", { name: "Phase" }));
    expect(names()).toEqual(["phi", "qwen", "llama"]);
  });

  it("updates a row live from the stream without refetching the list", async () => {
    const { streams, network } = setup({ listDeployments: () => aDeploymentList(items) });
    await waitFor(() => expect(names()).toHaveLength(3));
    await waitFor(() => expect(streams).toHaveLength(1));
    act(() => streams[0]?.send({ type: "updated", deployment: { ...items[0], phase: "Running", resourceVersion: "6" } }));
    const qwen = await screen.findByRole("link", { name: "qwen" });
    await waitFor(() => expect(within(qwen.closest("tr") as HTMLElement).getByText("Running")).toBeInTheDocument());
    act(() => streams[0]?.send({ type: "deleted", namespace: "team-a", name: "phi", runtime: "dynamo" }));
    await waitFor(() => expect(names()).toEqual(["llama", "qwen"]));
    expect(network.calls.filter((c) => c.name === "listDeployments")).toHaveLength(1);
  });

  it("leads to the wizard when there are no deployments", async () => {
    setup({ listDeployments: () => aDeploymentList([]) });
    expect(await screen.findByText("No models deployed yet")).toBeInTheDocument();
    expect(screen.getAllByRole("link", { name: "Deploy a model" }).at(-1)).toHaveAttribute("href", "/deploy");
  });

  it("shows the error code and message, and recovers on retry", async () => {
    let fail = true;
    const { user } = setup({
      listDeployments: () => (fail ? new MockError("upstream_unavailable", "the apiserver did not answer") : aDeploymentList(items)),
    });
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("upstream_unavailable");
    expect(alert).toHaveTextContent("the apiserver did not answer");
    fail = false;
    await user.click(within(alert).getByRole("button", { name: "Retry" }));
    await waitFor(() => expect(names()).toHaveLength(3));
  });

  it("says when the cluster cache is stale", async () => {
    setup({ listDeployments: () => aDeploymentList(items, { stale: true }) });
    expect(await screen.findByText(/cache is resyncing/)).toBeInTheDocument();
  });

  it("shows a banner while the backend is unreachable and clears it when the stream is back", async () => {
    let down = true;
    setup({
      listDeployments: () => aDeploymentList(items),
      stream: () => {
        if (down) throw new TypeError("Failed to fetch");
        return sseResponse().response;
      },
    });
    expect(await screen.findByTestId("connection-banner")).toHaveTextContent(/Cannot reach the KubeAIRunway backend/);
    down = false;
    await waitFor(() => expect(screen.queryByTestId("connection-banner")).not.toBeInTheDocument());
  });
});
