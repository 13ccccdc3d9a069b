import { providers, renderManifests } from "@kubeairunway/shared/providers/registry";
import { COMBINATIONS, makeConfig } from "@kubeairunway/shared/providers/testing/configs";
import { describe, expect, it } from "vitest";
import { manifestsFor, podSelector, RUNTIME_IDS, runtimes } from "./runtimes";

describe("the plugin's view of the shared provider cores", () => {
  it("covers exactly the runtimes of the shared registry, with the same descriptors and pod selectors", () => {
    expect([...RUNTIME_IDS].sort()).toEqual(Object.keys(providers).sort());
    for (const id of RUNTIME_IDS) {
      expect(runtimes[id].descriptor).toBe(providers[id].descriptor);
      expect(runtimes[id].toStatus).toBe(providers[id].toStatus);
      expect(podSelector(id, "x")).toEqual(providers[id].podSelector("x"));
    }
  });

  it.each(COMBINATIONS)("renders $label exactly as the shared registry (and so the backend) does", ({ input }) => {
    const config = makeConfig(input);
    expect(manifestsFor(config)).toEqual(renderManifests(config));
  });
});
