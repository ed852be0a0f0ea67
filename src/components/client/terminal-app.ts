/**
 * The interactive part of <kube-terminal>, loaded with `import()` only when the terminal scrolls into
 * view (or a "run in terminal" button is pressed): xterm.js + the fit addon. It adopts the simulation
 * worker the element started at page load (./preboot.ts), or starts one.
 *
 * The terminal is a thin client: keystrokes go through the LineEditor; complete lines, Tab completion
 * and Ctrl-C go to the worker (./sim.worker.ts) using the messages in ./protocol.ts.
 */
import { Terminal, type ITheme } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import xtermCss from '@xterm/xterm/css/xterm.css?inline';
import { LineEditor } from './line-editor';
import type { FromWorker, ToWorker } from './protocol';
import { ClusterStore } from './cluster-store';
import type { Preboot } from './preboot';

export interface TerminalStrings {
  welcome: string;
  error: string;
  /** Shown while a reloaded page replays the reader's commands; `{n}` is the share done, in %. */
  restoring: string;
  /** Shown after the replay; `{n}` is the number of commands replayed. */
  restored: string;
}

export interface MountOptions {
  /** The element xterm renders into. */
  screen: HTMLElement;
  /** Called with the node name parsed from the prompt (`controlplane:~$ ` → `controlplane`). */
  onNode?: (node: string) => void;
  /** Called when the terminal's state changes (for `data-state` and the status text). */
  onState?: (state: TerminalState) => void;
  scenario?: string;
  rows?: number;
  strings: TerminalStrings;
  /** localStorage key for the command history. */
  historyKey: string;
  /** localStorage key for the cluster's journal (what the reader did, replayed after a reload). */
  clusterKey: string;
  /** A worker already booting the cluster (./preboot.ts): adopted instead of starting one. */
  preboot?: Preboot;
}

export type TerminalState = 'loading' | 'ready' | 'running' | 'error';

export interface TerminalApp {
  /** Feed text as if pasted: each line is entered in turn (queued behind a running command). */
  paste(text: string): void;
  focus(): void;
  /** The terminal's text (scrollback + screen), one string per logical line (wrapped rows joined). */
  screenText(): string;
  /** Stop the simulation and start a fresh cluster, forgetting the stored one (history is kept). */
  reset(): void;
  dispose(): void;
}

const THEME: ITheme = {
  background: '#0d1117',
  foreground: '#d1d7e0',
  cursor: '#e6edf3',
  cursorAccent: '#0d1117',
  selectionBackground: '#264f78',
  scrollbarSliderBackground: 'rgba(139, 148, 158, 0.25)',
  scrollbarSliderHoverBackground: 'rgba(139, 148, 158, 0.4)',
  scrollbarSliderActiveBackground: 'rgba(139, 148, 158, 0.55)',
  black: '#484f58',
  red: '#ff7b72',
  green: '#3fb950',
  yellow: '#d29922',
  blue: '#58a6ff',
  magenta: '#bc8cff',
  cyan: '#39c5cf',
  white: '#b1bac4',
  brightBlack: '#6e7681',
  brightRed: '#ffa198',
  brightGreen: '#56d364',
  brightYellow: '#e3b341',
  brightBlue: '#79c0ff',
  brightMagenta: '#d2a8ff',
  brightCyan: '#56d4dd',
  brightWhite: '#f0f6fc',
};

const FONT =
  "ui-monospace, 'SFMono-Regular', 'JetBrains Mono', Menlo, Consolas, 'DejaVu Sans Mono', 'Liberation Mono', 'Noto Sans Mono CJK SC', 'Noto Sans Mono', monospace";

/** Colour a bash-style prompt `host:path$ ` (bold green host, bold blue path) like a default PS1. */
export function colourPrompt(prompt: string, continuation: boolean): string {
  if (continuation) return prompt;
  const m = /^([^\s:]+)(:)([^$#]*?)([$#] ?)$/.exec(prompt);
  if (!m) return prompt;
  return `\x1b[1;32m${m[1]}\x1b[0m${m[2]}\x1b[1;34m${m[3]}\x1b[0m${m[4]}`;
}

function injectXtermCss(): void {
  if (document.getElementById('kube-terminal-xterm-css')) return;
  const style = document.createElement('style');
  style.id = 'kube-terminal-xterm-css';
  style.textContent = xtermCss;
  document.head.append(style);
}

function loadHistory(key: string): string[] {
  try {
    const raw = localStorage.getItem(key);
    const v = raw ? JSON.parse(raw) : [];
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

function saveHistory(key: string, history: string[]): void {
  try {
    localStorage.setItem(key, JSON.stringify(history.slice(-200)));
  } catch {
    /* storage full or disabled: history is just not kept */
  }
}

export function mount(opts: MountOptions): TerminalApp {
  injectXtermCss();
  const ROWS = opts.rows ?? 22;
  const term = new Terminal({
    rows: ROWS,
    cols: 80,
    fontFamily: FONT,
    fontSize: 13,
    lineHeight: 1.15,
    cursorBlink: true,
    scrollback: 5000,
    theme: THEME,
    allowTransparency: false,
    macOptionIsMeta: true,
  });
  const fit = new FitAddon();
  term.loadAddon(fit);
  opts.screen.replaceChildren();
  term.open(opts.screen);

  const editor = new LineEditor({
    cols: term.cols,
    history: loadHistory(opts.historyKey),
    renderPrompt: colourPrompt,
  });

  // ---- size: the width follows the page, the height stays ROWS rows
  const fitWidth = () => {
    const dims = fit.proposeDimensions();
    if (!dims || !Number.isFinite(dims.cols)) return;
    if (dims.cols !== term.cols || term.rows !== ROWS) term.resize(dims.cols, ROWS);
  };
  term.onResize(({ cols }) => editor.resize(cols));
  let resizeFrame = 0;
  const ro = new ResizeObserver(() => {
    cancelAnimationFrame(resizeFrame);
    resizeFrame = requestAnimationFrame(fitWidth);
  });
  ro.observe(opts.screen);
  fitWidth();

  // ---- worker and requests
  let worker!: Worker;
  let nextId = 1;
  const pending = new Map<number, (msg: FromWorker) => void>();
  let prompt = '$ ';
  let state: TerminalState = 'loading';
  let runId = 0;
  /** Lines collected so far for a command that needs more (heredoc, open quote). */
  let collected: string | null = null;
  /** Input waiting to be processed (pasted text, type-ahead while a short request is pending). */
  const queue: string[] = [];
  let busy = false; // an action (needsMore/complete/run) is in progress
  let generation = 0; // bumped on reset: replies from an old worker are ignored

  const setState = (s: TerminalState) => {
    state = s;
    opts.onState?.(s);
  };

  const request = <T extends FromWorker>(msg: ToWorker): Promise<T> =>
    new Promise((resolve) => {
      pending.set(msg.id, (reply) => resolve(reply as T));
      worker.postMessage(msg);
    });

  /** Write program output: "\n" → "\r\n". */
  const writeOutput = (data: string) => term.write(data.replace(/\r?\n/g, '\r\n'));

  /** Resolves once everything written so far has been parsed by xterm. */
  const flushed = () => new Promise<void>((r) => term.write('', r));

  const showPrompt = async () => {
    await flushed();
    if (term.buffer.active.cursorX !== 0) term.write('\r\n');
    term.write(editor.begin(prompt));
  };

  const setPrompt = (p: string) => {
    prompt = p;
    const m = /^([^\s:@]+@)?([^\s:]+):/.exec(p);
    if (m) opts.onNode?.(m[2]);
  };

  const store = new ClusterStore(opts.clusterKey, opts.scenario);

  const startWorker = (pre?: Preboot) => {
    const gen = ++generation;
    const onMessage = (msg: FromWorker) => {
      if (gen !== generation) return;
      if (msg.type === 'output') {
        if (msg.id === runId) writeOutput(msg.data);
        return;
      }
      if (msg.type === 'journal') return store.append(msg.entry);
      if (msg.type === 'clock') return store.setSteps(msg.steps);
      if (msg.type === 'restoring') {
        const pct = String(Math.floor((100 * msg.done) / Math.max(1, msg.total)));
        term.write(`\r\x1b[2m${opts.strings.restoring.replace('{n}', pct)}\x1b[0m\x1b[K`);
        return;
      }
      const cb = pending.get(msg.id);
      if (cb) {
        pending.delete(msg.id);
        cb(msg);
      }
    };
    const onError = (e: Event) => {
      if (gen !== generation) return;
      console.error('[kube-terminal] worker error', e);
      setState('error');
      term.write(`\r\n\x1b[31m${opts.strings.error}\x1b[0m\r\n`);
    };
    setState('loading');
    let ready: Promise<FromWorker>;
    if (pre) {
      // the worker has been booting since the page loaded; its init reply may be waiting already
      worker = pre.worker;
      nextId = Math.max(nextId, pre.initId + 1);
      ready = new Promise((resolve) => pending.set(pre.initId, resolve));
      pre.adopt(onMessage, onError);
    } else {
      worker = new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module', name: 'kube-sim' });
      worker.addEventListener('message', (e: MessageEvent<FromWorker>) => onMessage(e.data));
      worker.addEventListener('error', onError);
      const id = nextId++;
      ready = request<FromWorker>({ type: 'init', id, scenario: opts.scenario, journal: store.load() });
    }
    void ready.then(async (msg) => {
      if (gen !== generation) return;
      if (msg.type !== 'ready') {
        setState('error');
        term.write(`\x1b[31m${opts.strings.error}\x1b[0m\r\n`);
        if (msg.type === 'fatal') term.write(`\x1b[2m${msg.message}\x1b[0m\r\n`);
        return;
      }
      setPrompt(msg.prompt);
      if (msg.restored) term.write(`\r\x1b[2m${opts.strings.restored.replace('{n}', String(msg.restored))}\x1b[0m\x1b[K\r\n`);
      else if (opts.strings.welcome) term.write(`\x1b[2m${opts.strings.welcome}\x1b[0m\r\n`);
      await showPrompt();
      setState('ready');
      pump();
    });
  };

  // ---- commands
  const runCommand = async (text: string) => {
    const id = nextId++;
    runId = id;
    setState('running');
    editor.end();
    const exit = await request<Extract<FromWorker, { type: 'exit' }>>({ type: 'run', id, text });
    runId = 0;
    setPrompt(exit.prompt);
    await showPrompt();
    setState('ready');
  };

  const interrupt = () => {
    if (state === 'running' && runId) {
      term.write('^C');
      worker.postMessage({ type: 'interrupt', id: runId } satisfies ToWorker);
    }
  };

  const handleLine = async (text: string) => {
    const sofar = collected === null ? text : collected + '\n' + text;
    const more = await request<Extract<FromWorker, { type: 'needsMore' }>>({
      type: 'needsMore',
      id: nextId++,
      text: sofar,
    });
    if (more.value) {
      collected = sofar;
      term.write(editor.begin('> ', { continuation: true }));
      return;
    }
    collected = null;
    saveHistory(opts.historyKey, editor.history);
    if (!sofar.trim()) {
      term.write(editor.begin(prompt));
      return;
    }
    await runCommand(sofar);
  };

  const pump = async () => {
    if (busy) return;
    busy = true;
    const gen = generation;
    try {
      while (queue.length && gen === generation && (state === 'ready' || state === 'running')) {
        if (state === 'running') break;
        const chunk = queue.shift()!;
        const r = editor.feed(chunk);
        if (r.output) term.write(r.output);
        if (r.rest) queue.unshift(r.rest);
        const a = r.action;
        if (!a) continue;
        if (a.type === 'line') await handleLine(a.text);
        else if (a.type === 'cancel') {
          collected = null;
          term.write(editor.begin(prompt));
        } else if (a.type === 'complete') {
          const c = await request<Extract<FromWorker, { type: 'completion' }>>({
            type: 'complete',
            id: nextId++,
            line: a.line,
            cursor: a.cursor,
          });
          term.write(editor.applyCompletion(c, a.repeat));
        }
      }
    } finally {
      busy = false;
    }
  };

  term.onData((data) => {
    if (state === 'running') {
      // While a command runs only Ctrl-C counts (like a shell with no type-ahead echo).
      if (data.includes('\x03')) interrupt();
      return;
    }
    if (state === 'error') return;
    queue.push(data);
    void pump();
  });

  startWorker(opts.preboot);

  return {
    paste(text: string) {
      // Every line ends with Enter; a trailing newline is not doubled.
      const normalized = text.replace(/\r\n?/g, '\n').replace(/\n+$/, '') + '\n';
      queue.push(normalized.replace(/\n/g, '\r'));
      void pump();
    },
    focus() {
      term.focus();
    },
    screenText() {
      const buf = term.buffer.active;
      const lines: string[] = [];
      for (let i = 0; i < buf.length; i++) {
        const line = buf.getLine(i);
        if (!line) continue;
        const text = line.translateToString(true);
        // A row that continues the previous one (auto-wrap) is joined back into one logical line.
        if (line.isWrapped && lines.length) lines[lines.length - 1] += text;
        else lines.push(text);
      }
      while (lines.length && lines[lines.length - 1] === '') lines.pop();
      return lines.join('\n');
    },
    reset() {
      worker.terminate();
      for (const cb of pending.values()) void cb; // replies will never come: drop the callbacks
      pending.clear();
      queue.length = 0;
      collected = null;
      runId = 0;
      busy = false;
      editor.end();
      term.reset();
      store.clear();
      startWorker();
    },
    dispose() {
      worker.terminate();
      ro.disconnect();
      term.dispose();
    },
  };
}
