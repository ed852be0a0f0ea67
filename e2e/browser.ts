/**
 * Debian's Chromium driven by playwright-core (no browser downloads, ever).
 */
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface Browser {
  context: BrowserContext;
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/** A browser with a fresh profile directory (removed on close). */
export async function launch(): Promise<Browser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'kube-anatomy-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
    deviceScaleFactor: 1,
  });
  return {
    context,
    newPage: () => context.newPage(),
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** The text of the page's terminal (scrollback + screen). */
export function terminalText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.querySelector('kube-terminal') as (HTMLElement & { screenText?: () => string }) | null;
    return el?.screenText?.() ?? '';
  });
}

/** Scroll the terminal into view and wait until it shows a prompt and accepts input. */
export async function openTerminal(page: Page): Promise<void> {
  const term = page.locator('kube-terminal');
  await term.scrollIntoViewIfNeeded();
  await page.waitForSelector('kube-terminal[data-state="ready"]', { timeout: 30_000 });
  await page.waitForFunction(
    () => {
      const el = document.querySelector('kube-terminal') as (HTMLElement & { screenText?: () => string }) | null;
      return /[$#] ?$/m.test(el?.screenText?.() ?? '');
    },
    undefined,
    { timeout: 30_000 },
  );
  await page.locator('kube-terminal .xterm').click();
}

/** Poll the terminal text until `re` matches (or time out). */
export async function waitForTerminal(page: Page, re: RegExp, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  while (Date.now() < deadline) {
    text = await terminalText(page);
    if (re.test(text)) return text;
    await page.waitForTimeout(200);
  }
  throw new Error(`terminal never matched ${re}; it shows:\n${text}`);
}
