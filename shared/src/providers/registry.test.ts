import { describe, expect, it } from "vitest";
import { providers, renderManifests, runtimeOf, validateConfig } from "./registry";
import { COMBINATIONS, makeConfig } from "./testing/configs";
import { loadExamples } from "./testing/crd-schema";
import { testProvider } from "./testing/test-provider";

const configs = COMBINATIONS.map((c) => makeConfig(c.input));
testProvider(
  providers.kaito,
  configs.filter((c) => c.runtime === "kaito"),
);
testProvider(
  providers.kuberay,
  configs.filter((c) => c.runtime === "kuberay"),
);
testProvider(
  providers.dynamo,
  configs.filter((c) => c.runtime === "dynamo"),
);

describe("registry", () => {
  it("dispatches on runtime", () => {
    for (const config of configs) {
      expect(renderManifests(config)).toEqual(providers[config.runtime].toManifests(config as never));
      expect(validateConfig(config)).toEqual(providers[config.runtime].validate(config as never));
    }
  });

  it("recognises each runtime's upstream examples by group and kind, and nothing else", () => {
    const claimed = ["kaito", "kuberay", "dynamo"].flatMap((dir) =>
      loadExamples(dir).flatMap(({ objects }) => objects.map((o) => `${o.kind}:${runtimeOf(o) ?? "-"}`)),
    );
    expect(claimed.sort()).toEqual(
      [
        "ConfigMap:-",
        "DynamoGraphDeployment:dynamo",
        "DynamoGraphDeployment:dynamo",
        "DynamoGraphDeployment:dynamo",
        "InferenceSet:-",
        "RayCluster:-",
        "RayService:kuberay",
        "Secret:-",
        "Workspace:kaito",
        "Workspace:kaito",
        "Workspace:kaito",
        "Workspace:kaito",
      ].sort(),
    );
  });
});
