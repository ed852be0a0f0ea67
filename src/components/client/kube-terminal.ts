/**
 * <kube-terminal>: the small, always-loaded part of the terminal widget. It waits until the element
 * comes near the viewport (or a "run in terminal" button is pressed), then loads xterm.js and the
 * simulation (./terminal-app.ts) with a dynamic import, so pages stay light until the reader needs it.
 *
 * It also turns every bash/sh/shell code block of the page into something that can be run in the
 * terminal: a small button types the block's lines into it.
 */
import type { TerminalApp, TerminalState } from './terminal-app';
import { preboot, type Preboot } from './preboot';

const SHELL_LANGS = new Set(['bash', 'sh', 'shell']); // console/text blocks are real-machine illustrations

interface Strings {
  loading: string;
  ready: string;
  running: string;
  error: string;
  runInTerminal: string;
  welcome: string;
  reset: string;
  restoring: string;
  restored: string;
}

export class KubeTerminalElement extends HTMLElement {
  private app?: Promise<TerminalApp>;
  private loaded?: TerminalApp;
  private observer?: IntersectionObserver;
  /** The cluster booting since the element connected, until the terminal adopts it. */
  private pre?: Preboot;

  get strings(): Strings {
    try {
      return JSON.parse(this.dataset.strings || '{}') as Strings;
    } catch {
      return {} as Strings;
    }
  }

  connectedCallback(): void {
    if (this.dataset.state) return; // already set up (element moved)
    this.dataset.state = 'idle';
    // the cluster boots while the rest of the page and xterm load
    if (typeof Worker !== 'undefined') this.pre = preboot(this.dataset.scenario || undefined, this.clusterKey());
    this.querySelector<HTMLButtonElement>('.kt-start')?.addEventListener('click', () => {
      void this.load().then((app) => app.focus());
    });
    this.querySelector<HTMLButtonElement>('.kt-reset')?.addEventListener('click', () => {
      void this.load().then((app) => {
        app.reset();
        app.focus();
      });
    });
    if ('IntersectionObserver' in window) {
      this.observer = new IntersectionObserver(
        (entries) => {
          if (entries.some((e) => e.isIntersecting)) void this.load();
        },
        { rootMargin: '200px 0px' },
      );
      this.observer.observe(this);
    } else {
      void this.load();
    }
    enhanceCodeBlocks(this.strings.runInTerminal || 'Run in terminal');
  }

  disconnectedCallback(): void {
    this.observer?.disconnect();
  }

  private clusterKey(): string {
    return 'kube-anatomy:cluster:' + location.pathname.replace(/\/+$/, '');
  }

  /** Load xterm and the simulation (once). */
  load(): Promise<TerminalApp> {
    if (this.app) return this.app;
    this.observer?.disconnect();
    this.setState('loading');
    const screen = this.querySelector<HTMLElement>('.kt-screen')!;
    const strings = this.strings;
    this.app = import('./terminal-app')
      .then(({ mount }) => {
        const app = mount({
          screen,
          scenario: this.dataset.scenario || undefined,
          rows: Number(this.dataset.rows) || 22,
          strings: {
            welcome: strings.welcome ?? '',
            error: strings.error ?? 'error',
            restoring: strings.restoring ?? 'Restoring your cluster… {n}%',
            restored: strings.restored ?? 'Your cluster is back: replayed the commands you ran on this page ({n}).',
          },
          historyKey: 'kube-anatomy:history:' + location.pathname.replace(/\/+$/, ''),
          clusterKey: this.clusterKey(),
          preboot: this.pre,
          onNode: (node) => {
            const title = this.querySelector('.kt-node');
            if (title) title.textContent = node;
          },
          onState: (s) => this.setState(s),
        });
        this.loaded = app;
        const reset = this.querySelector<HTMLButtonElement>('.kt-reset');
        if (reset) reset.hidden = false;
        return app;
      })
      .catch((e: unknown) => {
        console.error('[kube-terminal] failed to load', e);
        this.setState('error');
        throw e;
      });
    return this.app;
  }

  /** Type `text` (one or more command lines) into the terminal, loading it first if needed. */
  async run(text: string): Promise<void> {
    this.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
    const app = await this.load();
    app.paste(text);
    app.focus();
  }

  /** The terminal's text, for tests and debugging ('' before it is loaded). */
  screenText(): string {
    return this.loaded?.screenText() ?? '';
  }

  private setState(s: TerminalState | 'idle'): void {
    this.dataset.state = s;
    const status = this.querySelector('.kt-status');
    const strings = this.strings;
    if (status) {
      status.textContent =
        s === 'loading' ? strings.loading : s === 'running' ? strings.running : s === 'error' ? strings.error : '';
    }
  }
}

/** The lines of an expressive-code block (one `.ec-line` per source line). */
function codeOf(pre: HTMLPreElement): string {
  const lines = pre.querySelectorAll('.ec-line');
  if (lines.length) return Array.from(lines, (l) => l.textContent ?? '').join('\n');
  return pre.textContent ?? '';
}

let enhanced = false;

/** Add a "run in terminal" button to every shell code block on the page. */
function enhanceCodeBlocks(label: string): void {
  if (enhanced) return;
  enhanced = true;
  const blocks = document.querySelectorAll<HTMLPreElement>('.sl-markdown-content pre[data-language]');
  for (const pre of blocks) {
    if (!SHELL_LANGS.has(pre.dataset.language || '')) continue;
    const figure = pre.closest('figure') ?? pre.parentElement;
    if (!figure || figure.querySelector('.kt-run')) continue;
    const btn = document.createElement('button');
    btn.type = 'button';
    btn.className = 'kt-run';
    btn.title = label;
    btn.setAttribute('aria-label', label);
    btn.innerHTML = '<span aria-hidden="true">▶</span> ';
    btn.append(document.createTextNode(label));
    btn.addEventListener('click', () => {
      const term = document.querySelector<KubeTerminalElement>('kube-terminal');
      if (!term) return;
      const code = codeOf(pre)
        .split('\n')
        .map((l) => l.replace(/\s+$/, ''))
        .join('\n')
        .replace(/^\n+|\n+$/g, '');
      if (code) void term.run(code);
    });
    const header = figure.querySelector('figcaption');
    if (header) header.append(btn);
    else figure.append(btn);
    figure.classList.add('kt-runnable');
  }
}

export function defineKubeTerminal(): void {
  if (!customElements.get('kube-terminal')) customElements.define('kube-terminal', KubeTerminalElement);
}
