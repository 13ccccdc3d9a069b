import { describe, expect, it } from "vitest";
import { ApiError } from "../errors";
import { createApiClient } from "./client";

function recordingFetch(response: Response) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return response.clone();
  };
  return { calls, fetch };
}

describe("createApiClient", () => {
  it("builds the path and query from the contract and sends the bearer token", async () => {
    const { calls, fetch } = recordingFetch(Response.json({ summary: {}, status: {}, pods: [], resource: {} }));
    const api = createApiClient({ baseUrl: "http://b", fetch, getToken: () => "t0k" });
    await api.getDeployment({ params: { namespace: "team-a", name: "llama" } });
    await api.listModels({ query: { search: "qwen", runtime: undefined } });
    expect(calls[0]?.url).toBe("http://b/api/deployments/team-a/llama");
    expect(calls[0]?.init.headers).toMatchObject({ Authorization: "Bearer t0k" });
    expect(calls[1]?.url).toBe("http://b/api/models?search=qwen");
  });

  it("turns the shared error body into a typed ApiError", async () => {
    const body = { error: { code: "forbidden", message: 'workspaces.kaito.sh is forbidden: User "alice" cannot create' } };
    const { fetch } = recordingFetch(Response.json(body, { status: 403 }));
    const err = await createApiClient({ baseUrl: "", fetch })
      .health()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 403, code: "forbidden", message: body.error.message });
  });

  it("reports an unreachable backend as a retryable upstream_unavailable error", async () => {
    const api = createApiClient({
      baseUrl: "",
      fetch: async () => {
        throw new TypeError("fetch failed");
      },
    });
    const err = (await api.health().catch((e: unknown) => e)) as ApiError;
    expect(err.code).toBe("upstream_unavailable");
    expect(err.retryable).toBe(true);
  });

  it("maps a foreign error body by status (e.g. a 503 from the apiserver's service proxy)", async () => {
    const { fetch } = recordingFetch(new Response("no endpoints available for service", { status: 503 }));
    const err = (await createApiClient({ baseUrl: "", fetch })
      .health()
      .catch((e: unknown) => e)) as ApiError;
    expect(err).toMatchObject({ code: "upstream_unavailable", status: 503 });
    expect(err.message).toContain("no endpoints available");
  });
});
