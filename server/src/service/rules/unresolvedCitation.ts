import type { Analysis, CitedItem } from '../analysis';
import type { CitationItem, ReferenceEntry } from '../model';
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

function message(analysis: Analysis, item: CitationItem, suggestions: readonly ReferenceEntry[], listed: boolean): string {
  const where = listed ? 'the reference list' : 'any bibliography';
  const base = `'${describeItem(analysis, item)}' has no entry in ${where}`;
  return suggestions.length > 0 ? `${base}; did you mean ${alternatives(suggestions.map(describeEntry))}?` : base;
}

export const unresolvedCitation: Rule = {
  code: 'unresolved-citation',
  defaultSeverity: 'error',
  check(analysis) {
    return itemsWithStatus(analysis, 'unresolved').map((cited) => {
      const { item, citation, resolution } = cited;
      const stub = stubFix(analysis, cited);
      return {
        code: 'unresolved-citation',
        range: item.range,
        message: message(analysis, item, resolution.suggestions, citation.listIndex >= 0),
        data: { suggestions: resolution.suggestions.map((e) => e.id) },
        fixes: stub ? [stub] : [],
      };
    });
  },
};
