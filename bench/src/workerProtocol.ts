// What the parent asks a worker child to measure, and what the child answers (one JSON line on stdout).
import type { LibraryFormat } from './citationJs';

export type LoadTool = 'ours' | 'citation-js' | 'bibtex-parser' | 'latex-utensils';

export interface LoadTask {
  readonly kind: 'load';
  readonly tool: LoadTool;
  readonly format: LibraryFormat;
  readonly path: string;
}

export interface LibraryServiceTask {
  readonly kind: 'library-service';
  readonly probePath: string;
  readonly completionOffset: number;
}

export interface DocumentTask {
  readonly kind: 'document';
  readonly path: string;
  readonly languageId: string;
  readonly analyses: number;
  readonly latencyRequests: number;
  readonly codeActionRequests: number;
}

export type WorkerTask = LoadTask | LibraryServiceTask | DocumentTask;

export interface LoadAnswer {
  readonly kind: 'load';
  /** Reading the file and parsing it, module loading excluded. */
  readonly ms: number;
  readonly entries: number;
  readonly problems: number;
  readonly reader: string;
  readonly maxRssMB: number;
}

export interface LibraryServiceAnswer {
  readonly kind: 'library-service';
  /** Diagnostics and one completion on a probe naming the library, in a fresh process. */
  readonly ms: number;
  readonly firstHoverMs: number;
  /** Whether the probe's citation resolved against the library (false until libraries are wired in). */
  readonly wired: boolean;
  readonly completionItems: number;
  readonly maxRssMB: number;
}

export interface DocumentAnswer {
  readonly kind: 'document';
  /** First analysis in a fresh process (cold code, bibliographies read). */
  readonly coldMs: number;
  readonly firstHoverMs: number | null;
  /** Analyses of the whole document as a newly opened one (bibliographies already loaded). */
  readonly fullMs: readonly number[];
  /** Re-analyses after a one-character edit. */
  readonly editMs: readonly number[];
  readonly completionMs: readonly number[];
  readonly hoverMs: readonly number[];
  readonly codeActionMs: readonly number[];
  readonly completionItems: readonly number[];
  readonly bestFirst: { readonly ok: number; readonly total: number };
  readonly citations: number;
  readonly items: number;
  readonly diagnosticsByCode: Readonly<Record<string, number>>;
  readonly maxRssMB: number;
}

export type WorkerAnswer = LoadAnswer | LibraryServiceAnswer | DocumentAnswer;

export const ANSWER_PREFIX = 'BENCH_RESULT ';
