// Reads one free-text reference-list entry: authors, year, title, container, editors, pages and kind.
// Written by hand because no library reads Harvard/APA entries as written by people, with offsets.
import type { EntryKind } from '../model';
import { expandRangeEnd, pageParts } from './locator';
import { isAuthorName, PARTICLES, splitNameList } from './names';

export interface ParsedSpan {
  readonly text: string;
  /** Offset inside the entry text. */
  readonly start: number;
  readonly end: number;
}

export interface ParsedEntry {
  readonly authors: readonly ParsedSpan[];
  readonly year: ParsedSpan | null;
  readonly yearStyle: 'parenthesised' | 'bare' | 'none';
  /** Offset where the author-and-year part ends (after `(1980)` or `2019.`). */
  readonly labelEnd: number;
  readonly title: string | null;
  readonly container: string | null;
  readonly editors: readonly string[];
  readonly pages: { text: string; first: number; last: number; start: number; end: number } | null;
  readonly kind: EntryKind;
}

/**
 * The year of an entry: `(1980)`, `2019.`, `(2001a)`, `n.d.`, `(forthcoming)`, `in press`. Not case-insensitive:
 * the initials `N. D.` (`Evans, N. D. and Murray, R. W.`) are no `n.d.`; upper-case `N.D.` only in brackets.
 */
const YEAR_IN_ENTRY = /(\()?\s*((?:1[5-9]\d\d|20\d\d)[a-zA-Z]?|[nN]\.\s?d\.|(?<=\()N\.\s?D\.|[Ff]orthcoming|FORTHCOMING|[Ii]n [Pp]ress|IN PRESS)(?![\p{L}\d])(?:,[^)\n]{0,40})?\s*(\))?/u;
const INITIALS = /^(?:\p{Lu}\p{Ll}?\.?(?:\s-?\s?|-\s?)?)+$/u;

/**
 * A year this far into an entry is taken as its year only when all that comes before it reads as a list of
 * names (a long author list: 14 authors of a chemistry paper); otherwise it is a year in a title or a note.
 */
const LABEL_LENGTH = 300;

/** `Jr.`, `III`: a suffix after the given names. */
const NAME_SUFFIX = /^(?:Jr|Sr|II|III|IV)\.?$/;

/** APA 7's ellipsis before the last of many authors (`. . .`, `...`, `…`). */
const ELLIPSIS = /(?:\.\s?){3}|…/gu;

/** The ellipsis as a separator, offsets kept. */
const withoutEllipsis = (part: string): string => part.replace(ELLIPSIS, (dots) => `,${' '.repeat(dots.length - 1)}`);

/**
 * Whether `part` is nothing but authors: `Jor, M. J., Wingate, J. E., ... and Murray, R. W.`, with APA's
 * `. . .` before the last author and `et al.` at the end allowed.
 */
function isAuthorList(part: string): boolean {
  const pieces = splitNameList(withoutEllipsis(part.replace(/[\s,]+et\.?\s+al\.?$/u, '')));
  return pieces.length > 0 && pieces.every((p) => INITIALS.test(p.text) || NAME_SUFFIX.test(p.text) || isAuthorName(p.text));
}

/** Splits the author part (`Smith, J., Lee, K. and Brown, T.`) into surnames with their offsets. */
export function parseAuthorList(part: string, offset: number): ParsedSpan[] {
  // Without commas there are no `Surname, Initials` pairs: `Medvedev & Medvedev`, `World Health Organization`.
  const surnamesOnly = !/[,;]/.test(part);
  const pieces: ParsedSpan[] = splitNameList(withoutEllipsis(part)).map((p) => ({ text: p.text, start: offset + p.start, end: offset + p.start + p.text.length }));

  // `Surname, Initials` pairs: drop the initials (and given names after a surname).
  if (surnamesOnly) return pieces;
  const surnames: ParsedSpan[] = [];
  let expectingGiven = false;
  for (const piece of pieces) {
    const isInitials = INITIALS.test(piece.text) || NAME_SUFFIX.test(piece.text);
    if (expectingGiven && (isInitials || /^\p{Lu}\p{Ll}+(?:\s\p{Lu}\.?)*$/u.test(piece.text))) {
      expectingGiven = false;
      continue;
    }
    if (isInitials) continue;
    // `Jane Doe` (given name first, as in the later authors of Chicago entries): keep the surname.
    const words = piece.text.split(/\s+/);
    if (surnames.length > 0 && words.length >= 2 && /^\p{Lu}\p{Ll}/u.test(words[0]) && !PARTICLES.has(words[0].toLowerCase())) {
      let firstSurnameWord = words.length - 1;
      while (firstSurnameWord > 1 && PARTICLES.has(words[firstSurnameWord - 1].toLowerCase())) firstSurnameWord--;
      const at = piece.text.indexOf(words.slice(firstSurnameWord).join(' '), words[0].length);
      surnames.push({ text: piece.text.slice(at), start: piece.start + at, end: piece.end });
      continue;
    }
    surnames.push(piece);
    expectingGiven = true;
  }
  return surnames;
}

export function parseReferenceEntry(text: string): ParsedEntry {
  const yearMatch = YEAR_IN_ENTRY.exec(text);
  if (!yearMatch || (yearMatch.index > LABEL_LENGTH && !isAuthorList(text.slice(0, yearMatch.index).replace(/[\s,.]+$/u, '')))) {
    return { authors: [], year: null, yearStyle: 'none', labelEnd: 0, title: null, container: null, editors: [], pages: null, kind: 'other' };
  }
  const yearText = yearMatch[2];
  const yearStart = yearMatch.index + yearMatch[0].indexOf(yearText, yearMatch[1] ? 1 : 0);
  const parenthesised = Boolean(yearMatch[1] && yearMatch[3]);
  const authorPart = text.slice(0, yearMatch.index).replace(/[\s,.]+$/u, '').replace(/[\s,]+et\.?\s+al\.?$/u, '');
  const authors = parseAuthorList(authorPart, 0);
  let labelEnd = yearMatch.index + yearMatch[0].length;
  if (!parenthesised) labelEnd = yearStart + yearText.length;
  const rest = text.slice(labelEnd).replace(/^[\s.,:]+/u, '');
  const { title, afterTitle, quotedOrItalic } = readTitle(rest);
  const pages = findPages(text, labelEnd);
  const container = readContainer(afterTitle);
  const editors = readEditors(afterTitle);
  return {
    authors,
    year: { text: normaliseYear(yearText), start: yearStart, end: yearStart + yearText.length },
    yearStyle: parenthesised ? 'parenthesised' : 'bare',
    labelEnd,
    title,
    container,
    editors,
    pages,
    kind: entryKind(text, afterTitle, quotedOrItalic, container, editors.length > 0, pages !== null),
  };
}

function normaliseYear(year: string): string {
  if (/^n\.\s?d\.$/i.test(year)) return 'n.d.';
  return year.toLowerCase();
}

/** The title: quoted (`'Title'`), italic (`*Title*`), or up to the first full stop. */
function readTitle(rest: string): { title: string | null; afterTitle: string; quotedOrItalic: 'quoted' | 'italic' | 'plain' } {
  const quoted = /^(['‘"“])(.+?)(['’"”])(?=[\s.,:;]|$)/u.exec(rest);
  if (quoted) return { title: quoted[2].trim(), afterTitle: rest.slice(quoted[0].length), quotedOrItalic: 'quoted' };
  const italic = /^([*_])(.+?)\1/u.exec(rest);
  if (italic) return { title: italic[2].trim(), afterTitle: rest.slice(italic[0].length), quotedOrItalic: 'italic' };
  const plain = /^(.+?)(?:[.?!](?:\s|$)|$)/u.exec(rest);
  if (plain && plain[1].trim()) return { title: plain[1].trim(), afterTitle: rest.slice(plain[0].length), quotedOrItalic: 'plain' };
  return { title: null, afterTitle: rest, quotedOrItalic: 'plain' };
}

/** The book or journal: `in *Book*`, `In S. Editor (Ed.), *Book*`, or the first italic span. */
function readContainer(afterTitle: string): string | null {
  const italic = /[*_]([^*_]+)[*_]/u.exec(afterTitle);
  if (italic) return italic[1].trim();
  const inBook = /\b[Ii]n:?\s+([^.,(]+)/u.exec(afterTitle);
  if (inBook) return inBook[1].trim();
  const journal = /^\s*([^.,(]+?),\s*\d/u.exec(afterTitle);
  return journal ? journal[1].trim() : null;
}

/** `In S. F. Cohen & A. Rabinowitch (Eds.), *Book*`: the names between the last `In` and `(Eds.)`. */
function apaEditors(afterTitle: string): string | null {
  const marker = /\((?:Eds?|eds?)\.?\)/u.exec(afterTitle);
  if (!marker) return null;
  const before = afterTitle.slice(0, marker.index);
  const at = Math.max(before.lastIndexOf('In '), before.lastIndexOf('in '), before.lastIndexOf('In: '), before.lastIndexOf('in: '));
  return at < 0 ? null : before.slice(at).replace(/^[Ii]n:?/, '').trim() || null;
}

function readEditors(afterTitle: string): string[] {
  const harvard = /\bed(?:s|ited)?\.?\s+by\s+(.+?)(?:\.\s|\.$|$)/iu.exec(afterTitle);
  const names = harvard ? harvard[1] : apaEditors(afterTitle);
  if (!names) return [];
  return parseAuthorList(names, 0).map((s) => s.text);
}

const PAGE_RANGE = String.raw`\d+\s*(?:[-–—]|--)\s*\d+`;
/** `431–456, 791–823`: ranges separated by commas. */
const PAGE_LIST = String.raw`${PAGE_RANGE}(?:\s*,\s*${PAGE_RANGE})*`;
const LABELLED_PAGES = new RegExp(String.raw`\bpp?\.\s*(${PAGE_LIST})`, 'gu');
/** A journal's `12(3), 45-67`: the pages count only at the end of the entry or before its link (`AFTER_JOURNAL_PAGES`). */
const JOURNAL_PAGES = new RegExp(String.raw`(?<!\d)\d+\s*(?:\([^)]{1,12}\))?,\s*(${PAGE_LIST})`, 'gu');
const AFTER_JOURNAL_PAGES = /\s*\.?\s*(?:$|https?:|doi)/iuy;

/**
 * A page range or a list of them: `p.50-70`, `pp. 45–67`, `pp. 431–456, 791–823`, or a journal's `12(3), 45-67`.
 * The last labelled one wins. A list keeps its parts in `text` (the page-out-of-range rule reads them); `first`
 * and `last` are its lowest and highest pages.
 */
function findPages(text: string, from: number): ParsedEntry['pages'] {
  const labelled = LABELLED_PAGES;
  const journal = JOURNAL_PAGES;
  let found: RegExpExecArray | null = null;
  labelled.lastIndex = from;
  for (let m = labelled.exec(text); m; m = labelled.exec(text)) found = m;
  if (!found) {
    // Checked after each match rather than inside the pattern, which would then read a list again from each of
    // its numbers: a later match inside a list ends where the list ends, so the search goes on from there.
    journal.lastIndex = from;
    for (let m = journal.exec(text); m && !found; m = journal.exec(text)) {
      AFTER_JOURNAL_PAGES.lastIndex = m.index + m[0].length;
      if (AFTER_JOURNAL_PAGES.test(text)) found = m;
    }
  }
  if (!found) return null;
  const start = found.index + found[0].indexOf(found[1]);
  // A range that runs backwards (`70-50`) is kept as written, for the rules to report.
  const [, firstPage, lastPage] = /^(\d+)\s*(?:[-–—]|--)\s*(\d+)/u.exec(found[1])!;
  const parts = pageParts(found[1]) ?? [{ first: Number(firstPage), last: expandRangeEnd(firstPage, lastPage) }];
  return {
    text: found[1],
    first: Math.min(...parts.map((p) => p.first)),
    last: Math.max(...parts.map((p) => p.last)),
    start,
    end: start + found[1].length,
  };
}

function entryKind(text: string, afterTitle: string, style: 'quoted' | 'italic' | 'plain', container: string | null, hasEditors: boolean, hasPages: boolean): EntryKind {
  if (/\[(?:lecture|lecture notes|seminar|presentation)\]/iu.test(text)) return 'lecture';
  if (/\[online\]|\bavailable (?:at|from)\b|\bretrieved from\b|\baccessed\b|https?:\/\//iu.test(text) && !hasPages) return 'web';
  if (hasEditors || /\b[Ii]n:?\s+[*_]/u.test(afterTitle)) return 'chapter';
  // `12(3)`, `12 (3-4)`: volume(issue), nothing parenthesised inside (with `[^)]` recheck found `0(0(0(…` cubic).
  if (container && (/(?<!\d)\d+\s*\(\d+(?!\d)[^()]{0,20}\)/u.test(afterTitle) || (style !== 'italic' && hasPages))) return 'article';
  if (style === 'italic' || /:\s*\p{Lu}/u.test(afterTitle)) return 'book';
  return 'other';
}
