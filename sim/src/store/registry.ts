/**
 * The resource types a store serves and their collections, keyed by group/resource.
 */

import { Collection } from "./collection";
import { StatusError } from "./errors";
import type { ResourceInfo, ResourceType } from "./types";

const typeKey = (group: string, resource: string) => `${group}/${resource}`;

export class ResourceRegistry {
  private readonly infos = new Map<string, ResourceInfo>();
  private readonly collections = new Map<string, Collection>();

  /** Registers (or replaces) a type; its objects survive a replacement. */
  register(info: ResourceInfo): void {
    const key = typeKey(info.group, info.resource);
    this.infos.set(key, info);
    if (!this.collections.has(key)) this.collections.set(key, new Collection());
  }

  /** Stops serving a type and drops its objects. */
  unregister(group: string, resource: string): void {
    this.infos.delete(typeKey(group, resource));
    this.collections.delete(typeKey(group, resource));
  }

  all(): ResourceInfo[] {
    return [...this.infos.values()];
  }

  info(group: string, resource: string): ResourceInfo | undefined {
    return this.infos.get(typeKey(group, resource));
  }

  /** The type for `type`, checking the version is served; 404 like an unknown URL otherwise. */
  resolve(type: ResourceType): ResourceInfo {
    const info = this.infos.get(typeKey(type.group, type.resource));
    if (!info?.versions.includes(type.version)) {
      throw new StatusError({ message: "the server could not find the requested resource", reason: "NotFound", code: 404 });
    }
    return info;
  }

  collection(info: Pick<ResourceInfo, "group" | "resource">): Collection {
    return this.collections.get(typeKey(info.group, info.resource)) as Collection;
  }

  /** Objects of every namespaced type in `namespace`. */
  countInNamespace(namespace: string): number {
    let count = 0;
    for (const [key, collection] of this.collections) if (this.infos.get(key)?.namespaced) count += collection.countInNamespace(namespace);
    return count;
  }
}

/** `true` for the CustomResourceDefinition type itself. */
export function isCrdType(info: Pick<ResourceInfo, "group" | "resource">): boolean {
  return info.group === "apiextensions.k8s.io" && info.resource === "customresourcedefinitions";
}
