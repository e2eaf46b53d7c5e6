// Library loads, each in a fresh process: our reader, citation-js, and for .bib the two BibTeX parsers,
// interleaved run by run so that the machine's state is shared fairly; then our service with the library
// wired in (diagnostics and completion ready on a probe document naming it).
import { runWorker } from './childRun';
import type { Corpora, LibraryFile } from './corpora';
import type { Profile } from './profiles';
import type { ResultRow } from './results';
import { errorText, medianRow, notMeasured, ratioRow } from './rowHelpers';
import { median } from './stats';
import type { LibraryServiceAnswer, LoadAnswer, LoadTool } from './workerProtocol';

const SECTION = 'Library load';
const TOOL_NAMES: Readonly<Record<LoadTool, string>> = {
  ours: 'Citewright reader',
  'citation-js': 'citation-js (Cite, forced type)',
  'bibtex-parser': '@retorquere/bibtex-parser',
  'latex-utensils': 'latex-utensils',
};
/** A peer slower than this gets `slowLoadRuns` runs rather than `loadRuns`. */
const SLOW_MS = 20_000;

export interface LoadOutcome {
  readonly rows: ResultRow[];
  /** Median load time and RSS by `${format}.${label}.${tool}` (tool `service` for the wired service). */
  readonly medians: Map<string, { ms: number; rssMB: number }>;
  /** Whether the service resolved a probe citation against a library file. */
  wired: boolean | null;
  /** Median first hover in a fresh process with the largest .bib wired in. */
  firstHoverWithLibraryMs: number | null;
}

function toolsFor(library: LibraryFile, profile: Profile): LoadTool[] {
  if (library.format !== 'bib') return ['ours', 'citation-js'];
  const tools: LoadTool[] = ['ours', 'citation-js', 'latex-utensils'];
  if (library.size <= profile.bibtexParserMax) tools.splice(2, 0, 'bibtex-parser');
  return tools;
}

export async function measureLoads(corpora: Corpora, profile: Profile, log: (m: string) => void): Promise<LoadOutcome> {
  const outcome: LoadOutcome = { rows: [], medians: new Map(), wired: null, firstHoverWithLibraryMs: null };
  const largestBib = Math.max(...corpora.libraries.filter((l) => l.format === 'bib').map((l) => l.size));
  for (const library of corpora.libraries) {
    const tools = toolsFor(library, profile);
    const answers = new Map<LoadTool, LoadAnswer[]>(tools.map((t) => [t, []]));
    const failures = new Map<LoadTool, string>();
    for (let run = 0; run < profile.loadRuns; run++) {
      for (const tool of tools) {
        const done = answers.get(tool) ?? [];
        if (failures.has(tool)) continue;
        if (run >= profile.slowLoadRuns && done.length > 0 && median(done.map((a) => a.ms)) > SLOW_MS) continue;
        try {
          const answer = await runWorker({ kind: 'load', tool, format: library.format, path: library.path }, profile.childTimeoutMs);
          if (answer.kind === 'load') done.push(answer);
        } catch (error) {
          failures.set(tool, errorText(error));
        }
      }
    }
    const idBase = `load.${library.format}.${library.label}`;
    const where = `${library.label} .${library.format} (${(library.bytes / 2 ** 20).toFixed(1)} MB)`;
    for (const tool of tools) {
      const done = answers.get(tool) ?? [];
      const id = `${idBase}.${tool}`;
      const what = `${where}: ${TOOL_NAMES[tool]}`;
      if (done.length === 0) {
        outcome.rows.push(notMeasured(id, SECTION, what, failures.get(tool) ?? 'not run'));
        continue;
      }
      const ms = median(done.map((a) => a.ms));
      const rssMB = median(done.map((a) => a.maxRssMB));
      outcome.medians.set(`${library.format}.${library.label}.${tool}`, { ms, rssMB });
      const entries = done[0].entries;
      const problems = done[0].problems;
      const note = [
        `${entries} entries${entries !== library.entries ? ` (of ${library.entries} written)` : ''}`,
        problems > 0 ? `${problems} problems reported` : '',
        tool === 'ours' ? done[0].reader : '',
        failures.has(tool) ? `a later run failed: ${failures.get(tool)}` : '',
      ].filter((n) => n).join('; ');
      outcome.rows.push(medianRow(id, SECTION, what, done.map((a) => a.ms), 'ms', { rssMB, note }));
    }
    const ours = outcome.medians.get(`${library.format}.${library.label}.ours`)?.ms ?? null;
    const peer = outcome.medians.get(`${library.format}.${library.label}.citation-js`)?.ms ?? null;
    outcome.rows.push(ratioRow(`${idBase}.reader-vs-citation-js`, SECTION, `${where}: citation-js time / our reader's`, peer, ours));

    // The service with the library wired in: a probe document that names it, in a fresh process.
    const probe = corpora.probes.find((p) => p.library.path === library.path);
    const serviceAnswers: LibraryServiceAnswer[] = [];
    let serviceFailure = '';
    for (let run = 0; probe && run < profile.loadRuns; run++) {
      try {
        const answer = await runWorker({ kind: 'library-service', probePath: probe.path, completionOffset: probe.completionOffset }, profile.childTimeoutMs);
        if (answer.kind === 'library-service') serviceAnswers.push(answer);
      } catch (error) {
        serviceFailure = errorText(error);
        break;
      }
    }
    const serviceId = `${idBase}.service`;
    const serviceWhat = `${where}: Citewright service, diagnostics + completion ready`;
    const wired = serviceAnswers.length > 0 && serviceAnswers.every((a) => a.wired);
    if (serviceAnswers.length > 0) outcome.wired = (outcome.wired ?? true) && wired;
    if (!wired) {
      outcome.rows.push(notMeasured(serviceId, SECTION, serviceWhat, serviceFailure || 'the service does not read this library yet'));
    } else {
      const ms = median(serviceAnswers.map((a) => a.ms));
      const rssMB = median(serviceAnswers.map((a) => a.maxRssMB));
      const firstHover = median(serviceAnswers.map((a) => a.firstHoverMs));
      if (library.format === 'bib' && library.size === largestBib) outcome.firstHoverWithLibraryMs = firstHover;
      outcome.medians.set(`${library.format}.${library.label}.service`, { ms, rssMB });
      outcome.rows.push(medianRow(serviceId, SECTION, serviceWhat, serviceAnswers.map((a) => a.ms), 'ms', {
        rssMB, note: `first hover after it ${firstHover.toFixed(1)} ms; ${serviceAnswers[0].completionItems} completion items for a key prefix`,
      }));
      outcome.rows.push(ratioRow(`${idBase}.service-vs-citation-js`, SECTION, `${where}: citation-js time / our service's`, peer, ms));
    }
    log(`loads: ${library.label} .${library.format} done`);
  }
  return outcome;
}
