// The issue's targets, each beside the number that decides it.
import type { Corpora } from './corpora';
import type { CheckOutcome } from './measureCheck';
import type { DocumentOutcome } from './measureDocuments';
import type { LoadOutcome } from './measureLoads';
import type { ServerOutcome } from './measureServer';
import { sizeLabel, type Profile } from './profiles';
import { formatNumber, type ResultRow, type TargetRow } from './results';
import { ratioRow } from './rowHelpers';

export interface Outcomes {
  readonly loads: LoadOutcome;
  readonly documents: DocumentOutcome;
  readonly server: ServerOutcome;
  readonly check: CheckOutcome;
}

function target(what: string, wanted: string, value: number | null, test: (v: number) => boolean, show: (v: number) => string, basis = ''): TargetRow {
  if (value === null || Number.isNaN(value)) return { what, target: wanted, measured: `n/a${basis ? `: ${basis}` : ''}`, met: null };
  return { what, target: wanted, measured: `${show(value)}${basis ? ` (${basis})` : ''}`, met: test(value) };
}

const ms = (v: number) => formatNumber(v, 'ms');

/** Growth rows: full analysis of the thesis at each scale, relative to 1×. */
export function growthRows(corpora: Corpora, documents: DocumentOutcome): ResultRow[] {
  const rows: ResultRow[] = [];
  const series = corpora.documents.filter((d) => d.role === 'thesis' || d.role === 'growth').sort((a, b) => a.scale - b.scale);
  const base = documents.fullMs.get(series[0]?.id ?? '') ?? null;
  for (const doc of series.slice(1)) {
    rows.push(ratioRow(`growth.${doc.scale}x`, 'Growth (full analysis)', `thesis ${doc.scale}× / 1× (${doc.words / 1000}k words, ${doc.citations} citations)`,
      documents.fullMs.get(doc.id) ?? null, base, `${doc.scale}× the text`));
  }
  return rows;
}

export function evaluateTargets(corpora: Corpora, profile: Profile, outcomes: Outcomes): TargetRow[] {
  const { loads, documents, server, check } = outcomes;
  const largest = Math.max(...profile.librarySizes);
  const label = sizeLabel(largest);
  const service = loads.medians.get(`bib.${label}.service`);
  const reader = loads.medians.get(`bib.${label}.ours`);
  const ours = service ?? reader;
  const basis = service ? 'through the service' : reader ? 'reader only: the service does not read libraries yet' : '';
  const citationJs = loads.medians.get(`bib.${label}.citation-js`);
  const thesis = corpora.documents.find((d) => d.role === 'thesis');
  const growth = corpora.documents.filter((d) => d.role === 'growth').sort((a, b) => b.scale - a.scale)[0];
  const pandocLargest = corpora.documents.find((d) => d.role === 'pandoc-thesis' && d.library === label);
  const wired = loads.wired === true;
  const completionDoc = wired && pandocLargest ? pandocLargest.id : thesis?.id;
  const completionBasis = wired ? `${label}-entry library` : `libraries not wired: thesis with its ${thesis?.listEntries}-entry list`;
  const completion = completionDoc ? server.completion.get(completionDoc) : undefined;
  const hoverDoc = completionDoc ?? '';
  const firstHover = wired ? (server.firstHoverMs.get(hoverDoc) ?? null) : server.essayFirstHoverMs;
  const growthRatio = growth && thesis ? (documents.fullMs.get(growth.id) ?? Number.NaN) / (documents.fullMs.get(thesis.id) ?? Number.NaN) : null;

  return [
    target(`load a ${label}-entry .bib`, '≤ 0.5 s', ours?.ms ?? null, (v) => v <= 500, ms, basis),
    target(`load a ${label}-entry .bib vs citation-js`, '≥ 10× faster', ours && citationJs ? citationJs.ms / ours.ms : null, (v) => v >= 10, (v) => formatNumber(v, 'x'), basis),
    target(`load a ${label}-entry .bib: peak RSS`, '≤ 300 MB', ours?.rssMB ?? null, (v) => v <= 300, (v) => formatNumber(v, 'MB'), basis),
    target('full analysis of the thesis', '≤ 50 ms', thesis ? documents.fullMs.get(thesis.id) ?? null : null, (v) => v <= 50, ms),
    target('re-analysis after a one-character edit (thesis)', '≤ 10 ms', thesis ? documents.editMs.get(thesis.id) ?? null : null, (v) => v <= 10, ms),
    target(`completion, server side (p99)`, '≤ 20 ms', completion?.p99 ?? null, (v) => v <= 20, ms, completionBasis),
    target('completion: best match first', 'every probe', completion ? completion.bestOk / Math.max(1, completion.bestTotal) * 100 : null, (v) => v === 100,
      (v) => `${v.toFixed(0)} % (${completion?.bestOk}/${completion?.bestTotal})`, completionBasis),
    target('hover, warm (server p50)', '≤ 5 ms', server.hoverWarmMs.get(hoverDoc) ?? null, (v) => v <= 5, ms, completionBasis),
    target('hover, first ever (server)', '≤ 150 ms', firstHover, (v) => v <= 150, ms, wired ? `${label}-entry library` : 'essay, in-document list'),
    target('server start to first diagnostics (essay)', '≤ 300 ms', server.startToDiagnosticsMs, (v) => v <= 300, ms),
    target(`growth from 1× to ${growth?.scale ?? '?'}× thesis`, `≤ ${((growth?.scale ?? 8) * 1.1).toFixed(1)}× time`, growthRatio, (v) => v <= (growth?.scale ?? 8) * 1.1, (v) => formatNumber(v, 'x')),
    target('citewright check vs pandoc --citeproc', 'faster', check.citewrightMs !== null && check.pandocMs !== null ? check.pandocMs / check.citewrightMs : null,
      (v) => v > 1, (v) => `pandoc takes ${formatNumber(v, 'x')} as long`, check.citewrightMs === null ? 'citewright check --bibliography not yet supported' : ''),
  ];
}
