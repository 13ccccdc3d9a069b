import { describe, expect, it } from "vitest";
import { providers } from "./registry";
import { cond, examplesOfKind, withStatus } from "./testing/examples";
import { minutes, T0 } from "./testing/pods";
import type { KubeEvent, KubeObject } from "./types";

const now = T0 + minutes(30);

/** One not-ready resource per runtime, with no pods yet: only an event can explain it. */
const notReady: Record<keyof typeof providers, KubeObject> = {
  kaito: withStatus(examplesOfKind("kaito", "Workspace")[3]!.object, {
    state: "Pending",
    conditions: [cond("ResourceReady", "True", "workspaceResourceStatusSuccess")],
  }),
  kuberay: withStatus(examplesOfKind("kuberay", "RayService")[0]!.object, { conditions: [cond("Ready", "False", "Initializing")] }),
  dynamo: withStatus(examplesOfKind("dynamo", "DynamoGraphDeployment")[1]!.object, { state: "pending" }),
};

const quotaEvent = (resource: KubeObject): KubeEvent => ({
  type: "Warning",
  reason: "FailedCreate",
  message: 'pods "x" is forbidden: exceeded quota: gpu-quota, requested: requests.nvidia.com/gpu=1, used: 4, limited: 4',
  involvedObject: { kind: resource.kind, name: resource.metadata?.name },
  lastTimestamp: new Date(T0).toISOString(),
});

describe.each(Object.keys(providers) as (keyof typeof providers)[])("%s summarize", (runtime) => {
  const provider = providers[runtime];
  const resource = notReady[runtime];

  it("passes events through, so the list row explains what the detail view explains", () => {
    const events = [quotaEvent(resource)];
    const status = provider.toStatus(resource, [], events, { now });
    expect(status.explanation).toMatch(/exceeded quota/);
    const row = provider.summarize(resource, [], events, { now });
    expect(row.explanation).toBe(status.explanation);
    expect(row.phase).toBe(status.phase);
  });

  it("still accepts the old (resource, pods, options) call shape", () => {
    const row = provider.summarize(resource, [], { now });
    expect(row.explanation).toBe(provider.toStatus(resource, [], [], { now }).explanation);
    expect(row.explanation).not.toMatch(/exceeded quota/);
    expect(provider.summarize(resource, [])).toMatchObject({ name: resource.metadata?.name, runtime });
  });
});
