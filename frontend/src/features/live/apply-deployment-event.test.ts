import { DeploymentList } from "@kubeairunway/shared";
import { describe, expect, it } from "vitest";
import { aDeployment, aDeploymentList } from "../../test/fixtures";
import { applyDeploymentEvent, applyDeploymentEvents } from "./apply-deployment-event";

describe("applyDeploymentEvent", () => {
  const base = aDeploymentList([aDeployment({ name: "a", phase: "Pending", resourceVersion: "10" })]);

  it("replaces a row when it is updated", () => {
    const next = applyDeploymentEvent(
      base,
      { type: "updated", deployment: aDeployment({ name: "a", phase: "Running", resourceVersion: "11" }) },
      {},
    );
    expect(next.items.map((d) => d.phase)).toEqual(["Running"]);
    expect(DeploymentList.parse(next)).toEqual(next);
  });

  it("ignores an update older than the cached row", () => {
    const next = applyDeploymentEvent(
      base,
      { type: "updated", deployment: aDeployment({ name: "a", phase: "Failed", resourceVersion: "9" }) },
      {},
    );
    expect(next).toBe(base);
  });

  it("adds a new deployment only to lists whose filters it matches", () => {
    const added = { type: "added", deployment: aDeployment({ name: "b", namespace: "team-b" }) } as const;
    expect(applyDeploymentEvent(base, added, {}).items).toHaveLength(2);
    expect(applyDeploymentEvent(base, added, { namespace: "team-a" })).toBe(base);
  });

  it("removes a row that no longer matches the list's phase filter", () => {
    const next = applyDeploymentEvent(
      base,
      { type: "updated", deployment: aDeployment({ name: "a", phase: "Running", resourceVersion: "12" }) },
      { phase: "Pending" },
    );
    expect(next.items).toHaveLength(0);
  });

  it("removes a deleted deployment and marks the list stale on request", () => {
    const deleted = applyDeploymentEvent(base, { type: "deleted", namespace: "team-a", name: "a", runtime: "kaito" }, {});
    expect(deleted.items).toHaveLength(0);
    expect(applyDeploymentEvent(base, { type: "stale", stale: true }, {}).stale).toBe(true);
  });

  it("applies a batch (the stream's opening snapshot) in one pass with the same result", () => {
    const events = [
      { type: "added", deployment: aDeployment({ name: "a", phase: "Pending", resourceVersion: "10" }) },
      { type: "added", deployment: aDeployment({ name: "b", resourceVersion: "3" }) },
      { type: "updated", deployment: aDeployment({ name: "b", phase: "Failed", resourceVersion: "4" }) },
      { type: "deleted", namespace: "team-a", name: "a", runtime: "kaito" },
      { type: "stale", stale: true },
    ] as const;
    const batched = applyDeploymentEvents(base, events, {});
    const oneByOne = events.reduce((list, e) => applyDeploymentEvent(list, e, {}), base);
    expect(batched.items).toEqual(oneByOne.items);
    expect(batched.total).toBe(1);
    expect(batched.stale).toBe(true);
  });

  it("returns the same list when a snapshot repeats what is cached", () => {
    const events = [
      { type: "added", deployment: aDeployment({ name: "a", phase: "Pending", resourceVersion: "10" }) },
      { type: "stale", stale: false },
    ] as const;
    expect(applyDeploymentEvents(base, events, {})).toBe(base);
  });
});
