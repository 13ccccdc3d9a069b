import { Phase, RuntimeId } from "@kubeairunway/shared";
import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";
import type { DeploymentFilters, SortKey, SortState } from "./filter-deployments";

const SORT_KEYS: SortKey[] = ["name", "namespace", "model", "runtime", "phase", "gpus", "age"];

/** Reads a URL value only if it is one the filter knows; a hand-edited URL cannot break the page. */
function pick<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return value && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

/**
 * Filters and sort order live in the URL (`?namespace=&runtime=&phase=&q=&sort=-age`), so they
 * survive a reload and can be shared as a link.
 */
export function useDeploymentFilters() {
  const [params, setParams] = useSearchParams();
  const filters: DeploymentFilters = useMemo(() => {
    const f: DeploymentFilters = {};
    const namespace = params.get("namespace");
    const runtime = pick(params.get("runtime"), RuntimeId.options);
    const phase = pick(params.get("phase"), Phase.options);
    const text = params.get("q");
    if (namespace) f.namespace = namespace;
    if (runtime) f.runtime = runtime;
    if (phase) f.phase = phase;
    if (text) f.text = text;
    return f;
  }, [params]);
  const sort: SortState = useMemo(() => {
    const raw = params.get("sort") ?? "name";
    const key = pick(raw.replace(/^-/, ""), SORT_KEYS) ?? "name";
    return { key, desc: raw.startsWith("-") };
  }, [params]);

  const update = useCallback(
    (changes: Record<string, string | undefined>) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(changes)) {
            if (v) next.set(k, v);
            else next.delete(k);
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  const setFilter = useCallback(
    (key: "namespace" | "runtime" | "phase" | "q", value: string | undefined) => update({ [key]: value }),
    [update],
  );
  const toggleSort = useCallback(
    (key: SortKey) => update({ sort: sort.key === key && !sort.desc ? `-${key}` : key === "name" ? undefined : key }),
    [update, sort],
  );
  const clearFilters = useCallback(() => update({ namespace: undefined, runtime: undefined, phase: undefined, q: undefined }), [update]);
  return { filters, sort, setFilter, toggleSort, clearFilters };
}
