import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
export const SCREENSHOTS = join(here, "screenshots");

/** Debian's Chromium with flags for a sandbox-less, offline, headless CI. Never a downloaded browser. */
export const CHROMIUM = {
  executablePath: "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
  ],
};

export interface Stack {
  url: string;
  tokens: { admin: string; alice: string; bob: string; kubeairunway: string };
  kubeconfig: string;
  stopBackend(): Promise<void>;
  startBackend(): Promise<void>;
  stop(): Promise<void>;
}

function bunPath(): string {
  const local = join(root, ".tools/node_modules/.bin/bun");
  return existsSync(local) ? local : "bun";
}

/** Starts sim + backend (under Bun) serving frontend/dist; resolves once it prints its URLs. */
export async function startStack(options: { auth?: "none" | "kubernetes"; speed?: number; seed?: string } = {}): Promise<Stack> {
  const child: ChildProcess = spawn(
    bunPath(),
    [
      join(here, "stack/stack.ts"),
      "--auth",
      options.auth ?? "none",
      "--seed",
      options.seed ?? "demo",
      "--speed",
      String(options.speed ?? 0.3),
    ],
    { cwd: root, stdio: ["pipe", "pipe", "pipe"] },
  );
  const errors: string[] = [];
  child.stderr?.on("data", (d: Buffer) => errors.push(d.toString()));
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const waiting: ((line: string) => void)[] = [];
  const queued: string[] = [];
  lines.on("line", (line) => {
    const next = waiting.shift();
    if (next) next(line);
    else queued.push(line);
  });
  const nextLine = () =>
    new Promise<string>((resolveLine, reject) => {
      const line = queued.shift();
      if (line !== undefined) return resolveLine(line);
      const timer = setTimeout(() => reject(new Error(`the e2e stack did not answer: ${errors.join("").slice(-2000)}`)), 60_000);
      waiting.push((l) => {
        clearTimeout(timer);
        resolveLine(l);
      });
    });
  const info = JSON.parse(await nextLine()) as Omit<Stack, "stopBackend" | "startBackend" | "stop">;
  const command = async (name: string) => {
    child.stdin?.write(`${name}\n`);
    await nextLine();
  };
  return {
    ...info,
    stopBackend: () => command("stop-backend"),
    startBackend: () => command("start-backend"),
    stop: async () => {
      child.stdin?.write("quit\n");
      await new Promise<void>((r) => {
        const timer = setTimeout(() => {
          child.kill("SIGKILL");
          r();
        }, 10_000);
        child.once("exit", () => {
          clearTimeout(timer);
          r();
        });
      });
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch(CHROMIUM);
}

/** Saves a full-page screenshot under e2e/screenshots/ (git-ignored, kept as a test artifact). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Opens a page with the colour scheme fixed, so light and dark screenshots are deterministic. */
export async function newPage(browser: Browser, colorScheme: "light" | "dark" = "light"): Promise<Page> {
  const context = await browser.newContext({ colorScheme, viewport: { width: 1400, height: 900 } });
  return context.newPage();
}
