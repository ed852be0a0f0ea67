/**
 * Browser tests against the built site (dist/, served under BASE_PATH by ./global-setup.ts),
 * driven through Debian's Chromium.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launch, openTerminal, terminalText, waitForTerminal, type Browser } from './browser';

const SITE = inject('siteUrl'); // e.g. http://127.0.0.1:PORT/ or http://127.0.0.1:PORT/kube-anatomy/
const SHOTS = resolve(import.meta.dirname, 'screenshots');

const PAGES = [
  '',
  'overview/architecture/',
  'overview/request-path/',
  'overview/terminal/',
  'control-plane/kube-apiserver/',
  'control-plane/etcd/',
  'control-plane/kube-scheduler/',
  'control-plane/kube-controller-manager/',
  'node/kubelet/',
  'node/kube-proxy/',
  'node/container-runtime/',
  'addons/coredns/',
  'addons/ingress-controller/',
];
const LOCALES = [
  { prefix: '', lang: 'zh-CN' },
  { prefix: 'en/', lang: 'en' },
];

let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

/** A fresh page that fails the test on uncaught page errors. */
async function newPage(): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, errors };
}

/** Type a command like a person and press Enter. */
async function typeCommand(page: Page, command: string): Promise<void> {
  await page.keyboard.type(command, { delay: 15 });
  await page.keyboard.press('Enter');
}

describe('every page, both languages', () => {
  for (const { prefix, lang } of LOCALES) {
    for (const path of PAGES) {
      const url = prefix + path;
      it(`/${url} returns 200, has lang=${lang} and a terminal`, async () => {
        const { page, errors } = await newPage();
        try {
          const res = await page.goto(SITE + url);
          expect(res?.status()).toBe(200);
          expect(await page.getAttribute('html', 'lang')).toBe(lang);
          expect(await page.locator('kube-terminal').count()).toBe(1);
          expect(await page.locator('kube-terminal').getAttribute('class')).toContain('not-content');
          // Shell code blocks got their "run in terminal" button.
          const blocks = await page.locator('.sl-markdown-content pre:is([data-language="bash"], [data-language="sh"], [data-language="shell"])').count();
          expect(await page.locator('.kt-run').count()).toBe(blocks);
          expect(errors).toEqual([]);
        } finally {
          await page.close();
        }
      });
    }
  }

  it('every link inside the content resolves (no 404)', async () => {
    const { page } = await newPage();
    const checked = new Map<string, number>();
    try {
      for (const { prefix } of LOCALES) {
        for (const path of PAGES) {
          await page.goto(SITE + prefix + path);
          const hrefs = await page
            .locator('main a[href], .sl-markdown-content a[href], .hero a[href]')
            .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
          for (const href of hrefs) {
            const u = new URL(href);
            if (u.origin !== new URL(SITE).origin) continue;
            u.hash = '';
            const key = u.toString();
            if (!checked.has(key)) checked.set(key, (await page.request.get(key)).status());
            expect(checked.get(key), `${key} (linked from /${prefix}${path})`).toBe(200);
          }
        }
      }
      expect(checked.size).toBeGreaterThan(20);
    } finally {
      await page.close();
    }
  });

  it('the language picker links the zh and en versions of a page', async () => {
    const { page } = await newPage();
    try {
      await page.goto(SITE + 'control-plane/etcd/');
      const values = await page.locator('starlight-lang-select select option').evaluateAll((opts) =>
        opts.map((o) => (o as HTMLOptionElement).value),
      );
      expect(values.some((v) => v.endsWith('/en/control-plane/etcd/'))).toBe(true);
      expect(values.some((v) => v.endsWith('/control-plane/etcd/') && !v.includes('/en/'))).toBe(true);
    } finally {
      await page.close();
    }
  });
});

describe('terminal', () => {
  for (const { prefix } of LOCALES) {
    it(`/${prefix}control-plane/etcd/: kubectl get nodes shows the Ready control-plane node`, async () => {
      const { page, errors } = await newPage();
      try {
        await page.goto(SITE + prefix + 'control-plane/etcd/');
        expect(await page.locator('kube-terminal').getAttribute('data-state')).toBe('idle'); // lazy: not loaded yet
        await openTerminal(page);
        await typeCommand(page, 'kubectl get nodes');
        await waitForTerminal(page, /controlplane:~\$ kubectl get nodes/);
        await waitForTerminal(page, /^.*controlplane.*Ready.*$/m, 15_000).then((text) => {
          const line = text.split('\n').find((l) => /controlplane/.test(l) && /\bReady\b/.test(l));
          expect(line).toMatch(/^controlplane\s+Ready\s/);
        });
        expect(errors).toEqual([]);
      } finally {
        await page.close();
      }
    });
  }

  it('kubectl run web --image=nginx reaches 1/1 Running', async () => {
    const { page } = await newPage();
    try {
      await page.goto(SITE + 'control-plane/etcd/');
      await openTerminal(page);
      await typeCommand(page, 'kubectl run web --image=nginx');
      await waitForTerminal(page, /pod\/web created/);
      const deadline = Date.now() + 30_000;
      let running = false;
      while (!running && Date.now() < deadline) {
        await typeCommand(page, 'kubectl get pods');
        await page.waitForTimeout(3_000);
        running = /^web\s+1\/1\s+Running\b/m.test(await terminalText(page));
      }
      expect(await terminalText(page)).toMatch(/^web\s+1\/1\s+Running\b/m);
    } finally {
      await page.close();
    }
  });

  it('edits lines like bash: cursor keys, backspace, Ctrl-U, history, Ctrl-C', async () => {
    const { page } = await newPage();
    try {
      await page.goto(SITE + 'overview/terminal/');
      await openTerminal(page);
      // Typo fixed with Left/Backspace/Right.
      await page.keyboard.type('kubectl get nodez -o wide', { delay: 10 });
      for (let i = 0; i < ' -o wide'.length; i++) await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('Backspace');
      await page.keyboard.type('s');
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      await waitForTerminal(page, /\$ kubectl get nodes -o wide\n/);
      // Ctrl-U clears, Up recalls the last command.
      await page.keyboard.type('garbage');
      await page.keyboard.press('Control+U');
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('Enter');
      await waitForTerminal(page, /(\$ kubectl get nodes -o wide\n[\s\S]*){2}/);
      // Ctrl-C drops the line.
      await page.keyboard.type('kubectl delete node node01');
      await page.keyboard.press('Control+C');
      await waitForTerminal(page, /kubectl delete node node01\^C\n/);
    } finally {
      await page.close();
    }
  });

  it('history survives a reload', async () => {
    const { page } = await newPage();
    try {
      await page.goto(SITE + 'node/kubelet/');
      await openTerminal(page);
      await typeCommand(page, 'kubectl get pods -A');
      await waitForTerminal(page, /\$ kubectl get pods -A\n/);
      await page.reload();
      await openTerminal(page);
      await page.keyboard.press('ArrowUp');
      await waitForTerminal(page, /\$ kubectl get pods -A$/m);
    } finally {
      await page.close();
    }
  });

  it('the cluster survives a reload; "reset cluster" starts a fresh one', async () => {
    const { page } = await newPage();
    try {
      await page.goto(SITE + 'en/node/kube-proxy/');
      await openTerminal(page);
      await typeCommand(page, 'kubectl create deployment keepme --image=nginx');
      await waitForTerminal(page, /deployment\.apps\/keepme created/);
      await page.reload();
      await openTerminal(page);
      await waitForTerminal(page, /Your cluster is back: replayed the commands you ran on this page \(1\)/, 30_000);
      await typeCommand(page, 'kubectl get deploy keepme -o name');
      await waitForTerminal(page, /^deployment\.apps\/keepme$/m);
      await page.locator('kube-terminal .kt-reset').click();
      await waitForTerminal(page, /\$ $/m, 30_000);
      await typeCommand(page, 'kubectl get deploy keepme -o name');
      await waitForTerminal(page, /deployments\.apps "keepme" not found/);
    } finally {
      await page.close();
    }
  });

  it('"run in terminal" buttons type the code block into the terminal', async () => {
    const { page } = await newPage();
    try {
      await page.goto(SITE + 'en/control-plane/kube-scheduler/');
      await page.locator('.kt-run').first().click();
      await waitForTerminal(page, /\$ kubectl create deployment web --image=nginx --replicas=3\n/, 20_000);
      await waitForTerminal(page, /\$ kubectl get pods -o wide\n/);
    } finally {
      await page.close();
    }
  });
});

describe('search (Pagefind)', () => {
  /** Query Pagefind from a page of the given language; returns the result URLs. */
  async function search(pageUrl: string, query: string): Promise<string[]> {
    const { page } = await newPage();
    try {
      await page.goto(pageUrl);
      // A string, not a function: the test runner would rewrite a function's dynamic import().
      const base = new URL(SITE).pathname;
      return (await page.evaluate(`(async () => {
        const pagefind = await import(${JSON.stringify(base + 'pagefind/pagefind.js')});
        await pagefind.init?.();
        const found = await pagefind.search(${JSON.stringify(query)});
        const data = await Promise.all(found.results.slice(0, 8).map((r) => r.data()));
        return data.map((d) => d.url);
      })()`)) as string[];
    } finally {
      await page.close();
    }
  }

  it('finds the scheduler page for 调度器 (zh)', async () => {
    const urls = await search(SITE, '调度器');
    expect(urls.some((u) => /\/control-plane\/kube-scheduler\/$/.test(u) && !u.includes('/en/'))).toBe(true);
  });

  it('finds the etcd page for 并发控制 (zh)', async () => {
    const urls = await search(SITE, '并发控制');
    expect(urls.some((u) => /\/control-plane\/etcd\/$/.test(u) && !u.includes('/en/'))).toBe(true);
  });

  it('finds the English scheduler page for "scheduler" (en)', async () => {
    const urls = await search(SITE + 'en/', 'scheduler');
    expect(urls.some((u) => /\/en\/control-plane\/kube-scheduler\/$/.test(u))).toBe(true);
  });
});

describe('screenshots', () => {
  for (const { prefix } of LOCALES) {
    for (const [name, path] of [
      ['overview', 'overview/architecture/'],
      ['etcd', 'control-plane/etcd/'],
    ] as const) {
      const file = `${prefix ? 'en' : 'zh'}-${name}.png`;
      it(`e2e/screenshots/${file}`, async () => {
        const { page } = await newPage();
        try {
          await page.goto(SITE + prefix + path);
          await openTerminal(page);
          await typeCommand(page, 'kubectl get nodes');
          await page.waitForTimeout(1_000);
          // Full-page shots are taken from the top, or Starlight's fixed header lands mid-page.
          await page.evaluate(() => window.scrollTo(0, 0));
          await page.waitForTimeout(200);
          await page.screenshot({ path: resolve(SHOTS, file), fullPage: true });
        } finally {
          await page.close();
        }
      });
    }
  }
});
