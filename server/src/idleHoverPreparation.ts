// Formats the works open documents cite while the server has nothing else to do, so that a hover finds them
// ready instead of waiting on citeproc (a few milliseconds per entry). The work starts only after a quiet
// spell with no request, and goes in slices of a few milliseconds: a request that arrives meanwhile waits for
// one slice at most, and puts the rest off until the server is quiet again.
import { performance } from 'node:perf_hooks';

/** How long one slice may go on formatting (it always formats at least one entry). */
const SLICE_MS = 4;
/** How long the server must have had no request before the work starts or goes on. */
const QUIET_MS = 300;

/** Formats some of a document's cited entries while `more()` allows; true when all are ready. */
export type PrepareHovers = (uri: string, more: () => boolean) => boolean;

export class IdleHoverPreparation {
  private readonly pending = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private quietFrom = 0;
  private stopped = false;

  constructor(
    private readonly prepare: PrepareHovers,
    private readonly onError: (uri: string, error: unknown) => void,
    private readonly quietMs = QUIET_MS,
  ) {}

  /** The document's cited works may have changed (it was opened, edited, or its bibliography changed). */
  schedule(uri: string): void {
    if (this.stopped) return;
    this.pending.add(uri);
    this.busy();
  }

  /** A request came in: the work waits for the next quiet spell. */
  busy(): void {
    this.quietFrom = performance.now() + this.quietMs;
    if (this.pending.size > 0 && !this.stopped) this.wake(this.quietMs);
  }

  forget(uri: string): void {
    this.pending.delete(uri);
  }

  /** At shutdown: nothing more is scheduled and no timer is left behind. */
  stop(): void {
    this.stopped = true;
    this.pending.clear();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private wake(afterMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.slice(), afterMs);
  }

  private slice(): void {
    this.timer = null;
    const wait = this.quietFrom - performance.now();
    if (wait > 0) return this.wake(wait);
    const [uri] = this.pending;
    if (uri === undefined) return;
    const started = performance.now();
    try {
      if (this.prepare(uri, () => performance.now() - started < SLICE_MS)) this.pending.delete(uri);
    } catch (error) {
      this.pending.delete(uri);
      this.onError(uri, error);
    }
    if (this.pending.size > 0) this.wake(0);
  }
}
