import { deploymentQueries } from "@kubeairunway/shared";
import { useQuery } from "@tanstack/react-query";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { useApi } from "../../app/services";
import { MockError, type MockRequest } from "../../test/fetch-mock";
import { aDeploymentList } from "../../test/fixtures";
import { renderWithApp } from "../../test/render";
import { AuthGate } from "./auth-gate";
import { EXPIRED, REJECTED } from "./session";
import { UserMenu } from "./user-menu";

function Protected() {
  const list = useQuery(deploymentQueries.list(useApi()));
  return (
    <>
      <UserMenu />
      <div>{list.data ? `${list.data.items.length} deployments` : "loading"}</div>
    </>
  );
}

/** A backend in AUTH_MODE=kubernetes that knows one good token (and can later revoke it). */
function kubernetesBackend() {
  const state = { valid: new Set(["good-token"]) };
  const user = (req: MockRequest) => req.headers.get("Authorization")?.replace(/^Bearer /, "");
  return {
    state,
    handlers: {
      whoami: (req: MockRequest) =>
        state.valid.has(user(req) ?? "")
          ? { authMode: "kubernetes" as const, authenticated: true, username: "alice", groups: ["team-a"] }
          : { authMode: "kubernetes" as const, authenticated: false, groups: [] },
      listDeployments: (req: MockRequest) =>
        state.valid.has(user(req) ?? "") ? aDeploymentList([]) : new MockError("unauthenticated", "token expired"),
    },
  };
}

const gated = (
  <AuthGate>
    <Protected />
  </AuthGate>
);

describe("sign-in (AUTH_MODE=kubernetes)", () => {
  it("asks for a token, then sends it as a Bearer header", async () => {
    const backend = kubernetesBackend();
    const { network } = renderWithApp(gated, { handlers: backend.handlers });
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText(/Kubernetes token/), "good-token");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByText("0 deployments")).toBeInTheDocument();
    expect(screen.getByLabelText("Signed in as alice")).toBeInTheDocument();
    const list = network.calls.find((c) => c.name === "listDeployments");
    expect(new Headers(list?.init.headers).get("Authorization")).toBe("Bearer good-token");
    expect(window.sessionStorage.getItem("kubeairunway.token")).toBe("good-token");
  });

  it("says clearly when the token is rejected, and forgets it", async () => {
    const backend = kubernetesBackend();
    renderWithApp(gated, { handlers: backend.handlers });
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText(/Kubernetes token/), "wrong-token");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByText(REJECTED)).toBeInTheDocument();
    expect(window.sessionStorage.getItem("kubeairunway.token")).toBeNull();
  });

  it("returns to sign-in with an 'expired' message when a signed-in token stops working", async () => {
    const backend = kubernetesBackend();
    window.sessionStorage.setItem("kubeairunway.token", "good-token");
    const { queryClient } = renderWithApp(gated, { handlers: backend.handlers });
    await screen.findByText("0 deployments");
    backend.state.valid.clear();
    await queryClient.invalidateQueries({ queryKey: ["deployments"] });
    expect(await screen.findByText(EXPIRED)).toBeInTheDocument();
  });

  it("signs out", async () => {
    const backend = kubernetesBackend();
    window.sessionStorage.setItem("kubeairunway.token", "good-token");
    renderWithApp(gated, { handlers: backend.handlers });
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Sign out" }));
    expect(await screen.findByText("You signed out.")).toBeInTheDocument();
    await waitFor(() => expect(window.sessionStorage.getItem("kubeairunway.token")).toBeNull());
  });

  it("lets everyone in when the backend runs with AUTH_MODE=none", async () => {
    renderWithApp(gated, {
      handlers: {
        whoami: () => ({ authMode: "none", authenticated: true, username: "kubeconfig user", groups: [] }),
        listDeployments: () => aDeploymentList([]),
      },
    });
    expect(await screen.findByText("0 deployments")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Sign out" })).not.toBeInTheDocument();
  });
});
