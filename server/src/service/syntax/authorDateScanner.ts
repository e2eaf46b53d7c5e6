// Finds author-date citations: `(Tompson 1997: p.142)`, `(see Lee 2001a; Lee 2001b)`, `Taubman (2003: p.271-2)`.
// Written by hand: no library reads Harvard/APA citations in prose with offsets.
import type { Citation, CitationItem, Locator } from '../model';
import { surnameKey } from '../resolve/surname';
import { parseLocator, LOCATOR_START } from './locator';
import { DETERMINERS, isAuthorName, NAME_WORD, NOT_NAMES, PARTICLES, splitNameList, stripPossessive } from './names';
import type { ToRange } from './referenceList';

/** A year as cited: `1997`, `2001a`, `n.d.`, `forthcoming`, `in press`. No `s` suffix: `1960s` is a decade. */
const YEAR = /(?<![\p{L}\d])(?:(?:1[5-9]\d\d|20\d\d)[a-r]?|n\.\s?d\.|forthcoming|in press)(?![\p{L}\d])/iu;
const PREFIX = /^(?:see also|see, e\.g\.,?|see|e\.g\.,?|cf\.|compare|but see|as cited in|cited in|quoted in|discussed in|following)\s+/i;
const ET_AL = /[\s,]+et\.?\s+al\.?(?:'s|’s)?$/u;
const MAX_GROUP = 400;

interface Span {
  readonly text: string;
  readonly start: number;
}

export interface ScanContext {
  readonly text: string;
  /** The text with code, comments, front matter and reference lists blanked out. */
  readonly masked: string;
  readonly toRange: ToRange;
  /** Surnames and organisation names of the document's entries (surnameKey form): they let a narrative name run longer than one word. */
  readonly knownNames: ReadonlySet<string>;
}

function trimmed(text: string, start: number): Span {
  const lead = text.length - text.trimStart().length;
  return { text: text.trim(), start: start + lead };
}

/** Bracket pairs `( ... )` within a paragraph, innermost first, each found once: linear in the text. */
function* parenthesisPairs(masked: string): Generator<[number, number]> {
  const open: number[] = [];
  // A blank line: two line breaks (`\n`, `\r\n` or a lone `\r`) with nothing but spaces or tabs between them.
  const bracketOrBlankLine = /[()]|(?:\r\n|\r(?!\n)|\n)[ \t]*(?:\r\n|\r(?!\n)|\n)/g;
  for (let m = bracketOrBlankLine.exec(masked); m; m = bracketOrBlankLine.exec(masked)) {
    const i = m.index;
    if (m[0] === '(') open.push(i);
    else if (m[0] === ')') {
      const start = open.pop();
      if (start !== undefined && i - start <= MAX_GROUP) yield [start, i];
    } else open.length = 0;
  }
}

interface Year extends Span {
  /** How much text the year takes: a bare suffix `b` in `2001a, b` stands for the year `2001b`. */
  readonly length: number;
}

interface YearAndLocator {
  readonly years: Year[];
  readonly locator: Span | null;
}

/** Reads `1997`, `2001a, 2001b`, `2001a, b`, `2003: p.271-2`, `2019, p. 4` — the whole text or nothing. */
function readYearsAndLocator(part: Span): YearAndLocator | null {
  const first = YEAR.exec(part.text);
  if (!first || first.index !== 0) return null;
  const years: Year[] = [{ text: first[0], start: part.start, length: first[0].length }];
  let rest = part.text.slice(first[0].length);
  let offset = part.start + first[0].length;
  // More years of the same authors: `, 2003` or a bare suffix `, b` (a single letter before `,` or the end).
  for (let more = /^\s*,\s*(?:((?:1[5-9]\d\d|20\d\d)[a-r]?)(?![\p{L}\d])|([a-r])(?=\s*(?:,|$)))/u.exec(rest); more; more = /^\s*,\s*(?:((?:1[5-9]\d\d|20\d\d)[a-r]?)(?![\p{L}\d])|([a-r])(?=\s*(?:,|$)))/u.exec(rest)) {
    const written = more[1] ?? more[2];
    const year = more[1] ?? first[0].replace(/[a-r]$/u, '') + more[2];
    years.push({ text: year, start: offset + more[0].length - written.length, length: written.length });
    rest = rest.slice(more[0].length);
    offset += more[0].length;
  }
  if (rest.trim() === '') return { years, locator: null };
  // `: p.142`, `, p. 4`, ` p. 4`, `: 142`.
  const sep = /^\s*[:,]?\s*/.exec(rest)!;
  const locatorText = rest.slice(sep[0].length);
  const hasSeparator = /[:,]/.test(sep[0]);
  if (!LOCATOR_START.test(locatorText) || (!hasSeparator && /^\d/.test(locatorText))) return null;
  if (parseLocator(locatorText).problem && !/^(?:pp?\b|ch|para|sec)/i.test(locatorText)) return null;
  return { years, locator: trimmed(locatorText, offset + sep[0].length) };
}

/** Splits an author text (`Smith, Jones and Brown`, `Medvedev & Medvedev`) into names, or null if it is not one. */
function readAuthors(part: Span, knownNames: ReadonlySet<string>): { names: Span[]; etAl: boolean } | null {
  let text = part.text;
  let etAl = false;
  const et = ET_AL.exec(text);
  if (et) {
    etAl = true;
    text = text.slice(0, et.index);
  }
  if (text === '') return null;
  if (knownNames.has(surnameKey(text)) && isAuthorName(text)) return { names: [{ text, start: part.start }], etAl };
  const names: Span[] = [];
  for (const piece of splitNameList(text)) {
    if (!isAuthorName(piece.text)) return null;
    names.push({ text: piece.text, start: part.start + piece.start });
  }
  if (names.length === 0) return null;
  return { names, etAl };
}

function locatorOf(span: Span | null, toRange: ToRange): Locator | null {
  if (!span) return null;
  const parsed = parseLocator(span.text);
  return { text: span.text, range: toRange(span.start, span.start + span.text.length), ...parsed };
}

function makeItems(
  authors: { names: Span[]; etAl: boolean },
  yl: YearAndLocator,
  prefix: string | null,
  itemStart: number,
  toRange: ToRange,
): CitationItem[] {
  const locator = locatorOf(yl.locator, toRange);
  return yl.years.map((year, i) => {
    const last = i === yl.years.length - 1;
    const end = last && yl.locator ? yl.locator.start + yl.locator.text.length : year.start + year.length;
    return {
      authors: authors.names.map((n) => stripPossessive(n.text)),
      authorRanges: authors.names.map((n) => toRange(n.start, n.start + stripPossessive(n.text).length)),
      etAl: authors.etAl,
      year: year.text.replace(/^n\.\s?d\.$/i, 'n.d.').toLowerCase(),
      yearRange: toRange(year.start, year.start + year.length),
      key: null,
      keyRange: null,
      prefix,
      locator: last ? locator : null,
      range: toRange(i === 0 ? itemStart : year.start, end),
    };
  });
}

/** One `;`-separated part of a parenthetical citation: `see Smith et al. 2019, p. 4`. */
function readParentheticalItem(part: Span, ctx: ScanContext): CitationItem[] | null {
  let span = part;
  let prefix: string | null = null;
  const p = PREFIX.exec(span.text);
  if (p) {
    prefix = p[0].trim();
    span = { text: span.text.slice(p[0].length), start: span.start + p[0].length };
  }
  const year = YEAR.exec(span.text);
  if (!year || year.index === 0) return null;
  const authorText = span.text.slice(0, year.index).replace(/[\s,]+$/u, '');
  const authors = readAuthors({ text: authorText, start: span.start }, ctx.knownNames);
  if (!authors) return null;
  const yl = readYearsAndLocator({ text: span.text.slice(year.index), start: span.start + year.index });
  if (!yl) return null;
  return makeItems(authors, yl, prefix, span.start, ctx.toRange);
}

function readParenthetical(open: number, close: number, ctx: ScanContext): Citation | null {
  const inner = trimmed(ctx.masked.slice(open + 1, close), open + 1);
  if (inner.text === '') return null;
  const items: CitationItem[] = [];
  let start = 0;
  for (const piece of inner.text.split(';')) {
    const part = trimmed(piece, inner.start + start);
    start += piece.length + 1;
    const read = readParentheticalItem(part, ctx);
    if (!read) return null;
    items.push(...read);
  }
  return {
    syntax: 'author-date',
    form: 'parenthetical',
    text: ctx.text.slice(inner.start, inner.start + inner.text.length),
    range: ctx.toRange(inner.start, inner.start + inner.text.length),
    outerRange: ctx.toRange(open, close + 1),
    outerStart: open,
    outerEnd: close + 1,
    items,
    listIndex: -1,
  };
}

interface Word {
  readonly text: string;
  readonly start: number;
}

/**
 * The words just before `end`, nearest first, stopping at sentence punctuation other than `,` `&` and `.` of
 * initials, and at a blank line: the words of the previous paragraph (`the` in `the\n\nSmith (1999)`) are not
 * read, as the incremental scan rescans a paragraph without the ones before it.
 */
function wordsBefore(masked: string, end: number, count: number): Word[] {
  const words: Word[] = [];
  let i = end;
  while (words.length < count) {
    let j = i;
    let lineBreaks = 0;
    while (j > 0) {
      const c = masked[j - 1];
      // `\n`, `\r\n` and a lone `\r` each end a line.
      if (c === '\n' || (c === '\r' && masked[j] !== '\n')) lineBreaks++;
      else if (c !== ' ' && c !== '\t' && c !== '\r') break;
      j--;
    }
    // Two line breaks with only white space between them: a blank line.
    if (j === 0 || lineBreaks >= 2) break;
    let k = j;
    while (k > 0 && !/[\s(\[{"“”]/u.test(masked[k - 1])) k--;
    if (k === j) break;
    words.push({ text: masked.slice(k, j), start: k });
    i = k;
  }
  return words;
}

/** Reads the name(s) before a narrative citation's bracket: `Van Goudoever`, `Smith and Jones`, `Smith et al.'s`. */
function readNarrativeAuthors(open: number, ctx: ScanContext): { names: Span[]; etAl: boolean; start: number } | null {
  const words = wordsBefore(ctx.masked, open, 12);
  if (words.length === 0 || open - (words[0].start + words[0].text.length) > 1) return null;
  let w = 0;
  let etAl = false;
  if (/^al\.?(?:'s|’s)?$/u.test(words[0].text) && /^et\.?$/.test(words[1]?.text ?? '')) {
    etAl = true;
    w = 2;
  }
  const names: Span[] = [];
  for (;;) {
    const name = readNameBackwards(words, w, ctx.knownNames, names.length === 0 && !etAl);
    if (!name) break;
    names.unshift(name.span);
    w = name.next;
    const joiner = words[w]?.text;
    // `Smith and Jones`; then `Smith, Jones and Brown` when the word before the comma is a listed author
    // (otherwise `In Paris, Smith and Jones (2019)` would cite Paris).
    if ((joiner === 'and' || joiner === '&') && names.length === 1 && !etAl) { w++; continue; }
    if (joiner?.endsWith(',') && names.length >= 2 && ctx.knownNames.has(surnameKey(joiner.slice(0, -1)))) continue;
    break;
  }
  if (names.length === 0) return null;
  if (!names.some((n) => ctx.knownNames.has(surnameKey(n.text))) && namesAThing(words, w)) return null;
  return { names, etAl, start: names[0].start };
}

/**
 * `the Secret Speech (1956)`: capitalised words after a determiner name a thing, not an author.
 * `words[from]` is the first word before the name (words run backwards).
 */
function namesAThing(words: Word[], from: number): boolean {
  let i = from;
  while (i < from + 3 && words[i] && NAME_WORD.test(words[i].text)) i++;
  return words[i] !== undefined && DETERMINERS.has(words[i].text.toLowerCase());
}

/**
 * One name ending at `words[from]` (words run backwards). A single capitalised word with its particles,
 * or a longer run of capitalised words when that run is a known author (`World Health Organization`).
 */
function readNameBackwards(words: Word[], from: number, knownNames: ReadonlySet<string>, possessiveAllowed: boolean): { span: Span; next: number } | null {
  const first = words[from];
  if (!first) return null;
  let lastText = first.text.replace(/,$/, '');
  if (possessiveAllowed) lastText = stripPossessive(lastText);
  else if (lastText !== first.text.replace(/,$/, '')) return null;
  if (!NAME_WORD.test(lastText) || /\.$/.test(lastText)) return null;
  let startIndex = from;
  // Particles: `Van Goudoever`, `de Beauvoir`, `von Neumann`.
  while (words[startIndex + 1] && PARTICLES.has(words[startIndex + 1].text.toLowerCase())) startIndex++;
  // A longer known name wins: `World Health Organization`.
  for (let longer = Math.min(words.length - 1, from + 5); longer > startIndex; longer--) {
    const candidate = ctxJoin(words, longer, from, lastText);
    if (knownNames.has(surnameKey(candidate)) && isAuthorName(candidate)) {
      startIndex = longer;
      break;
    }
  }
  const text = ctxJoin(words, startIndex, from, lastText);
  if (startIndex === from && NOT_NAMES.has(lastText)) return null;
  return { span: { text, start: words[startIndex].start }, next: startIndex + 1 };
}

/** The words from index `startIndex` down to `from` (backwards list), joined as written. */
function ctxJoin(words: Word[], startIndex: number, from: number, lastText: string): string {
  const parts: string[] = [];
  for (let i = startIndex; i > from; i--) parts.push(words[i].text);
  parts.push(lastText);
  return parts.join(' ');
}

function readNarrative(open: number, close: number, ctx: ScanContext): Citation | null {
  const inner = trimmed(ctx.masked.slice(open + 1, close), open + 1);
  const yl = readYearsAndLocator(inner);
  if (!yl) return null;
  const authors = readNarrativeAuthors(open, ctx);
  if (!authors) return null;
  const items = makeItems(authors, yl, null, authors.start, ctx.toRange);
  return {
    syntax: 'author-date',
    form: 'narrative',
    text: ctx.text.slice(authors.start, close + 1),
    range: ctx.toRange(authors.start, close + 1),
    outerRange: ctx.toRange(authors.start, close + 1),
    outerStart: authors.start,
    outerEnd: close + 1,
    items,
    listIndex: -1,
  };
}

/** All author-date citations of the masked text, in document order. */
export function scanAuthorDate(ctx: ScanContext): Citation[] {
  const found: Citation[] = [];
  for (const [open, close] of parenthesisPairs(ctx.masked)) {
    const citation = readParenthetical(open, close, ctx) ?? readNarrative(open, close, ctx);
    if (citation) found.push(citation);
  }
  return found.sort((a, b) => a.outerStart - b.outerStart);
}
