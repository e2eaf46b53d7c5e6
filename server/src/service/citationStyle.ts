// How this document writes its author-date citations, so that completions and fixes write the same way:
// `Tompson 1997: p.142` or `Smith, 2019, p. 4`; `Medvedev & Medvedev` or `Jones and Brown`.
import type { Analysis } from './analysis';
import type { Position } from 'vscode-languageserver-types';
import type { Citation, CitationItem, ReferenceEntry } from './model';

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

/** What one citation item says of the style; kept per item, which is the same object while its text is unchanged. */
interface ItemStyle {
  readonly yearSeparator: string | null;
  readonly and: string | null;
  readonly pagePrefix: string | null;
}

const itemStyles = new WeakMap<CitationItem, ItemStyle>();

function itemStyle(analysis: Analysis, citation: Citation, item: CitationItem): ItemStyle | null {
  if (citation.syntax !== 'author-date' || !item.yearRange || item.authorRanges.length === 0) return null;
  const known = itemStyles.get(item);
  if (known) return known;
  const text = analysis.document.getText();
  const offset = (p: { line: number; character: number }) => analysis.document.offsetAt(p);
  const yearRange = item.yearRange;
  const parenthetical = citation.form === 'parenthetical';
  const between = (from: Position, to: Position) => text.slice(offset(from), offset(to));
  const style: ItemStyle = {
    yearSeparator: parenthetical && !item.etAl ? between(item.authorRanges[item.authorRanges.length - 1].end, yearRange.start) : null,
    and: parenthetical && item.authorRanges.length === 2 ? (/&/.test(between(item.authorRanges[0].end, item.authorRanges[1].start)) ? '&' : 'and') : null,
    pagePrefix: item.locator?.kind === 'page'
      ? between(yearRange.end, item.locator.range.start) + (/^(pp?\.?\s?)/.exec(item.locator.text)?.[1] ?? '').replace(/^pp/, 'p')
      : null,
  };
  itemStyles.set(item, style);
  return style;
}

function readCitationStyle(analysis: Analysis): CitationStyle {
  const text = analysis.document.getText();
  const offset = (p: { line: number; character: number }) => analysis.document.offsetAt(p);
  const yearSeparators: string[] = [];
  const pagePrefixes: string[] = [];
  const ands: string[] = [];
  for (const { citation, item } of analysis.items) {
    const style = itemStyle(analysis, citation, item);
    if (style?.yearSeparator != null) yearSeparators.push(style.yearSeparator);
    if (style?.and != null) ands.push(style.and);
    if (style?.pagePrefix != null) pagePrefixes.push(style.pagePrefix);
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
