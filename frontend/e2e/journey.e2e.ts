import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newPage, type Stack, screenshot, startStack } from "./harness";
import { deployViaWizard, headerPhase, watchPhases } from "./pages";

let stack: Stack;
let browser: Browser;
let page: Page;
let navigations = 0;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack({ speed: 0.3 }), launchBrowser()]);
  page = await newPage(browser);
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) navigations += 1;
  });
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const RUNTIMES = [
  { runtime: "KAITO", name: "e2e-kaito", nodePool: "h100-pool", tolerateGpu: true },
  { runtime: "KubeRay", name: "e2e-kuberay", nodePool: "h100-pool", tolerateGpu: true },
  { runtime: "NVIDIA Dynamo", name: "e2e-dynamo", nodePool: "h100-pool", tolerateGpu: true },
] as const;

describe("deploy and operate from the browser", () => {
  it("shows Pending → Deploying → Running live when a deployment waits for a GPU that then frees up", async () => {
    // Both L4 GPUs of the demo cluster are taken (phi-4-mini and the crash-looping phi-4).
    await deployViaWizard(page, stack.url, {
      runtime: "KAITO",
      name: "e2e-waits",
      namespace: "team-a",
      nodePool: "l4-pool",
      tolerateGpu: false,
    });
    await page.waitForURL("**/deployments/team-a/e2e-waits");
    const before = navigations;
    expect(await watchPhases(page, "Pending", 30_000)).toEqual(["Pending"]);
    const freed = await fetch(`${stack.url}/api/deployments/default/phi-4`, { method: "DELETE" });
    expect(freed.status).toBe(200);
    const phases = await watchPhases(page, "Running", 90_000);
    expect(phases).toEqual(["Pending", "Deploying", "Running"]);
    expect(navigations).toBe(before);
  });

  for (const r of RUNTIMES) {
    it(`deploys on ${r.runtime} and watches it reach Running without a reload`, async () => {
      await deployViaWizard(page, stack.url, { ...r, namespace: "team-a" });
      await page.waitForURL(`**/deployments/team-a/${r.name}`);
      const before = navigations;
      const phases = await watchPhases(page, "Running", 90_000);
      expect(phases.at(-1)).toBe("Running");
      expect(phases.length).toBeGreaterThanOrEqual(2);
      expect(["Pending", "Deploying"]).toContain(phases[0]);
      expect(navigations).toBe(before);
    });
  }

  it("reads a container's log live as the engine starts", async () => {
    await deployViaWizard(page, stack.url, {
      runtime: "KubeRay",
      name: "e2e-logs",
      namespace: "team-a",
      nodePool: "h100-pool",
      tolerateGpu: true,
    });
    await page.waitForURL("**/deployments/team-a/e2e-logs");
    await page.getByRole("tab", { name: /Pods \([1-9]/ }).waitFor({ timeout: 60_000 });
    await page.getByRole("tab", { name: "Logs" }).click();
    const log = page.getByRole("log", { name: "Container log" });
    await page.getByText("Streaming").waitFor({ timeout: 30_000 });
    await expect.poll(async () => (await log.locator("[data-level]").count()) > 0, { timeout: 60_000 }).toBe(true);
    const first = await log.locator("[data-level]").count();
    await expect.poll(async () => log.locator("[data-level]").count(), { timeout: 60_000 }).toBeGreaterThan(first);
  });

  it("explains why a deployment too large for any node is pending, then deletes it", async () => {
    // 16 GPUs in one pod: no node of the demo cluster has that many, so the worker stays unscheduled.
    await deployViaWizard(page, stack.url, {
      runtime: "KubeRay",
      name: "e2e-too-big",
      namespace: "team-a",
      nodePool: "h100-pool",
      tolerateGpu: true,
      gpus: 16,
    });
    await page.waitForURL("**/deployments/team-a/e2e-too-big");
    // The explanation and the pending reasons, each with its suggested fix, on the overview.
    const overview = page.getByRole("main");
    await expect.poll(() => overview.textContent(), { timeout: 60_000 }).toMatch(/Not enough free GPUs: the pod asks for 16/);
    expect(await overview.textContent()).toMatch(/Suggested fix/);
    expect(await headerPhase(page)).not.toBe("Running");
    await screenshot(page, "pending-explanation-light");

    await page.getByRole("button", { name: "Delete" }).click();
    const dialog = page.getByRole("dialog");
    await expect.poll(() => dialog.getByRole("button", { name: "Delete" }).isDisabled()).toBe(true);
    await dialog.getByRole("textbox", { name: "Deployment name" }).fill("e2e-too-big");
    await dialog.getByRole("button", { name: "Delete" }).click();
    await page.waitForURL("**/deployments");
    await expect.poll(() => page.getByRole("link", { name: "e2e-too-big", exact: true }).count(), { timeout: 30_000 }).toBe(0);
  });

  it("keeps the list filters in the URL across a reload", async () => {
    await page.goto(`${stack.url}/deployments`);
    await page.getByTestId("deployment-row").first().waitFor();
    await page.getByRole("combobox", { name: "Namespace" }).click();
    await page.getByRole("option", { name: "team-a" }).click();
    await page.getByRole("textbox", { name: /Filter by name/ }).fill("qwen3");
    await expect.poll(() => page.url(), { timeout: 5_000 }).toContain("q=qwen3");
    const rows = page.getByTestId("deployment-row");
    const rowsBefore = await rows.allInnerTexts();
    const namesBefore = await rows.locator("td:first-child").allTextContents();
    expect(rowsBefore.length).toBeGreaterThan(0);
    expect(rowsBefore.every((r) => r.includes("team-a") && r.toLowerCase().includes("qwen3"))).toBe(true);
    await page.reload();
    await page.getByTestId("deployment-row").first().waitFor();
    expect(await page.getByRole("textbox", { name: /Filter by name/ }).inputValue()).toBe("qwen3");
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText (rendered text), not the DOM property
    expect(await page.getByRole("combobox", { name: "Namespace" }).innerText()).toContain("team-a");
    // Same rows by name (ages and phases keep changing live, so compare identities, not text).
    expect(await rows.locator("td:first-child").allTextContents()).toEqual(namesBefore);
  });

  it("shows a banner while the backend is unreachable and recovers on its own", async () => {
    await page.goto(`${stack.url}/deployments`);
    await page.getByTestId("deployment-row").first().waitFor();
    await stack.stopBackend();
    await page.getByTestId("connection-banner").waitFor({ timeout: 20_000 });
    await screenshot(page, "backend-unreachable-light");
    await stack.startBackend();
    await page.getByTestId("connection-banner").waitFor({ state: "detached", timeout: 30_000 });
    expect(await page.getByTestId("deployment-row").count()).toBeGreaterThan(0);
  });
});
