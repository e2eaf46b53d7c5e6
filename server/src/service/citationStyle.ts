// How this document writes its author-date citations, so that completions and fixes write the same way:
// `Tompson 1997: p.142` or `Smith, 2019, p. 4`; `Medvedev & Medvedev` or `Jones and Brown`.
import type { Analysis } from './analysis';
import type { ReferenceEntry } from './model';

export interface CitationStyle {
  /** Between the authors and the year in brackets: `' '` or `', '`. */
  readonly yearSeparator: string;
  /** From the year to the page number: `': p.'`, `', p. '`, `': '`. */
  readonly pagePrefix: string;
  /** Between two authors in brackets: `'&'` or `'and'`. */
  readonly and: string;
}

const DEFAULT_STYLE: CitationStyle = { yearSeparator: ' ', pagePrefix: ': p.', and: '&' };

function mostCommon(values: string[], fallback: string): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = fallback;
  let bestCount = 0;
  for (const [value, count] of counts) if (count > bestCount) { best = value; bestCount = count; }
  return best;
}

const styles = new WeakMap<Analysis, CitationStyle>();

/** The style of an analysed document, worked out once per analysis (rules and completion both ask). */
export function citationStyleOf(analysis: Analysis): CitationStyle {
  let style = styles.get(analysis);
  if (!style) {
    style = readCitationStyle(analysis);
    styles.set(analysis, style);
  }
  return style;
}

function readCitationStyle(analysis: Analysis): CitationStyle {
  const text = analysis.document.getText();
  const offset = (p: { line: number; character: number }) => analysis.document.offsetAt(p);
  const yearSeparators: string[] = [];
  const pagePrefixes: string[] = [];
  const ands: string[] = [];
  for (const { citation, item } of analysis.items) {
    if (citation.syntax !== 'author-date' || !item.yearRange || item.authorRanges.length === 0) continue;
    if (citation.form === 'parenthetical') {
      const between = text.slice(offset(item.authorRanges[item.authorRanges.length - 1].end), offset(item.yearRange.start));
      if (!item.etAl) yearSeparators.push(between);
      if (item.authorRanges.length === 2) ands.push(/&/.test(text.slice(offset(item.authorRanges[0].end), offset(item.authorRanges[1].start))) ? '&' : 'and');
    }
    if (item.locator?.kind === 'page') {
      const before = text.slice(offset(item.yearRange.end), offset(item.locator.range.start));
      const label = /^(pp?\.?\s?)/.exec(item.locator.text)?.[1] ?? '';
      pagePrefixes.push(before + label.replace(/^pp/, 'p'));
    }
  }
  // No two-author citation yet: write `and` or `&` as the reference list does.
  if (ands.length === 0) {
    for (const entry of analysis.model.entries) {
      if (entry.authorRanges.length < 2) continue;
      ands.push(/&/.test(text.slice(offset(entry.authorRanges[0].end), offset(entry.authorRanges[1].start))) ? '&' : 'and');
    }
  }
  return {
    yearSeparator: mostCommon(yearSeparators, DEFAULT_STYLE.yearSeparator),
    pagePrefix: mostCommon(pagePrefixes, DEFAULT_STYLE.pagePrefix),
    and: mostCommon(ands, DEFAULT_STYLE.and),
  };
}

/** The author part of a citation of `entry`: `Smith`, `Smith & Jones`, `Smith et al.` */
export function citedAuthors(entry: ReferenceEntry, and: string): string {
  const names = entry.authors;
  if (names.length === 0) return entry.title ?? '';
  if (names.length === 1) return names[0];
  if (names.length === 2) return `${names[0]} ${and} ${names[1]}`;
  return `${names[0]} et al.`;
}
