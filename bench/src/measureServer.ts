// The real server over stdio: start to first diagnostics for the essay (fresh process each time), and
// completion, hover and code-action round trips (p50/p99) on the thesis and the pandoc theses.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Corpora, DocumentFile } from './corpora';
import { createBenchService } from './diskWorkspace';
import { requireService } from './paths';
import { LspSession } from './lspSession';
import { describeDocument } from './measureDocuments';
import { bestMatchFirst, completionCount, resolvedItems, spreadProbes, type Probe } from './probes';
import type { Profile } from './profiles';
import type { ResultRow } from './results';
import { errorText, latencyRow, medianRow, notMeasured } from './rowHelpers';
import { median, msSince } from './stats';

const SECTION = 'Server over stdio';

export interface ServerOutcome {
  readonly rows: ResultRow[];
  startToDiagnosticsMs: number | null;
  essayFirstHoverMs: number | null;
  /** By document id. */
  readonly completion: Map<string, { p99: number; bestOk: number; bestTotal: number }>;
  readonly hoverWarmMs: Map<string, number>;
  readonly firstHoverMs: Map<string, number>;
  /** Unresolved-citation findings the server reported per pandoc document (to tell whether libraries are wired). */
  readonly unresolved: Map<string, number>;
}

type TextDocumentModule = typeof import('vscode-languageserver-textdocument');

/** Probe positions from the service's own model of the document (the same code the server runs). */
function probesFor(doc: DocumentFile, text: string, count: number): Probe[] {
  const module = requireService();
  const { TextDocument } = require('vscode-languageserver-textdocument') as TextDocumentModule;
  const service = createBenchService(module);
  const analysis = service.analyse(TextDocument.create(pathToFileURL(doc.path).href, 'markdown', 1, text));
  return spreadProbes(resolvedItems(analysis), count);
}

async function essayStarts(doc: DocumentFile, corpora: Corpora, profile: Profile, outcome: ServerOutcome): Promise<void> {
  const text = readFileSync(doc.path, 'utf8');
  const probe = probesFor(doc, text, 1)[0];
  const starts: number[] = [];
  const firstHovers: number[] = [];
  for (let run = 0; run < profile.serverStarts; run++) {
    const session = await LspSession.start(corpora.dir);
    try {
      const uri = await session.open(doc.path, 'markdown', text);
      await session.diagnostics(uri);
      starts.push(msSince(session.spawnedAt));
      if (probe) firstHovers.push((await session.timed(() => session.hover(uri, probe.hover), 'hover')).ms);
    } finally {
      await session.stop();
    }
  }
  outcome.startToDiagnosticsMs = median(starts);
  outcome.essayFirstHoverMs = firstHovers.length > 0 ? median(firstHovers) : null;
  outcome.rows.push(medianRow('server.essay.start', SECTION, `${describeDocument(doc)}: spawn to first diagnostics`, starts, 'ms', {
    note: 'spawn, initialize, didOpen, pull diagnostics',
  }));
  outcome.rows.push(medianRow('server.essay.firstHover', SECTION, `${describeDocument(doc)}: first hover in the process`, firstHovers, 'ms'));
}

async function latencies(doc: DocumentFile, corpora: Corpora, profile: Profile, outcome: ServerOutcome): Promise<void> {
  const text = readFileSync(doc.path, 'utf8');
  const probes = probesFor(doc, text, profile.latencyRequests);
  const what = describeDocument(doc);
  const id = `server.${doc.id}`;
  const session = await LspSession.start(corpora.dir);
  try {
    const openStart = process.hrtime.bigint();
    const uri = await session.open(doc.path, 'markdown', text);
    const diagnostics = await session.diagnostics(uri);
    const openMs = msSince(openStart);
    outcome.unresolved.set(doc.id, diagnostics.filter((d) => d.code === 'unresolved-citation').length);
    outcome.rows.push(medianRow(`${id}.open`, SECTION, `${what}: didOpen to diagnostics`, [openMs], 'ms', {
      note: `${diagnostics.length} findings, ${outcome.unresolved.get(doc.id)} unresolved-citation`,
    }));
    if (probes.length === 0) {
      outcome.rows.push(notMeasured(`${id}.completion`, SECTION, `${what}: completion`, 'no citation to probe'));
      return;
    }
    const hovers: number[] = [];
    for (const probe of probes) hovers.push((await session.timed(() => session.hover(uri, probe.hover), 'hover')).ms);
    const [firstHover, ...warmHovers] = hovers;
    outcome.firstHoverMs.set(doc.id, firstHover);
    const completions: number[] = [];
    const counts: number[] = [];
    let bestOk = 0;
    for (const probe of probes) {
      const { ms, result } = await session.timed(() => session.completion(uri, probe.completion), 'completion');
      completions.push(ms);
      counts.push(completionCount(result));
      if (bestMatchFirst(result, probe)) bestOk++;
    }
    // Typing: delete the character before the cursor, ask for completion there, put the character back.
    const afterEdit: number[] = [];
    const lines = text.split('\n');
    for (const probe of probes) {
      const at = probe.completion;
      const before = { line: at.line, character: at.character - 1 };
      const removed = lines[at.line]?.[at.character - 1] ?? '';
      await session.change(uri, { start: before, end: at }, '');
      afterEdit.push((await session.timed(() => session.completion(uri, before), 'completion after an edit')).ms);
      await session.change(uri, { start: before, end: before }, removed);
    }
    await session.diagnostics(uri);
    const actions: number[] = [];
    for (let k = 0; diagnostics.length > 0 && k < Math.min(profile.codeActionRequests, diagnostics.length * 4); k++) {
      actions.push((await session.timed(() => session.codeActions(uri, diagnostics[k % diagnostics.length]), 'code actions')).ms);
    }
    const completionRow = latencyRow(`${id}.completion`, SECTION, `${what}: completion`, completions, {
      note: `best match first ${bestOk}/${probes.length}; ${Math.min(...counts)}–${Math.max(...counts)} items`,
    });
    outcome.completion.set(doc.id, { p99: completionRow.p99 ?? Number.NaN, bestOk, bestTotal: probes.length });
    outcome.rows.push(completionRow);
    outcome.rows.push(latencyRow(`${id}.completionAfterEdit`, SECTION, `${what}: completion right after a one-character edit`, afterEdit));
    const warm = latencyRow(`${id}.hover`, SECTION, `${what}: hover, warm`, warmHovers.length > 0 ? warmHovers : [firstHover], {
      note: `first hover in the process ${firstHover.toFixed(1)} ms`,
    });
    if (warm.value !== null) outcome.hoverWarmMs.set(doc.id, warm.value);
    outcome.rows.push(warm);
    outcome.rows.push(actions.length > 0
      ? latencyRow(`${id}.codeAction`, SECTION, `${what}: code actions at a finding`, actions)
      : notMeasured(`${id}.codeAction`, SECTION, `${what}: code actions at a finding`, 'no findings to ask about'));
    if (session.stderr.trim()) outcome.rows.push(notMeasured(`${id}.stderr`, SECTION, `${what}: server stderr`, session.stderr.trim().slice(0, 160)));
  } finally {
    await session.stop();
  }
}

export async function measureServer(corpora: Corpora, profile: Profile, log: (m: string) => void): Promise<ServerOutcome> {
  const outcome: ServerOutcome = {
    rows: [], startToDiagnosticsMs: null, essayFirstHoverMs: null, completion: new Map(), hoverWarmMs: new Map(),
    firstHoverMs: new Map(), unresolved: new Map(),
  };
  const essay = corpora.documents.find((d) => d.role === 'essay');
  if (essay) {
    try {
      await essayStarts(essay, corpora, profile, outcome);
    } catch (error) {
      outcome.rows.push(notMeasured('server.essay.start', SECTION, 'essay: spawn to first diagnostics', errorText(error)));
    }
    log('server: essay starts done');
  }
  for (const doc of corpora.documents.filter((d) => d.role === 'thesis' || d.role === 'pandoc-thesis')) {
    try {
      await latencies(doc, corpora, profile, outcome);
    } catch (error) {
      outcome.rows.push(notMeasured(`server.${doc.id}.completion`, SECTION, `${describeDocument(doc)}: completion`, errorText(error)));
    }
    log(`server: ${doc.id} done`);
  }
  return outcome;
}
