// What a run measures: the full benchmark, or the smoke run CI uses to keep the harness working.

export interface Profile {
  readonly name: 'full' | 'smoke';
  readonly librarySizes: readonly number[];
  /** Largest library @retorquere/bibtex-parser is given (it needs about 100 s at 50k). */
  readonly bibtexParserMax: number;
  readonly essay: { readonly words: number; readonly citations: number; readonly listEntries: number };
  readonly thesis: { readonly words: number; readonly citations: number; readonly listEntries: number; readonly chapters: number };
  readonly growth: readonly number[];
  /** The library the pandoc thesis cites (and `citewright check` / pandoc read). */
  readonly pandocLibrary: number;
  /** Repetitions: fresh child processes per library load, per tool. */
  readonly loadRuns: number;
  /** Repetitions of a peer load taking longer than 20 s (still at least 3 for a median in a full run). */
  readonly slowLoadRuns: number;
  /** Fresh child processes per document for the service measurements. */
  readonly serviceRuns: number;
  /** Analyses (and one-character edits) per child. */
  readonly analysesPerRun: number;
  /** Requests per kind for latency percentiles. */
  readonly latencyRequests: number;
  /** Code-action requests per service child and per server session (each can cost a fix-all pass). */
  readonly codeActionRequests: number;
  /** Server processes started (start to first diagnostics, first hover). */
  readonly serverStarts: number;
  /** `citewright check` and `pandoc --citeproc` runs each. */
  readonly checkRuns: number;
  /** A child measurement taking longer than this is reported as a timeout. */
  readonly childTimeoutMs: number;
}

export const FULL: Profile = {
  name: 'full',
  librarySizes: [1_000, 10_000, 50_000],
  bibtexParserMax: 10_000,
  essay: { words: 5_000, citations: 60, listEntries: 25 },
  thesis: { words: 100_000, citations: 1_500, listEntries: 400, chapters: 8 },
  growth: [1, 2, 4, 8],
  pandocLibrary: 10_000,
  loadRuns: 5,
  slowLoadRuns: 3,
  serviceRuns: 3,
  analysesPerRun: 15,
  latencyRequests: 200,
  codeActionRequests: 60,
  serverStarts: 5,
  checkRuns: 3,
  childTimeoutMs: 300_000,
};

export const SMOKE: Profile = {
  name: 'smoke',
  librarySizes: [50],
  bibtexParserMax: 50,
  essay: { words: 600, citations: 8, listEntries: 6 },
  thesis: { words: 2_000, citations: 30, listEntries: 12, chapters: 2 },
  growth: [1, 2],
  pandocLibrary: 50,
  loadRuns: 1,
  slowLoadRuns: 1,
  serviceRuns: 1,
  analysesPerRun: 3,
  latencyRequests: 5,
  codeActionRequests: 3,
  serverStarts: 1,
  checkRuns: 1,
  childTimeoutMs: 60_000,
};

export function sizeLabel(size: number): string {
  return size >= 1000 && size % 1000 === 0 ? `${size / 1000}k` : String(size);
}
