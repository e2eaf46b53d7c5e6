// One measurement in a fresh process, so that peak RSS and first-call times are its own. The task comes as
// JSON in argv[2]; the answer goes to stdout as one line after ANSWER_PREFIX. Modules are required lazily
// so that a peer's process never holds our code, nor ours citation-js.
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TextDocument as TextDocumentType } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createBenchService } from './diskWorkspace';
import { ourReader } from './ourReaders';
import { requireService } from './paths';
import { bestMatchFirst, completionCount, resolvedItems, spreadProbes } from './probes';
import { msSince } from './stats';
import {
  ANSWER_PREFIX, type DocumentAnswer, type DocumentTask, type LibraryServiceAnswer, type LibraryServiceTask, type LoadAnswer,
  type LoadTask, type WorkerAnswer, type WorkerTask,
} from './workerProtocol';

type ServiceModule = typeof import('../../server/src/service');
type TextDocumentModule = typeof import('vscode-languageserver-textdocument');

function maxRssMB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

function loadService(): { service: ServiceModule; documents: TextDocumentModule } {
  return {
    service: requireService(),
    documents: require('vscode-languageserver-textdocument') as TextDocumentModule,
  };
}

const createService = createBenchService;

async function load(task: LoadTask): Promise<LoadAnswer> {
  let parse: (text: string) => { entries: number; problems: number };
  let reader: string = task.tool;
  if (task.tool === 'ours') {
    const ours = ourReader(task.format);
    if (ours === null) throw new Error(`no reader for .${task.format} is built yet`);
    reader = ours.name;
    parse = (text) => {
      const result = ours.read(task.path, text);
      return { entries: result.entries.length, problems: result.problems.length };
    };
  } else if (task.tool === 'citation-js') {
    const { citationJsParse } = require('./citationJs') as typeof import('./citationJs');
    parse = (text) => ({ entries: citationJsParse(task.format, text).length, problems: 0 });
  } else if (task.tool === 'bibtex-parser') {
    const { parse: parseBib } = await import('@retorquere/bibtex-parser');
    parse = (text) => {
      const library = parseBib(text);
      return { entries: library.entries.length, problems: library.errors.length };
    };
  } else {
    const { bibtexParser } = await import('latex-utensils');
    parse = (text) => {
      const ast = bibtexParser.parse(text);
      return { entries: ast.content.filter((node) => bibtexParser.isEntry(node)).length, problems: 0 };
    };
  }
  const start = process.hrtime.bigint();
  const counts = parse(readFileSync(task.path, 'utf8'));
  const ms = msSince(start);
  return { kind: 'load', ms, ...counts, reader, maxRssMB: maxRssMB() };
}

function overlaps(a: Diagnostic['range'], line: number, character: number): boolean {
  const after = (l: number, c: number, l2: number, c2: number) => l > l2 || (l === l2 && c >= c2);
  return after(line, character, a.start.line, a.start.character) && after(a.end.line, a.end.character, line, character);
}

function libraryService(task: LibraryServiceTask): LibraryServiceAnswer {
  const { service: module, documents } = loadService();
  const doc = documents.TextDocument.create(pathToFileURL(task.probePath).href, 'markdown', 1, readFileSync(task.probePath, 'utf8'));
  const start = process.hrtime.bigint();
  const service = createService(module);
  const diagnostics = service.getDiagnostics(doc);
  const completion = service.getCompletions(doc, doc.positionAt(task.completionOffset));
  const ms = msSince(start);
  const first = service.analyse(doc).model.citations[0]?.items[0];
  const at = first?.keyRange?.start;
  const wired = at !== undefined && !diagnostics.some((d) => overlaps(d.range, at.line, at.character + 1));
  const hoverStart = process.hrtime.bigint();
  if (at) service.getHover(doc, { line: at.line, character: at.character + 1 });
  const firstHoverMs = msSince(hoverStart);
  return { kind: 'library-service', ms, firstHoverMs, wired, completionItems: completionCount(completion), maxRssMB: maxRssMB() };
}

/** Offset of a one-character edit in the middle of the prose: inside a word, away from citations and lists. */
function editOffset(text: string): number {
  const words = /\n[A-Z][a-z]+ [a-z]{3,} /g;
  words.lastIndex = Math.floor(text.length / 2);
  const match = words.exec(text);
  return match ? match.index + 3 : Math.floor(text.length / 2);
}

function documentRun(task: DocumentTask): DocumentAnswer {
  const { service: module, documents } = loadService();
  const { TextDocument } = documents;
  const text = readFileSync(task.path, 'utf8');
  const uri = pathToFileURL(task.path).href;
  let doc: TextDocumentType = TextDocument.create(uri, task.languageId, 1, text);

  let start = process.hrtime.bigint();
  const service = createService(module);
  const diagnostics = service.getDiagnostics(doc);
  const coldMs = msSince(start);

  const analysis = service.analyse(doc);
  const items = analysis.model.citations.flatMap((c) => c.items);
  const probes = spreadProbes(resolvedItems(analysis), task.latencyRequests);
  let firstHoverMs: number | null = null;
  if (probes.length > 0) {
    start = process.hrtime.bigint();
    service.getHover(doc, probes[0].hover);
    firstHoverMs = msSince(start);
  }

  const fullMs: number[] = [];
  for (let k = 0; k < task.analyses; k++) {
    // A newly opened document with the same text: nothing of it is cached, bibliographies are.
    const copyUri = pathToFileURL(join(dirname(task.path), `bench-copy-${k}-${basename(task.path)}`)).href;
    const copy = TextDocument.create(copyUri, task.languageId, 1, text);
    start = process.hrtime.bigint();
    service.getDiagnostics(copy);
    fullMs.push(msSince(start));
    service.forget(copyUri);
  }

  const editMs: number[] = [];
  const at = editOffset(text);
  for (let k = 0; k < task.analyses; k++) {
    const from = doc.positionAt(at);
    const change = k % 2 === 0
      ? { range: { start: from, end: from }, text: 'x' }
      : { range: { start: from, end: doc.positionAt(at + 1) }, text: '' };
    doc = TextDocument.update(doc, [change], doc.version + 1);
    start = process.hrtime.bigint();
    service.getDiagnostics(doc);
    editMs.push(msSince(start));
  }
  if (task.analyses % 2 === 1) doc = TextDocument.update(doc, [{ range: { start: doc.positionAt(at), end: doc.positionAt(at + 1) }, text: '' }], doc.version + 1);
  service.getDiagnostics(doc);

  const completionMs: number[] = [];
  const completionItems: number[] = [];
  let ok = 0;
  for (const probe of probes) {
    start = process.hrtime.bigint();
    const list = service.getCompletions(doc, probe.completion);
    completionMs.push(msSince(start));
    completionItems.push(completionCount(list));
    if (bestMatchFirst(list, probe)) ok++;
  }
  const hoverMs: number[] = [];
  for (const probe of probes) {
    start = process.hrtime.bigint();
    service.getHover(doc, probe.hover);
    hoverMs.push(msSince(start));
  }
  const codeActionMs: number[] = [];
  for (let k = 0; k < Math.min(task.codeActionRequests, diagnostics.length * 4); k++) {
    const diagnostic = diagnostics[k % diagnostics.length];
    start = process.hrtime.bigint();
    service.getCodeActions(doc, diagnostic.range);
    codeActionMs.push(msSince(start));
  }

  const diagnosticsByCode: Record<string, number> = {};
  for (const d of diagnostics) diagnosticsByCode[String(d.code)] = (diagnosticsByCode[String(d.code)] ?? 0) + 1;
  return {
    kind: 'document', coldMs, firstHoverMs, fullMs, editMs, completionMs, hoverMs, codeActionMs, completionItems,
    bestFirst: { ok, total: probes.length }, citations: analysis.model.citations.length, items: items.length,
    diagnosticsByCode, maxRssMB: maxRssMB(),
  };
}

async function main(): Promise<void> {
  const task = JSON.parse(process.argv[2] ?? '') as WorkerTask; // written by our own parent (measure.ts)
  let answer: WorkerAnswer;
  if (task.kind === 'load') answer = await load(task);
  else if (task.kind === 'library-service') answer = libraryService(task);
  else answer = documentRun(task);
  process.stdout.write(`${ANSWER_PREFIX}${JSON.stringify(answer)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exitCode = 1;
});
