import type { Page } from "playwright-core";

export interface WizardInput {
  runtime: "KAITO" | "KubeRay" | "NVIDIA Dynamo";
  name: string;
  namespace: string;
  model?: string;
  nodePool: string;
  tolerateGpu: boolean;
  gpus?: number;
}

const PHASES = ["Pending", "Deploying", "Running", "Degraded", "Failed", "Terminating"];
const step = (page: Page, name: string) => page.getByRole("button", { name: new RegExp(`^${name}( needs attention)?$`) });

/** Fills the deploy wizard the way a person would, step by step, and presses Create. */
export async function deployViaWizard(page: Page, baseUrl: string, input: WizardInput): Promise<void> {
  await page.goto(`${baseUrl}/deploy?model=${encodeURIComponent(input.model ?? "Qwen/Qwen3-0.6B")}`);
  await page.getByRole("textbox", { name: "Deployment name" }).fill(input.name);
  await page.getByRole("textbox", { name: "Namespace" }).fill(input.namespace);
  await step(page, "Runtime").click();
  await page.getByRole("radio", { name: new RegExp(`^${input.runtime}`) }).click();
  await step(page, "Engine and mode").click();
  await page.getByRole("radio", { name: "vLLM" }).check();
  await step(page, "Resources").click();
  if (input.gpus !== undefined) await page.getByRole("spinbutton", { name: "GPUs per replica" }).fill(String(input.gpus));
  await page.getByRole("button", { name: "Add node selector" }).click();
  await page.getByRole("textbox", { name: "Label key 1" }).fill("cloud.google.com/gke-nodepool");
  await page.getByRole("textbox", { name: "Label value 1" }).fill(input.nodePool);
  if (input.tolerateGpu) await page.getByRole("button", { name: "Add toleration" }).click();
  await step(page, "Review").click();
  await page.getByLabel("rendered manifest YAML", { exact: true }).waitFor();
  await page.getByRole("button", { name: "Create deployment" }).click();
}

/** The phase chip next to the deployment's name on its details page. */
export async function headerPhase(page: Page): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText (rendered text), not the DOM property
  const text = await page.getByRole("heading", { level: 1 }).innerText();
  const last = text.trim().split(/\s+/).at(-1) ?? "";
  return PHASES.includes(last) ? last : "";
}

/**
 * Watches the details page (no reload) until the phase is `target`, returning every phase seen in
 * order. Polls the DOM every 50 ms; the page itself is updated by server-sent events.
 */
export async function watchPhases(page: Page, target: string, timeoutMs: number): Promise<string[]> {
  const seen: string[] = [];
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const phase = await headerPhase(page).catch(() => "");
    if (phase && seen.at(-1) !== phase) seen.push(phase);
    if (phase === target) return seen;
    await page.waitForTimeout(50);
  }
  throw new Error(`phase never reached ${target}; saw ${seen.join(" → ")}`);
}
