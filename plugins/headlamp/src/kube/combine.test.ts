import { describe, expect, it } from "vitest";
import { buildDeploymentView } from "./combine";

const dgd = {
  apiVersion: "nvidia.com/v1alpha1",
  kind: "DynamoGraphDeployment",
  metadata: { name: "qwen", namespace: "team-a", creationTimestamp: "2026-05-01T10:00:00Z" },
  spec: { services: { Frontend: { componentType: "frontend", replicas: 1 } } },
  status: { state: "pending" },
};

describe("buildDeploymentView", () => {
  it("gives the summary the deployment's events, so its explanation matches the status the page shows", () => {
    const quota = {
      type: "Warning",
      reason: "FailedCreate",
      message: 'pods "qwen-frontend-0" is forbidden: exceeded quota: gpu-quota',
      involvedObject: { kind: "DynamoGraphDeployment", name: "qwen" },
    };
    const unrelated = { ...quota, involvedObject: { kind: "DynamoGraphDeployment", name: "other" }, message: "exceeded quota: other" };
    const view = buildDeploymentView("dynamo", dgd, [], [quota, unrelated], Date.parse("2026-05-01T10:05:00Z"));
    expect(view.status.explanation).toContain("exceeded quota: gpu-quota");
    expect(view.summary.explanation).toBe(view.status.explanation);
    expect(view.summary.phase).toBe(view.status.phase);
  });
});
