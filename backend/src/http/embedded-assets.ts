import { contentTypeFor, type StaticAsset, type StaticAssets } from "./static-assets";

/** A file compiled into the single binary (`Bun.embeddedFiles` entries carry their build-relative name). */
export type EmbeddedFile = Blob & { readonly name: string };

/** Folder name scripts/build-binary.sh embeds the built SPA under (Bun names files `<folder>/<path>`). */
export const EMBEDDED_SPA_PREFIX = "kubeairunway-spa/";

/**
 * Serves the SPA from files embedded in the `bun build --compile` binary. The map is built once,
 * so a request costs one lookup; paths outside the SPA folder are never served.
 */
export function embeddedAssets(files: ReadonlyArray<Blob>, prefix: string = EMBEDDED_SPA_PREFIX): StaticAssets {
  const byPath = new Map<string, StaticAsset>();
  for (const file of files as ReadonlyArray<EmbeddedFile>) {
    const at = file.name.lastIndexOf(prefix);
    if (at === -1 || (at > 0 && file.name[at - 1] !== "/")) continue;
    const path = `/${file.name.slice(at + prefix.length)}`;
    byPath.set(path, { body: file, contentType: contentTypeFor(path), immutable: path.startsWith("/assets/") });
  }
  return {
    async get(path) {
      return byPath.get(path);
    },
  };
}

/** True when this process is the compiled binary and the SPA was embedded into it. */
export function hasEmbeddedSpa(files: ReadonlyArray<Blob>, prefix: string = EMBEDDED_SPA_PREFIX): boolean {
  return (files as ReadonlyArray<EmbeddedFile>).some((f) => f.name.endsWith(`${prefix}index.html`));
}
