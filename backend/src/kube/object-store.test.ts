import { describe, expect, it } from "vitest";
import { NAMESPACE_INDEX, ObjectStore } from "./object-store";
import type { KubeResource } from "./types";

const pod = (ns: string, name: string, rv: string, owner?: string): KubeResource => ({
  metadata: { namespace: ns, name, resourceVersion: rv, labels: owner ? { owner } : {} },
});

describe("ObjectStore", () => {
  const byOwner = (o: KubeResource) => {
    const owner = o.metadata?.labels?.owner;
    return owner ? [`${o.metadata?.namespace}/${owner}`] : [];
  };

  it("keeps namespace and custom indexes in step with upserts and removals", () => {
    const store = new ObjectStore({ owner: byOwner });
    store.upsert(pod("a", "p1", "1", "llama"));
    store.upsert(pod("a", "p2", "2", "llama"));
    store.upsert(pod("b", "p3", "3", "llama"));
    expect(store.byIndex("owner", "a/llama").map((p) => p.metadata?.name)).toEqual(["p1", "p2"]);
    expect(store.byIndex(NAMESPACE_INDEX, "b").map((p) => p.metadata?.name)).toEqual(["p3"]);
    // relabelled: leaves its old index bucket
    store.upsert(pod("a", "p2", "4", "qwen"));
    expect(store.byIndex("owner", "a/llama").map((p) => p.metadata?.name)).toEqual(["p1"]);
    expect(store.byIndex("owner", "a/qwen").map((p) => p.metadata?.name)).toEqual(["p2"]);
    store.remove("b/p3");
    expect(store.byIndex(NAMESPACE_INDEX, "b")).toEqual([]);
    expect(store.indexValues(NAMESPACE_INDEX)).toEqual(["a"]);
  });

  it("reports an unchanged resourceVersion as no change", () => {
    const store = new ObjectStore();
    expect(store.upsert(pod("a", "p", "1"))?.type).toBe("added");
    expect(store.upsert(pod("a", "p", "1"))).toBeUndefined();
    expect(store.upsert(pod("a", "p", "2"))?.type).toBe("updated");
  });

  it("replace() returns exactly the difference to the new list", () => {
    const store = new ObjectStore();
    store.replace([pod("a", "keep", "1"), pod("a", "change", "1"), pod("a", "gone", "1")]);
    const changes = store.replace([pod("a", "keep", "1"), pod("a", "change", "2"), pod("a", "new", "1")]);
    expect(changes.map((c) => `${c.type}:${c.type === "resynced" ? "" : c.object.metadata?.name}`).sort()).toEqual([
      "added:new",
      "deleted:gone",
      "updated:change",
    ]);
    expect(store.size).toBe(3);
  });

  it("keeps keys in least-recently-changed order, which the bounded events store evicts first", () => {
    const store = new ObjectStore();
    store.upsert(pod("a", "old", "1"));
    store.upsert(pod("a", "mid", "2"));
    store.upsert(pod("a", "old", "3"));
    expect([...store.keys()]).toEqual(["a/mid", "a/old"]);
  });
});
