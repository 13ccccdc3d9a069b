import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newPage, type Stack, screenshot, startStack } from "./harness";
import { deployViaWizard } from "./pages";

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack({ auth: "kubernetes", speed: 0.3 }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const namespacesShown = async (page: Awaited<ReturnType<typeof newPage>>) => {
  await page.getByTestId("deployment-row").first().waitFor();
  const rows = page.getByTestId("deployment-row");
  return new Set(await rows.locator("td:nth-child(2)").allTextContents());
};

describe("sign-in with AUTH_MODE=kubernetes", () => {
  it("asks for a token, then alice sees only team-a", async () => {
    for (const scheme of ["light", "dark"] as const) {
      const login = await newPage(browser, scheme);
      await login.goto(`${stack.url}/deployments`);
      await login.getByRole("button", { name: "Sign in" }).waitFor();
      await screenshot(login, `login-${scheme}`);
      await login.context().close();
    }
    const page = await newPage(browser);
    await page.goto(`${stack.url}/deployments`);
    await page.getByLabel("Kubernetes token").fill(stack.tokens.alice);
    await page.getByRole("button", { name: "Sign in" }).click();
    expect(await namespacesShown(page)).toEqual(new Set(["team-a"]));
    await page.getByLabel("Signed in as alice").waitFor();
    await page.context().close();
  });

  it("signs in from a /#token= link and removes the token from the address bar", async () => {
    const page = await newPage(browser);
    await page.goto(`${stack.url}/deployments#token=${stack.tokens.alice}`);
    await page.getByLabel("Signed in as alice").waitFor();
    expect(page.url()).not.toContain("token");
    expect(await namespacesShown(page)).toEqual(new Set(["team-a"]));
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByText("You signed out.").waitFor();
    await page.context().close();
  });

  it("says clearly when a token is rejected", async () => {
    const page = await newPage(browser);
    await page.goto(`${stack.url}/`);
    await page.getByLabel("Kubernetes token").fill("not-a-real-token");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText(/The cluster rejected this token/).waitFor();
    await page.context().close();
  });

  it("shows the apiserver's forbidden message when alice deploys into team-b", async () => {
    const page = await newPage(browser);
    await page.goto(`${stack.url}/#token=${stack.tokens.alice}`);
    await page.getByLabel("Signed in as alice").waitFor();
    await deployViaWizard(page, stack.url, {
      runtime: "KAITO",
      name: "alice-in-b",
      namespace: "team-b",
      nodePool: "h100-pool",
      tolerateGpu: true,
    });
    const alert = page.getByRole("alert").filter({ hasText: "The deployment was not created" });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/forbidden/);
    expect(await alert.textContent()).toMatch(/alice/);
    await screenshot(page, "deploy-forbidden-light");
    expect(page.url()).toContain("/deploy");
    await page.context().close();
  });
});
