import { describe, expect, it, vi } from "vitest";
import { adoptTokenFromHash, createTokenStore } from "./token-store";

describe("token store", () => {
  it("keeps the token in the given storage and notifies on change", () => {
    const listener = vi.fn();
    const store = createTokenStore(window.sessionStorage);
    store.subscribe(listener);
    store.set("  abc  ");
    expect(window.sessionStorage.getItem("kubeairunway.token")).toBe("abc");
    store.clear();
    expect(store.get()).toBeUndefined();
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it("adopts a token from /#token= and removes it from the address bar", () => {
    const store = createTokenStore(window.sessionStorage);
    const replaceState = vi.fn();
    const adopted = adoptTokenFromHash({ hash: "#token=secret-1", pathname: "/deployments", search: "?ns=a" }, { replaceState }, store);
    expect(adopted).toBe(true);
    expect(store.get()).toBe("secret-1");
    expect(replaceState).toHaveBeenCalledWith(null, "", "/deployments?ns=a");
    store.clear();
  });

  it("leaves the address alone when there is no token in the fragment", () => {
    const replaceState = vi.fn();
    expect(adoptTokenFromHash({ hash: "#other", pathname: "/", search: "" }, { replaceState }, createTokenStore(undefined))).toBe(false);
    expect(replaceState).not.toHaveBeenCalled();
  });
});
