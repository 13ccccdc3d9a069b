import { describe, expect, it } from "vitest";
import type { DeploymentConfig } from "../../schemas/deployment-config";
import { DeploymentStatus, DeploymentSummary } from "../../schemas/deployments";
import { ProviderDescriptor } from "../../schemas/providers";
import type { Provider } from "../types";

/**
 * The contract every provider core must meet (style.md: `testProvider(provider, fixtures)`), given
 * configs it supports. Runtime-specific behaviour is tested beside each provider.
 */
export function testProvider(provider: Provider, configs: DeploymentConfig[]): void {
  const { descriptor } = provider;
  describe(`provider contract: ${descriptor.id}`, () => {
    it("has a descriptor matching the shared schema", () => {
      expect(ProviderDescriptor.parse(descriptor)).toEqual(descriptor);
      expect(descriptor.crd.name).toBe(`${descriptor.crd.plural}.${descriptor.crd.group}`);
    });

    it.each(configs.map((c) => [`${c.engine} ${c.mode}`, c] as const))(
      "renders exactly one %s custom resource, valid for its own validate()",
      (_, config) => {
        const manifests = provider.toManifests(config);
        const custom = manifests.filter((m) => m.kind === descriptor.crd.kind);
        expect(custom).toHaveLength(1);
        expect(custom[0]?.apiVersion).toBe(`${descriptor.crd.group}/${descriptor.crd.version}`);
        expect(custom[0]?.metadata.name).toBe(config.name);
        expect(manifests.at(-1)).toBe(custom[0]);
        expect(provider.validate(config).errors).toEqual([]);
      },
    );

    it.each(configs.map((c) => [`${c.engine} ${c.mode}`, c] as const))(
      "reads back what it rendered (%s) as a Pending deployment",
      (_, config) => {
        const resource = provider.toManifests(config).find((m) => m.kind === descriptor.crd.kind);
        if (!resource) throw new Error("no custom resource");
        const status = DeploymentStatus.parse(provider.toStatus(resource, [], []));
        expect(status.phase).toBe("Pending");
        expect(status.explanation).not.toBe("");
        expect(status.endpoints[0]).toMatchObject({
          namespace: config.namespace,
          port: descriptor.servicePort,
          basePath: descriptor.openaiBasePath,
          ready: false,
        });
        const summary = DeploymentSummary.parse(
          provider.summarize({ ...resource, metadata: { ...resource.metadata, creationTimestamp: "2026-05-01T10:00:00Z" } }, []),
        );
        expect(summary).toMatchObject({
          name: config.name,
          namespace: config.namespace,
          runtime: descriptor.id,
          model: config.model,
          engine: config.engine,
          mode: config.mode,
        });
      },
    );

    it("reports Terminating once the resource has a deletionTimestamp", () => {
      const [config] = configs;
      const resource = config && provider.toManifests(config).find((m) => m.kind === descriptor.crd.kind);
      if (!resource) throw new Error("no custom resource");
      const deleting = { ...resource, metadata: { ...resource.metadata, deletionTimestamp: "2026-05-01T10:00:00Z" } };
      expect(provider.toStatus(deleting, [], []).phase).toBe("Terminating");
    });

    it("selects pods by the instance label", () => {
      expect(provider.podSelector("demo")).toEqual({ [descriptor.instanceLabel]: "demo" });
    });
  });
}
