import { extname, join, normalize } from "node:path";

export interface StaticAsset {
  body: Blob;
  contentType: string;
  /** Content-hashed build output may be cached forever; index.html must not be. */
  immutable: boolean;
}

/** Where the SPA's files come from: a folder on disk, or files embedded in the single binary. */
export interface StaticAssets {
  get(path: string): Promise<StaticAsset | undefined>;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
  ".map": "application/json",
};

export function contentTypeFor(path: string): string {
  return TYPES[extname(path)] ?? "application/octet-stream";
}

/** Serves a folder; paths are normalised so `..` cannot leave it. */
export function directoryAssets(root: string): StaticAssets {
  return {
    async get(path) {
      const clean = normalize(`/${path}`).replace(/^(\.\.[/\\])+/, "");
      const file = Bun.file(join(root, clean));
      if (!(await file.exists())) return undefined;
      return { body: file, contentType: contentTypeFor(clean), immutable: clean.startsWith("/assets/") };
    },
  };
}
