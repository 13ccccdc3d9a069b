import { describe, expect, it } from "vitest";
import { embeddedAssets, hasEmbeddedSpa } from "./embedded-assets";

const file = (name: string, text: string) => new File([text], name);

describe("embeddedAssets", () => {
  const files = [
    file("kubeairunway-spa/index.html", "<html>app</html>"),
    file("kubeairunway-spa/assets/app-1a2b.js", "console.log(1)"),
    file("backend/secret.txt", "nope"),
    file("other-kubeairunway-spa/x.html", "not ours"),
  ];
  const assets = embeddedAssets(files);

  it("serves the SPA's files by their URL path with content type and caching class", async () => {
    const index = await assets.get("/index.html");
    expect(await index?.body.text()).toBe("<html>app</html>");
    expect(index).toMatchObject({ contentType: "text/html; charset=utf-8", immutable: false });
    const js = await assets.get("/assets/app-1a2b.js");
    expect(js).toMatchObject({ contentType: "text/javascript; charset=utf-8", immutable: true });
  });

  it("never serves embedded files outside the SPA folder", async () => {
    expect(await assets.get("/secret.txt")).toBeUndefined();
    expect(await assets.get("/../backend/secret.txt")).toBeUndefined();
    expect(await assets.get("/x.html")).toBeUndefined();
  });

  it("tells whether a binary carries the SPA", () => {
    expect(hasEmbeddedSpa(files)).toBe(true);
    expect(hasEmbeddedSpa([file("backend/a.json", "{}")])).toBe(false);
    expect(hasEmbeddedSpa([])).toBe(false);
  });
});
