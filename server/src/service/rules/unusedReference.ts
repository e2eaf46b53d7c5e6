import type { Analysis } from '../analysis';
import type { ReferenceEntry } from '../model';
import { workKey } from '../resolve/workKey';
import { describeEntry } from './describe';
import { removeBibliographyEntryEdit } from './bibliographyEdits';
import { removeEntryEdit } from './listEdits';
import type { BibliographyContext, Finding, Rule } from './rule';

/**
 * Entries of a bibliography file that no document using it cites. A warning when the file serves one
 * document that names it (or is named after it); a hint when it is shared or configured as a whole library.
 */
function unusedInBibliography({ library, users }: BibliographyContext): Finding[] {
  if (users.length === 0) return [];
  const nocite = new Set(users.flatMap((a) => a.model.citations.filter((c) => c.nocite).flatMap((c) => c.items.map((i) => i.key))));
  if (nocite.has('*')) return [];
  const origin = users[0].bibliographies.find((b) => b.source.uri === library.uri)?.source.origin;
  const ownFile = users.length === 1 && (origin === 'document' || origin === 'beside');
  return library.entries
    .filter((entry) => !nocite.has(entry.key) && !users.some((a) => a.citedBy.has(entry.id)))
    .map((entry) => ({
      code: 'unused-reference' as const,
      uri: library.uri,
      ...(ownFile ? {} : { severity: 'hint' as const }),
      range: entry.keyRange ?? entry.range,
      message: `'${entry.key}' is never cited`,
      data: { entry: entry.id },
      fixes: [{ title: `Remove the entry '${entry.key}'`, edits: [removeBibliographyEntryEdit(library.uri, entry)], fixAll: false }],
    }));
}

/** Entries never cited; a second listing of a cited work is the duplicate-reference rule's concern. */
function uncited<E extends ReferenceEntry>(analysis: Analysis, entries: readonly E[]): E[] {
  const citedWorks = new Set(entries.filter((e) => analysis.citedBy.has(e.id)).map(workKey));
  return entries.filter((e) => !analysis.citedBy.has(e.id) && !citedWorks.has(workKey(e)));
}

export const unusedReference: Rule = {
  code: 'unused-reference',
  defaultSeverity: 'warning',
  check(analysis) {
    return analysis.model.lists.flatMap((list) =>
      uncited(analysis, list.entries).map((entry) => ({
        code: 'unused-reference' as const,
        range: entry.range,
        message: `${describeEntry(entry)} is never cited`,
        data: { entry: entry.id },
        fixes: [{ title: `Remove ${describeEntry(entry)} from the list`, edits: [removeEntryEdit(analysis, list, entry)], fixAll: false }],
      })),
    );
  },
  checkBibliography: unusedInBibliography,
};
