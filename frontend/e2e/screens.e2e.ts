import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newPage, type Stack, screenshot, startStack } from "./harness";

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack({ speed: 0.3 }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** Every page, ready to look at: waits for its real content (not a skeleton) before the shot. */
const PAGES: { name: string; path: string; ready: (page: Page) => Promise<unknown> }[] = [
  { name: "deployments", path: "/deployments", ready: (p) => p.getByTestId("deployment-row").first().waitFor() },
  {
    name: "details-overview",
    path: "/deployments/team-a/phi-4-mini",
    ready: (p) => p.getByText("Endpoints (OpenAI-compatible)").waitFor(),
  },
  {
    name: "details-pending",
    path: "/deployments/team-b/gemma-3-27b",
    ready: (p) => p.getByText("Suggested fix", { exact: false }).first().waitFor(),
  },
  {
    name: "details-pods",
    path: "/deployments/team-a/qwen3-8b-disagg?tab=pods",
    ready: (p) => p.getByRole("table", { name: "Pods" }).waitFor(),
  },
  {
    name: "details-events",
    path: "/deployments/default/phi-4?tab=events",
    ready: (p) => p.getByRole("table", { name: "Events" }).waitFor(),
  },
  {
    name: "details-logs",
    path: "/deployments/team-a/phi-4-mini?tab=logs",
    ready: (p) => p.getByRole("log").locator("[data-level]").first().waitFor(),
  },
  {
    name: "details-metrics",
    path: "/deployments/team-a/phi-4-mini?tab=metrics",
    ready: (p) => p.getByText("Generation tokens/s").waitFor(),
  },
  {
    name: "details-manifest",
    path: "/deployments/team-a/phi-4-mini?tab=manifest",
    ready: (p) => p.getByLabel("manifest YAML", { exact: true }).waitFor(),
  },
  { name: "deploy", path: "/deploy?model=Qwen/Qwen3-0.6B", ready: (p) => p.getByRole("button", { name: /Qwen3 0.6B/ }).waitFor() },
  { name: "models", path: "/models", ready: (p) => p.getByRole("table", { name: "Model catalog" }).waitFor() },
  { name: "runtimes", path: "/runtimes", ready: (p) => p.getByRole("region", { name: "KAITO" }).waitFor() },
  { name: "settings", path: "/settings", ready: (p) => p.getByText("Backend version").waitFor() },
];

describe("every page renders in both themes", () => {
  for (const scheme of ["light", "dark"] as const) {
    it(`renders every page (${scheme}) without console errors`, async () => {
      const page = await newPage(browser, scheme);
      const errors: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(m.text());
      });
      page.on("pageerror", (e) => errors.push(e.message));
      for (const p of PAGES) {
        await page.goto(`${stack.url}${p.path}`);
        await p.ready(page);
        await screenshot(page, `${p.name}-${scheme}`);
      }
      await page.goto(`${stack.url}/deploy?model=Qwen/Qwen3-0.6B`);
      await page.getByRole("button", { name: /^Runtime/ }).click();
      await page.getByRole("radio", { name: /^NVIDIA Dynamo/ }).click();
      await page.getByRole("button", { name: /^Review/ }).click();
      await page.getByLabel("rendered manifest YAML", { exact: true }).waitFor();
      await screenshot(page, `deploy-review-${scheme}`);
      expect(errors).toEqual([]);
      await page.context().close();
    });
  }
});
