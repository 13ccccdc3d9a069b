import { K8s } from "@kinvolk/headlamp-plugin/lib";
import type { RuntimeId } from "@kubeairunway/shared/schemas/common";
import { runtimes } from "../runtimes";

/**
 * Headlamp KubeObject classes for the three runtimes' custom resources, with coordinates from the
 * shared descriptors. Their `useList`/`useGet` list and watch as the user through Headlamp.
 * @see https://github.com/kaito-project/kaito/blob/main/config/crd/bases/kaito.sh_workspaces.yaml
 */
const { KubeObject } = K8s.cluster;

/** A runtime custom resource as the apiserver returns it (runtime-specific top-level fields). */
export type RuntimeResourceJson = K8s.cluster.KubeObjectInterface & Record<string, unknown>;

const crd = (id: RuntimeId) => runtimes[id].descriptor.crd;

export class Workspace extends KubeObject<RuntimeResourceJson> {
  static override kind = crd("kaito").kind;
  static override apiName = crd("kaito").plural;
  static override apiVersion = `${crd("kaito").group}/${crd("kaito").version}`;
  static override isNamespaced = true;
}

export class RayService extends KubeObject<RuntimeResourceJson> {
  static override kind = crd("kuberay").kind;
  static override apiName = crd("kuberay").plural;
  static override apiVersion = `${crd("kuberay").group}/${crd("kuberay").version}`;
  static override isNamespaced = true;
}

export class DynamoGraphDeployment extends KubeObject<RuntimeResourceJson> {
  static override kind = crd("dynamo").kind;
  static override apiName = crd("dynamo").plural;
  static override apiVersion = `${crd("dynamo").group}/${crd("dynamo").version}`;
  static override isNamespaced = true;
}

export const runtimeClasses = { kaito: Workspace, kuberay: RayService, dynamo: DynamoGraphDeployment } as const;
