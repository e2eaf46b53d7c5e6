// Shared wording for messages: how a citation item and an entry are named.
import type { Analysis } from '../analysis';
import type { CitationItem, ReferenceEntry } from '../model';

/** The item as the writer cited it, without locator: `Breslaur 1980`, `Smith et al. 2019`, `@key`, `\cite{key}`. */
export function describeItem(analysis: Analysis, item: CitationItem): string {
  if (item.key !== null) return analysis.model.kind === 'latex' ? item.key : `@${item.key}`;
  const doc = analysis.document;
  const first = item.authorRanges[0];
  const last = item.authorRanges[item.authorRanges.length - 1];
  const authors = first && last ? doc.getText({ start: first.start, end: last.end }) : '';
  return `${authors}${item.etAl ? ' et al.' : ''} ${item.year ?? ''}`.trim();
}

/** An entry as messages name it: its text up to the year, `Breslauer, G. W. (1980)`. */
export function describeEntry(entry: ReferenceEntry): string {
  return entry.label || entry.text.slice(0, 60);
}

/** `A`, `A or B`, `A, B or C`. */
export function alternatives(names: readonly string[], word = 'or'): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} ${word} ${names[names.length - 1]}`;
}
