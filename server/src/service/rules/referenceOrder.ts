import type { Analysis } from '../analysis';
import { compareEntries } from '../entryOrder';
import type { ListEntry, ReferenceList } from '../model';
import { describeEntry } from './describe';
import type { FileEdit, Finding, Rule } from './rule';

/** Runs of entries with nothing but blank space between them; a sub-heading starts a new run. */
export function entryRuns(analysis: Analysis, list: ReferenceList): ListEntry[][] {
  const text = analysis.document.getText();
  const runs: ListEntry[][] = [];
  list.entries.forEach((entry, i) => {
    const previous = list.entries[i - 1];
    if (previous && text.slice(previous.end, entry.shape.markerStart).trim() === '') runs[runs.length - 1].push(entry);
    else runs.push([entry]);
  });
  return runs;
}

/** Rewrites a run in sorted order; each position keeps its marker and the space after it. */
function sortEdit(analysis: Analysis, run: ListEntry[]): FileEdit {
  const doc = analysis.document;
  const text = doc.getText();
  const sorted = [...run].sort(compareEntries);
  let out = '';
  run.forEach((slot, i) => {
    if (i > 0) out += text.slice(run[i - 1].end, slot.shape.markerStart);
    out += text.slice(slot.shape.markerStart, slot.start) + sorted[i].text;
  });
  return { uri: doc.uri, range: { start: doc.positionAt(run[0].shape.markerStart), end: doc.positionAt(run[run.length - 1].end) }, newText: out };
}

export const referenceOrder: Rule = {
  code: 'reference-order',
  defaultSeverity: 'information',
  check(analysis) {
    const findings: Finding[] = [];
    for (const list of analysis.model.lists) {
      for (const run of entryRuns(analysis, list)) {
        const i = run.findIndex((entry, k) => k > 0 && compareEntries(run[k - 1], entry) > 0);
        if (i < 0) continue;
        findings.push({
          code: 'reference-order',
          range: run[i].range,
          message: `${describeEntry(run[i])} should come before ${describeEntry(run[i - 1])}: the list is ordered by author, then year`,
          data: { entry: run[i].id },
          fixes: [{ title: `Sort the ${list.heading} list`, edits: [sortEdit(analysis, run)], fixAll: true }],
        });
      }
    }
    return findings;
  },
};
