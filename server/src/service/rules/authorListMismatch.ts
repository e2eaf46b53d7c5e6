import type { Range } from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';
import { citationStyleOf, citedAuthors } from '../citationStyle';
import type { CitationItem, ReferenceEntry } from '../model';
import { sameAuthor } from '../resolve/surname';
import { describeEntry, describeItem } from './describe';
import { itemsWithStatus } from './resolutionRules';
import type { Rule } from './rule';

/** The authors as cited, `et al.` included: the text the fix rewrites. */
function authorSpan(analysis: Analysis, item: CitationItem): Range {
  const doc = analysis.document;
  const start = item.authorRanges[0].start;
  let end = doc.offsetAt(item.authorRanges[item.authorRanges.length - 1].end);
  if (item.etAl) {
    const etAl = /^[\s,]*et\.?\s+al\./.exec(doc.getText().slice(end, end + 12));
    if (etAl) end += etAl[0].length;
  }
  return { start, end: doc.positionAt(end) };
}

function problem(item: CitationItem, entry: ReferenceEntry): string {
  const listed = entry.authors.length;
  if (item.etAl) return `uses et al. for ${listed === 1 ? 'one author' : `${listed} authors`}`;
  if (item.authors.length < listed) return `names ${item.authors.length} of the ${listed} authors`;
  if (item.authors.length > listed) return `names ${item.authors.length} authors where the entry has ${listed}`;
  const differing = item.authors.map((name, i) => [name, entry.authors[i]]).filter(([cited, listedName]) => !sameAuthor(cited, listedName));
  return `names ${differing.map(([c]) => c).join(', ')} where the entry has ${differing.map(([, l]) => l).join(', ')}`;
}

export const authorListMismatch: Rule = {
  code: 'author-list-mismatch',
  defaultSeverity: 'warning',
  check(analysis) {
    return itemsWithStatus(analysis, 'author-list-mismatch').map(({ citation, item, resolution }) => {
      const { entry } = resolution;
      const range = authorSpan(analysis, item);
      // The document's style is read only when a citation is to be rewritten (once per analysis).
      const rewritten = citedAuthors(entry, citation.form === 'narrative' ? 'and' : citationStyleOf(analysis).and);
      return {
        code: 'author-list-mismatch',
        range,
        message: `'${describeItem(analysis, item)}' ${problem(item, entry)}; expected '${rewritten}' for ${describeEntry(entry)}`,
        data: { entry: entry.id, authors: rewritten },
        fixes: [{ title: `Cite as '${rewritten}'`, edits: [{ uri: analysis.document.uri, range, newText: rewritten }], fixAll: true }],
      };
    });
  },
};
