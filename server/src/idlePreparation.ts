// Does the work requests would otherwise wait for while the server has nothing else to do: the search texts of
// open documents' bibliography files (about a second for 50,000 entries), and the works they cite formatted as
// hovers show them (citeproc takes a few milliseconds per entry). The work starts only after a quiet spell with
// no request, and goes in slices of a few milliseconds: a request that arrives meanwhile waits for one slice at
// most, and puts the rest off until the server is quiet again.
import { performance } from 'node:perf_hooks';

/** How long one slice may go on (it always does at least one step). */
const SLICE_MS = 4;
/** How long the server must have had no request before the work starts or goes on. */
const QUIET_MS = 300;

/** Does some of a document's work ahead while `more()` allows; true when all of it is ready. */
export type PrepareAhead = (uri: string, more: () => boolean) => boolean;

export class IdlePreparation {
  private readonly pending = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private quietFrom = 0;
  private stopped = false;

  constructor(
    private readonly prepare: PrepareAhead,
    private readonly onError: (uri: string, error: unknown) => void,
    private readonly quietMs = QUIET_MS,
  ) {}

  /** The document's cited works or bibliographies may have changed (it was opened, edited, or a bibliography changed). */
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
