import { renderManifests } from "@kubeairunway/shared";
import { COMBINATIONS, makeConfig, VARIANTS } from "@kubeairunway/shared/providers/testing/configs";
import { describe, expect, it } from "vitest";
import { providerDescriptors } from "../providers/descriptors";
import { COMPANION_RESOURCES, RUNTIME_RESOURCES } from "./backend-calls";

describe("the list of Kubernetes calls the chart's RBAC is checked against", () => {
  it("names every runtime's custom resource, as the caches and detection iterate them", () => {
    const fromDescriptors = Object.entries(providerDescriptors).map(([runtime, d]) => ({
      runtime,
      group: d.crd.group,
      resource: d.crd.plural,
    }));
    expect([...RUNTIME_RESOURCES].sort((a, b) => a.runtime.localeCompare(b.runtime))).toEqual(
      fromDescriptors.sort((a, b) => a.runtime.localeCompare(b.runtime)),
    );
  });

  it("covers every companion kind a provider renders next to its custom resource", () => {
    const crdKinds = new Set(Object.values(providerDescriptors).map((d) => d.crd.kind));
    const kinds = new Set<string>();
    for (const { input } of COMBINATIONS) {
      for (const variant of Object.values(VARIANTS)) {
        for (const manifest of renderManifests(makeConfig({ ...input, ...variant }))) {
          if (!crdKinds.has(manifest.kind)) kinds.add(manifest.kind);
        }
      }
    }
    expect(kinds.size).toBeGreaterThan(0);
    const listed = new Set<string>(COMPANION_RESOURCES.map((c) => c.kind));
    expect([...kinds].filter((k) => !listed.has(k))).toEqual([]);
  });
});
