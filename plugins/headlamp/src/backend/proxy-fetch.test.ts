import { ApiError } from "@kubeairunway/shared/errors";
import { describe, expect, it } from "vitest";
import type { KubeRequest } from "../kube/request";
import { createBackendClient } from "./client";
import { connectionProblem } from "./proxy-fetch";

/** Rejects the way Headlamp's clusterRequest does: `Error("<statusText> - <message>")` with `status`. */
function failing(status: number, statusText: string, message: string): KubeRequest {
  return async () => {
    throw Object.assign(new Error(`${statusText} - ${message}`), { status });
  };
}

const target = { kind: "service", namespace: "kubeairunway-system", service: "kubeairunway", port: "http", source: "default" } as const;

async function versionError(request: KubeRequest): Promise<ApiError> {
  const err = await createBackendClient(request, target)
    .version()
    .catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ApiError);
  return err as ApiError;
}

describe("backend calls through the service proxy", () => {
  it("sends the call to the Service's proxy path without logging the user out on 401", async () => {
    const calls: { path: string; params: unknown }[] = [];
    const request: KubeRequest = async (path, params) => {
      calls.push({ path, params });
      return Response.json({ version: "1.2.3", commit: "abc", runtime: "bun" });
    };
    const version = await createBackendClient(request, target).version();
    expect(version.version).toBe("1.2.3");
    expect(calls[0]?.path).toBe("/api/v1/namespaces/kubeairunway-system/services/http:kubeairunway:http/proxy/api/version");
    expect(calls[0]?.params).toMatchObject({ method: "GET", isJSON: false, autoLogoutOnAuthError: false });
  });

  it("reports a missing Service (404 from the apiserver) as service-missing", async () => {
    const err = await versionError(failing(404, "Not Found", 'services "kubeairunway" not found'));
    expect(connectionProblem(err)).toBe("service-missing");
    expect(err.message).toContain("kubeairunway-system/kubeairunway:http");
  });

  it("reports a Service without ready pods (503) as no-endpoints", async () => {
    const err = await versionError(failing(503, "Service Unavailable", 'no endpoints available for service "kubeairunway"'));
    expect(connectionProblem(err)).toBe("no-endpoints");
    expect(err.retryable).toBe(true);
  });

  it("keeps the backend's own error (its error body) as the backend's, code and message intact", async () => {
    const body = JSON.stringify({ error: { code: "runtime_not_installed", message: "KAITO is not installed" } });
    const err = await versionError(failing(412, "Precondition Failed", body));
    expect(connectionProblem(err)).toBe("backend");
    expect(err).toMatchObject({ status: 412, code: "runtime_not_installed", message: "KAITO is not installed" });
  });

  it("reports a forbidden services/proxy with the apiserver's message", async () => {
    const msg = 'services "http:kubeairunway:http" is forbidden: User "bob" cannot get resource "services/proxy"';
    const err = await versionError(failing(403, "Forbidden", msg));
    expect(connectionProblem(err)).toBe("forbidden");
    expect(err.message).toBe(msg);
  });
});
