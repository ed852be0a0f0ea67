/**
 * Keeps a page's cluster journal (./journal.ts) in localStorage, so that what the reader did survives a
 * reload. Storage that is full or disabled only means the cluster starts fresh next time.
 */
import { isJournal, MAX_ENTRIES, type Journal, type JournalEntry } from './journal';

/** How often the advancing clock is written (entries are written at once). */
const CLOCK_WRITE_MS = 2000;

export class ClusterStore {
  private journal: Journal;
  private lastClockWrite = 0;

  constructor(
    private readonly key: string,
    private readonly scenario: string | undefined,
    private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined = globalThis.localStorage,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.journal = this.fresh();
  }

  private fresh(): Journal {
    return { v: 1, scenario: this.scenario, entries: [], steps: 0 };
  }

  /** The stored journal of this page's cluster (undefined when there is none, or another scenario's). */
  load(): Journal | undefined {
    let stored: unknown;
    try {
      stored = JSON.parse(this.storage?.getItem(this.key) ?? 'null');
    } catch {
      stored = null;
    }
    this.journal = isJournal(stored) && stored.scenario === this.scenario ? stored : this.fresh();
    return this.journal.entries.length ? this.journal : undefined;
  }

  append(entry: JournalEntry): void {
    if (this.journal.entries.length >= MAX_ENTRIES) return this.clear();
    this.journal.entries.push(entry);
    this.journal.steps = Math.max(this.journal.steps, entry.step);
    this.write();
  }

  setSteps(steps: number): void {
    this.journal.steps = steps;
    const t = this.now();
    if (t - this.lastClockWrite < CLOCK_WRITE_MS) return;
    this.lastClockWrite = t;
    this.write();
  }

  clear(): void {
    this.journal = this.fresh();
    try {
      this.storage?.removeItem(this.key);
    } catch {
      /* nothing stored */
    }
  }

  private write(): void {
    if (!this.journal.entries.length) return;
    try {
      this.storage?.setItem(this.key, JSON.stringify(this.journal));
    } catch {
      /* storage full or disabled: the cluster is just not kept */
    }
  }
}
