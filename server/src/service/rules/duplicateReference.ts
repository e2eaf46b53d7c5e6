import type { ReferenceEntry } from '../model';
import { workKey } from '../resolve/workKey';
import { describeEntry } from './describe';
import { removeBibliographyEntryEdit } from './bibliographyEdits';
import { removeEntryEdit } from './listEdits';
import type { BibliographyContext, Finding, Rule } from './rule';

/** Keys defined twice (reported by the reader), and one work entered under two keys. */
function bibliographyDuplicates({ library }: BibliographyContext): Finding[] {
  const findings: Finding[] = [];
  for (const problem of library.problems) {
    if (problem.kind !== 'duplicate-key') continue;
    const entry = library.entries.find((e) => e.keyRange !== null && e.keyRange.start.line === problem.range.start.line && e.keyRange.start.character === problem.range.start.character);
    findings.push({
      code: 'duplicate-reference',
      uri: library.uri,
      range: problem.range,
      message: problem.message,
      fixes: entry ? [{ title: `Remove this second entry '${entry.key}'`, edits: [removeBibliographyEntryEdit(library.uri, entry)], fixAll: false }] : [],
    });
  }
  const seen = new Map<string, ReferenceEntry>();
  for (const entry of library.entries) {
    if (entry.authors.length === 0 || entry.title === null) continue;
    const key = workKey(entry);
    const first = seen.get(key);
    if (!first) { seen.set(key, entry); continue; }
    if (first.key === entry.key) continue;
    findings.push({
      code: 'duplicate-reference',
      uri: library.uri,
      range: entry.keyRange ?? entry.range,
      message: `'${entry.key}' is the same work as '${first.key}' (line ${first.range.start.line + 1})`,
      data: { entry: entry.id, duplicateOf: first.id },
      fixes: [{ title: `Remove the entry '${entry.key}'`, edits: [removeBibliographyEntryEdit(library.uri, entry)], fixAll: false }],
    });
  }
  return findings;
}

export const duplicateReference: Rule = {
  code: 'duplicate-reference',
  defaultSeverity: 'warning',
  check(analysis) {
    const findings: Finding[] = [];
    for (const list of analysis.model.lists) {
      const seen = new Map<string, ReferenceEntry>();
      for (const entry of list.entries) {
        const key = workKey(entry);
        const first = seen.get(key);
        if (!first) { seen.set(key, entry); continue; }
        findings.push({
          code: 'duplicate-reference',
          range: entry.range,
          message: `${describeEntry(entry)} is listed twice (first on line ${first.range.start.line + 1})`,
          data: { entry: entry.id, duplicateOf: first.id },
          fixes: [{ title: 'Remove the duplicate entry', edits: [removeEntryEdit(analysis, list, entry)], fixAll: false }],
        });
      }
    }
    return findings;
  },
  checkBibliography: bibliographyDuplicates,
};
