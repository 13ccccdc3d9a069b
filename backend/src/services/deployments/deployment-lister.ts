import type { DeploymentIndex } from "./deployment-index";
import { encodeContinue, filterKey, type ListFilter, matches, pageStart, type Row, sortRows, type Visibility } from "./list-query";

/** The parts of a list response that do not come from the index (they come from the cache state). */
export interface ListMeta {
  stale: boolean;
  notInstalled: readonly string[];
  errors: readonly { source: string; code: string; message: string }[];
}

export interface ListPage {
  filter: ListFilter;
  limit?: number;
  continue?: string;
}

interface CachedRows {
  version: number;
  rows: Row[];
}

/** A list response body, encoded once: UTF-8 JSON, and its gzip made on first demand. */
export interface ListBody {
  json: Uint8Array<ArrayBuffer>;
  gzip(): Uint8Array<ArrayBuffer>;
}

interface CachedBody {
  version: number;
  meta: string;
  body: ListBody;
}

function listBody(json: Uint8Array<ArrayBuffer>): ListBody {
  let gzipped: Uint8Array<ArrayBuffer> | undefined;
  return {
    json,
    gzip: () => {
      gzipped ??= Bun.gzipSync(json, { level: 6 }) as Uint8Array<ArrayBuffer>;
      return gzipped;
    },
  };
}

const encoder = new TextEncoder();

/** Bounds both caches: distinct (filter, visibility) pairs are few in practice; this only caps abuse. */
const MAX_CACHED = 256;

/**
 * Serves `GET /api/deployments` bodies from the index with two caches, both dropped as soon as
 * the index version moves:
 * - the filtered + sorted rows per (filter, visible namespaces), so paging never re-sorts;
 * - the serialized JSON body per (filter, visible namespaces, page, meta), so a repeated request
 *   (the common case: many tabs, many users with the same view) costs a map lookup.
 * Items are spliced in from each summary's precomputed JSON, never re-stringified.
 */
export class DeploymentLister {
  private readonly rowsCache = new Map<string, CachedRows>();
  private readonly bodyCache = new Map<string, CachedBody>();

  constructor(private readonly index: DeploymentIndex) {}

  /** The response body (DeploymentList), encoded. Throws InvalidInputError on a bad continue token. */
  listJson(page: ListPage, visibility: Visibility, meta: ListMeta): ListBody {
    this.index.flush();
    const version = this.index.version;
    const key = filterKey(page.filter, visibility);
    const bodyKey = `${key}|${page.limit ?? ""}|${page.continue ?? ""}`;
    const metaJson = JSON.stringify([meta.stale, meta.notInstalled, meta.errors]);
    const cached = this.bodyCache.get(bodyKey);
    if (cached && cached.version === version && cached.meta === metaJson) return cached.body;

    const rows = this.rows(key, page.filter, visibility, version);
    const sort = page.filter.sort ?? "namespace";
    const start = pageStart(rows, page.continue, sort);
    const end = page.limit === undefined ? rows.length : Math.min(rows.length, start + page.limit);
    const items = rows.slice(start, end);
    const last = items.at(-1);
    const next = end < rows.length && last ? encodeContinue(last.summary, sort) : undefined;
    const body =
      `{"items":[${items.map((r) => r.json).join(",")}]` +
      (next ? `,"continue":${JSON.stringify(next)}` : "") +
      `,"total":${rows.length},"stale":${meta.stale},"notInstalled":${JSON.stringify(meta.notInstalled)},"errors":${JSON.stringify(meta.errors)}}`;
    const encoded = listBody(encoder.encode(body));
    remember(this.bodyCache, bodyKey, { version, meta: metaJson, body: encoded });
    return encoded;
  }

  private rows(key: string, filter: ListFilter, visibility: Visibility, version: number): Row[] {
    const cached = this.rowsCache.get(key);
    if (cached && cached.version === version) return cached.rows;
    const text = filter.text?.trim().toLowerCase() || undefined;
    const kept: Row[] = [];
    for (const row of this.index.entriesView()) if (matches(row.summary, filter, visibility, text)) kept.push(row);
    const rows = sortRows(kept, filter.sort ?? "namespace");
    remember(this.rowsCache, key, { version, rows });
    return rows;
  }
}

function remember<V>(cache: Map<string, V>, key: string, value: V): void {
  if (cache.size >= MAX_CACHED && !cache.has(key)) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  cache.delete(key);
  cache.set(key, value);
}
