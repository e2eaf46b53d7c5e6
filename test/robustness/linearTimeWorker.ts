// Runs in a worker thread for linearTime.test.ts, so that an input that never finishes can be stopped (a
// synchronous loop cannot be interrupted on the test's own thread). For each pipeline it times a half-size and a
// full-size input, interleaved, and keeps the fastest of `repeats` runs (the least disturbed by GC and the OS).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createCitationService, DEFAULT_SETTINGS } from '../../server/src/service';
import { readBibtex } from '../../server/src/service/bibliography/bibtexReader';
import { scanLatex } from '../../server/src/service/syntax/latexScanner';
import { maskLatex, maskMarkdown } from '../../server/src/service/syntax/mask';
import { scanPandoc } from '../../server/src/service/syntax/pandocScanner';

export type PipelineName = 'markdown analysis' | 'latex analysis' | 'pandoc scanner' | 'latex scanner' | 'bib reader';

export interface TimingRequest {
  /** The input: `prefix`, then `unit` repeated (and cut) to the sizes below, then `suffix`. */
  readonly prefix: string;
  readonly unit: string;
  readonly suffix: string;
  /** Characters: the half and the full size. */
  readonly sizes: readonly [number, number];
  readonly repeats: number;
  readonly pipelines: readonly PipelineName[];
}

export type WorkerMessage =
  | { readonly kind: 'progress'; readonly pipeline: PipelineName; readonly size: number }
  | { readonly kind: 'timing'; readonly pipeline: PipelineName; readonly halfMs: number; readonly fullMs: number; readonly detail: string };

const toRange = (s: number, e: number) => ({ start: { line: 0, character: s }, end: { line: 0, character: e } });

/** The whole of what an editor asks for a document: diagnostics, outline, a completion, a hover, fix-all. */
function analyse(text: string, languageId: string, uri: string): string {
  const service = createCitationService({ config: { get: () => DEFAULT_SETTINGS } });
  const document = TextDocument.create(uri, languageId, 1, text);
  const diagnostics = service.getDiagnostics(document);
  const symbols = service.getDocumentSymbols(document);
  const end = document.positionAt(text.length);
  const completions = service.getCompletions(document, end);
  const hover = service.getHover(document, document.positionAt(Math.floor(text.length / 2)));
  const fixAll = service.getFixAllEdits(document);
  return `${diagnostics.length} diagnostics, ${symbols.length} symbols, ${completions?.items.length ?? 0} completions, ${hover ? 1 : 0} hovers, ${fixAll.length} fix-all edits`;
}

const PIPELINES: Record<PipelineName, (text: string) => string> = {
  'markdown analysis': (text) => analyse(text, 'markdown', 'file:///w/long.md'),
  'latex analysis': (text) => analyse(text, 'latex', 'file:///w/long.tex'),
  'pandoc scanner': (text) => `${scanPandoc(maskMarkdown(text).text, text, toRange).length} citations`,
  'latex scanner': (text) => `${scanLatex(maskLatex(text).text, text, toRange).length} citations`,
  'bib reader': (text) => {
    // As an editor gives it and as read from disk, with every entry's ranges.
    const results = [readBibtex('/w/long.bib', text), readBibtex('/w/long.bib', Buffer.from(text, 'utf8'))];
    const ranges = results.flatMap((result) => result.entries.flatMap((entry) => [entry.range, entry.keyRange, ...entry.authorRanges])).length;
    return `${results[0].entries.length} entries, ${results[0].problems.length} problems, ${ranges} ranges (text and bytes)`;
  },
};

function repeatTo(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

// A full collection before each timed run, so that garbage left by the previous run is not charged to this one.
// (`--expose-gc` is a V8 flag a worker cannot be started with; set it at run time and fetch `gc` from a new context.)
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

function time(run: () => string): { ms: number; detail: string } {
  collectGarbage();
  const start = process.hrtime.bigint();
  const detail = run();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, detail };
}

function main(request: TimingRequest): void {
  const port = parentPort;
  if (!port) throw new Error('linearTimeWorker runs as a worker thread');
  const [halfSize, fullSize] = request.sizes;
  const half = request.prefix + repeatTo(request.unit, halfSize) + request.suffix;
  const full = request.prefix + repeatTo(request.unit, fullSize) + request.suffix;
  for (const pipeline of request.pipelines) {
    const run = PIPELINES[pipeline];
    let halfMs = Infinity;
    let fullMs = Infinity;
    let detail = '';
    for (let r = 0; r < request.repeats; r++) {
      port.postMessage({ kind: 'progress', pipeline, size: halfSize } satisfies WorkerMessage);
      halfMs = Math.min(halfMs, time(() => run(half)).ms);
      port.postMessage({ kind: 'progress', pipeline, size: fullSize } satisfies WorkerMessage);
      const timed = time(() => run(full));
      fullMs = Math.min(fullMs, timed.ms);
      detail = timed.detail;
    }
    port.postMessage({ kind: 'timing', pipeline, halfMs, fullMs, detail } satisfies WorkerMessage);
  }
}

main(workerData as TimingRequest);
