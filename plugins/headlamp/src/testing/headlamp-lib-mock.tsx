/**
 * Stand-in for `@kinvolk/headlamp-plugin/lib` in component tests:
 * `vi.mock('@kinvolk/headlamp-plugin/lib', () => import('../testing/headlamp-lib-mock'))`.
 * Registrations are spies; ConfigStore keeps its value in memory; `ApiProxy.request` and the
 * KubeObject hooks are spies each test programs.
 */
import { useSyncExternalStore } from "react";
import { vi } from "vitest";

export const registerSidebarEntry = vi.fn();
export const registerRoute = vi.fn();
export const registerPluginSettings = vi.fn();
export const registerDetailsViewSection = vi.fn();

const configs = new Map<string, unknown>();
const listeners = new Set<() => void>();

export class ConfigStore<T> {
  constructor(private readonly key: string) {}
  get(): T {
    return configs.get(this.key) as T;
  }
  set(value: T): void {
    configs.set(this.key, value);
    for (const l of listeners) l();
  }
  update(partial: Partial<T>): void {
    this.set({ ...(this.get() ?? {}), ...partial } as T);
  }
  useConfig(): () => T {
    const get = () => this.get();
    // biome-ignore lint/correctness/useHookAtTopLevel: Headlamp's ConfigStore API returns a hook for the component to call.
    return () => useStoredConfig(get);
  }
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Headlamp's `ConfigStore.useConfig()` returns a hook for the component to call; this is it. */
function useStoredConfig<T>(get: () => T): T {
  // biome-ignore lint/correctness/useHookAtTopLevel: called from the hook ConfigStore.useConfig() hands to components.
  return useSyncExternalStore(subscribe, get);
}

export function resetConfigStores(): void {
  configs.clear();
}

export const ApiProxy = { request: vi.fn() };

/**
 * The KubeObject base: `useList`/`useGet` are spies shared by every subclass; an implementation
 * can switch on `this.kind` to answer per class, the way Headlamp answers per resource.
 */
class KubeObject {
  static kind = "";
  static useList = vi.fn(() => [null, null]);
  static useGet = vi.fn(() => [null, null]);
  constructor(public jsonData: Record<string, unknown>) {}
}

class Pod extends KubeObject {
  static override kind = "Pod";
}

class Event extends KubeObject {
  static override kind = "Event";
}

export const K8s = {
  useCluster: vi.fn(() => "test-cluster"),
  useClustersConf: vi.fn(() => ({ "test-cluster": {} })),
  cluster: { KubeObject, getAllowedNamespaces: vi.fn((): string[] => []) },
  ResourceClasses: { Pod },
  event: { default: Event },
};

export const Router = { createRouteURL: vi.fn((name: string) => `/c/test-cluster/${name}`) };
