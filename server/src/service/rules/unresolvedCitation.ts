import type { Analysis, CitedItem } from '../analysis';
import { baseName } from '../bibliography/uris';
import type { Citation, CitationItem, ReferenceEntry } from '../model';
import { alternatives, describeEntry, describeItem } from './describe';
import { insertEntryEdit } from './listEdits';
import { itemsWithStatus } from './resolutionRules';
import type { Fix, Rule } from './rule';

/** A stub entry that resolves the citation, in the list's year style; the writer completes the rest. */
function stubFix(analysis: Analysis, cited: CitedItem): Fix | null {
  const { citation, item } = cited;
  const list = analysis.model.lists[citation.listIndex];
  if (!list || item.etAl || item.authors.length === 0 || !item.year) return null;
  const bare = list.entries.filter((e) => e.shape.yearStyle === 'bare').length > list.entries.length / 2;
  const authors = item.authors.join(' & ');
  const text = bare ? `${authors}, ${item.year}. [Title].` : `${authors} (${item.year}) [Title].`;
  const asEntry: ReferenceEntry = { ...list.entries[0], authors: item.authors, year: item.year, title: '[Title]' };
  return {
    title: `Add a stub entry for '${describeItem(analysis, item)}' to the ${list.heading} list`,
    edits: [insertEntryEdit(analysis, list, text, asEntry)],
    fixAll: false,
  };
}

/** "did you mean" fixes for a key: replace it with each suggested key. */
function keyFixes(analysis: Analysis, item: CitationItem, suggestions: readonly ReferenceEntry[]): Fix[] {
  return suggestions.map((entry) => ({
    title: `Change to ${analysis.model.kind === 'latex' ? '' : '@'}${entry.key}`,
    edits: [{ uri: analysis.document.uri, range: item.keyRange!, newText: entry.key ?? '' }],
    fixAll: suggestions.length === 1,
  }));
}

function whereChecked(analysis: Analysis, citation: Citation): string {
  if (citation.listIndex >= 0) return 'the reference list';
  // An empty file (an export caught mid-write, a new library) is said to be one: every key fails against it.
  const files = analysis.bibliographies.flatMap((b) => (b.library ? [`${baseName(b.source.uri)}${b.library.entries.length === 0 ? ' (which has no entries)' : ''}`] : []));
  const own = analysis.model.keyedEntries.length > 0 ? ['the document\'s references'] : [];
  return [...own, ...files].join(', ') || 'the document';
}

function message(analysis: Analysis, citation: Citation, item: CitationItem, suggestions: readonly ReferenceEntry[]): string {
  const base = `'${describeItem(analysis, item)}' has no entry in ${whereChecked(analysis, citation)}`;
  const keyPrefix = analysis.model.kind === 'latex' ? '' : '@';
  const names = suggestions.map((e) => (item.key !== null ? `${keyPrefix}${e.key}` : describeEntry(e)));
  return suggestions.length > 0 ? `${base}; did you mean ${alternatives(names)}?` : base;
}

export const unresolvedCitation: Rule = {
  code: 'unresolved-citation',
  defaultSeverity: 'error',
  check(analysis) {
    return itemsWithStatus(analysis, 'unresolved').map((cited) => {
      const { item, citation, resolution } = cited;
      const stub = item.key === null ? stubFix(analysis, cited) : null;
      return {
        code: 'unresolved-citation',
        range: item.keyRange ?? item.range,
        message: message(analysis, citation, item, resolution.suggestions),
        data: { suggestions: resolution.suggestions.map((e) => e.id) },
        fixes: item.key !== null ? keyFixes(analysis, item, resolution.suggestions) : stub ? [stub] : [],
      };
    });
  },
};
