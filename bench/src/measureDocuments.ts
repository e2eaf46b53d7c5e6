// The service alone, per document, in fresh processes: full analysis, re-analysis after a one-character
// edit, and completion / hover / code-action latency (with the in-document list, or the named library).
import { runWorker } from './childRun';
import type { Corpora, DocumentFile } from './corpora';
import type { Profile } from './profiles';
import type { ResultRow } from './results';
import { errorText, latencyRow, medianRow, notMeasured } from './rowHelpers';
import { median } from './stats';
import type { DocumentAnswer } from './workerProtocol';

export interface DocumentOutcome {
  readonly rows: ResultRow[];
  /** Median full analysis by document id. */
  readonly fullMs: Map<string, number>;
  readonly editMs: Map<string, number>;
  readonly answers: Map<string, DocumentAnswer[]>;
}

export function describeDocument(doc: DocumentFile): string {
  const size = `${(doc.words / 1000).toFixed(doc.words < 10_000 ? 1 : 0)}k words, ${doc.citations} citations`;
  if (doc.kind === 'pandoc') return `pandoc thesis, ${doc.library} .bib (${size})`;
  if (doc.role === 'essay') return `essay (${size}, ${doc.listEntries}-entry list)`;
  return `thesis ${doc.scale}× (${size}, ${doc.listEntries}-entry list)`;
}

/** Which documents get latency probes (the others only analyses). */
function wantsLatency(doc: DocumentFile): boolean {
  return doc.role === 'thesis' || doc.role === 'pandoc-thesis' || doc.role === 'essay';
}

export async function measureDocuments(corpora: Corpora, profile: Profile, log: (m: string) => void): Promise<DocumentOutcome> {
  const outcome: DocumentOutcome = { rows: [], fullMs: new Map(), editMs: new Map(), answers: new Map() };
  const analysisRows: ResultRow[] = [];
  const latencyRows: ResultRow[] = [];
  for (const doc of corpora.documents) {
    const answers: DocumentAnswer[] = [];
    let failure = '';
    for (let run = 0; run < profile.serviceRuns; run++) {
      try {
        const answer = await runWorker({
          kind: 'document', path: doc.path, languageId: 'markdown', analyses: profile.analysesPerRun,
          latencyRequests: wantsLatency(doc) ? profile.latencyRequests : 0,
          codeActionRequests: wantsLatency(doc) ? profile.codeActionRequests : 0,
        }, profile.childTimeoutMs);
        if (answer.kind === 'document') answers.push(answer);
      } catch (error) {
        failure = errorText(error);
        break;
      }
    }
    outcome.answers.set(doc.id, answers);
    const what = describeDocument(doc);
    const id = `analysis.${doc.id}`;
    if (answers.length === 0) {
      analysisRows.push(notMeasured(`${id}.full`, 'Analysis (service)', `${what}: full analysis`, failure || 'not run'));
      continue;
    }
    const full = answers.flatMap((a) => a.fullMs);
    const edit = answers.flatMap((a) => a.editMs);
    outcome.fullMs.set(doc.id, median(full));
    outcome.editMs.set(doc.id, median(edit));
    const codes = Object.entries(answers[0].diagnosticsByCode).map(([code, n]) => `${code} ${n}`).join(', ') || 'none';
    const rssMB = Math.max(...answers.map((a) => a.maxRssMB));
    analysisRows.push(medianRow(`${id}.full`, 'Analysis (service)', `${what}: full analysis`, full, 'ms', {
      rssMB, note: `first in a fresh process ${median(answers.map((a) => a.coldMs)).toFixed(0)} ms; findings: ${codes}`,
    }));
    analysisRows.push(medianRow(`${id}.edit`, 'Analysis (service)', `${what}: re-analysis after a one-character edit`, edit, 'ms'));
    if (wantsLatency(doc)) {
      const section = 'Latency (service alone)';
      const lid = `service.${doc.id}`;
      const best = answers.reduce((acc, a) => ({ ok: acc.ok + a.bestFirst.ok, total: acc.total + a.bestFirst.total }), { ok: 0, total: 0 });
      const items = answers.flatMap((a) => a.completionItems);
      latencyRows.push(latencyRow(`${lid}.completion`, section, `${what}: completion`, answers.flatMap((a) => a.completionMs), {
        note: best.total > 0 ? `best match first ${best.ok}/${best.total}; ${items.length ? `${Math.min(...items)}–${Math.max(...items)} items` : ''}` : 'no citation to probe',
      }));
      const firstHovers = answers.map((a) => a.firstHoverMs).filter((h): h is number => h !== null);
      latencyRows.push(latencyRow(`${lid}.hover`, section, `${what}: hover, warm`, answers.flatMap((a) => a.hoverMs)));
      latencyRows.push(medianRow(`${lid}.firstHover`, section, `${what}: hover, first in the process`, firstHovers, 'ms'));
      const actions = answers.flatMap((a) => a.codeActionMs);
      latencyRows.push(actions.length > 0
        ? latencyRow(`${lid}.codeAction`, section, `${what}: code actions at a finding`, actions)
        : notMeasured(`${lid}.codeAction`, section, `${what}: code actions at a finding`, 'no findings to ask about'));
    }
    log(`documents: ${doc.id} done`);
  }
  outcome.rows.push(...analysisRows, ...latencyRows);
  return outcome;
}
