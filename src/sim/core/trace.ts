/** Trace of every API request and watch delivery (DESIGN.md rule 4): feeds the flow view and tests. */
export interface TraceEvent {
  t: number;
  from: string;
  to: string;
  verb: string;
  resource?: string;
  ns?: string;
  name?: string;
  code?: number;
}

export class Trace {
  private buf: TraceEvent[] = [];
  private subs = new Set<(e: TraceEvent) => void>();

  constructor(private readonly limit = 5000) {}

  emit(e: TraceEvent): void {
    this.buf.push(e);
    // trimmed in batches (amortised O(1) per event): keeps between limit and 2 × limit events
    if (this.buf.length >= 2 * this.limit) this.buf.splice(0, this.buf.length - this.limit);
    for (const s of this.subs) s(e);
  }

  subscribe(fn: (e: TraceEvent) => void): () => void {
    this.subs.add(fn);
    return () => this.subs.delete(fn);
  }

  recent(n = this.limit): TraceEvent[] {
    return this.buf.slice(-Math.min(n, this.limit));
  }

  clear(): void {
    this.buf = [];
  }
}
