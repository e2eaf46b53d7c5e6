// Formats the works open documents cite while the server has nothing else to do, so that a hover finds them
// ready instead of waiting on citeproc (a few milliseconds per entry). The work goes in slices of a few
// milliseconds, each behind the messages that have arrived meanwhile: a request waits for one slice at most.
import { performance } from 'node:perf_hooks';

/** How long one slice may go on formatting (it always formats at least one entry). */
const SLICE_MS = 4;

/** Formats some of a document's cited entries while `more()` allows; true when all are ready. */
export type PrepareHovers = (uri: string, more: () => boolean) => boolean;

export class IdleHoverPreparation {
  private readonly pending = new Set<string>();
  private next: NodeJS.Immediate | null = null;
  private stopped = false;

  constructor(
    private readonly prepare: PrepareHovers,
    private readonly onError: (uri: string, error: unknown) => void,
  ) {}

  /** The document's cited works may have changed (it was opened, edited, or its bibliography changed). */
  schedule(uri: string): void {
    if (this.stopped) return;
    this.pending.add(uri);
    this.next ??= setImmediate(() => this.slice());
  }

  forget(uri: string): void {
    this.pending.delete(uri);
  }

  /** At shutdown: nothing more is scheduled and no timer is left behind. */
  stop(): void {
    this.stopped = true;
    this.pending.clear();
    if (this.next) clearImmediate(this.next);
    this.next = null;
  }

  private slice(): void {
    this.next = null;
    const [uri] = this.pending;
    if (uri === undefined) return;
    const started = performance.now();
    try {
      if (this.prepare(uri, () => performance.now() - started < SLICE_MS)) this.pending.delete(uri);
    } catch (error) {
      this.pending.delete(uri);
      this.onError(uri, error);
    }
    if (this.pending.size > 0) this.next = setImmediate(() => this.slice());
  }
}
