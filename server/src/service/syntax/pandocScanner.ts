// Finds pandoc citations: `[@key]`, `[see @a, pp. 33-35; @b, ch. 2]`, `[-@key]`, narrative `@key` and `@key [p. 33]`.
// Follows pandoc's Markdown reader (citeKey, normalCite, textualCite, bareloc). Written by hand because we need the
// offset of every key, prefix and locator, and pandoc is not a library we can call.
import type { Citation, CitationItem, Locator } from '../model';
import { LOCATOR_START, parseLocator } from './locator';
import type { ToRange } from './referenceList';

/** A bracketed group longer than this is prose, not a citation; the bound also keeps the scan linear. */
const MAX_GROUP = 2000;

/**
 * pandoc's citation key after `@`: a letter, digit or `_`, then those and punctuation that is followed by one of
 * them (so `@smith04.` ends before the dot), `:` or `/` before `/` (URLs); or any text in braces.
 */
const KEY = /@(?:\{([^{}\n]+)\}|([\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&\-+?<>~/](?=[\p{L}\p{N}_])|[:/](?=\/))*))/uy;

/** pandoc reads `@` right after a letter or digit as text: `name@example.org` is an e-mail address. */
const AFTER_ALPHANUMERIC = /[\p{L}\p{N}\p{M}]$/u;

/**
 * Cross-references, not citations: pandoc-crossref's `@fig:x` (also `@Fig:x`) and Quarto's `@fig-x`.
 * Both tools reserve these prefixes, so no bibliography key uses them.
 */
const CROSS_REFERENCE = /^(?:(?:fig|tbl|sec|eq|lst):|(?:fig|tbl|sec|eq|lst|thm|lem|cor|prp|cnj|def|exm|exr|sol|rem|alg)-)/i;

/** Example-list markers `(@good)` at the start of a line: `@good` elsewhere refers to the example, not a work. */
const EXAMPLE_LABEL = /^[ \t]*\(@([\p{L}\p{N}_-]+)\)(?=[ \t])/gmu;

/** An autolink `<https://...>` or an HTML tag: no citation inside. */
const ANGLE_SPAN = /<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>\n]*)?)>/y;

/** A page or other locator value: `33`, `33-35`, `271--2`, `33f`, `33 ff.`; with a label also `xiv-xvi`. */
const ARABIC = String.raw`\d+(?:\s*(?:--|[-–—])\s*\d+)?(?:\s*ff?\.?)?(?![\p{L}\p{N}])`;
const ROMAN = String.raw`[ivxlcdm]+(?:\s*(?:--|[-–—])\s*[ivxlcdm]+)?(?![\p{L}\p{N}])`;
const SEPARATOR = String.raw`\s*(?:,|&|\band\b)\s*`;
const BARE_VALUES = new RegExp(`^${ARABIC}(?:${SEPARATOR}${ARABIC})*`, 'u');
const LABELLED_VALUES = new RegExp(`^\\s*(?:${ARABIC}|${ROMAN})(?:${SEPARATOR}(?:${ARABIC}|${ROMAN}))*`, 'iu');

interface KeyToken {
  /** The `-` of `-@key`, else the `@`. */
  readonly start: number;
  readonly end: number;
  readonly key: string;
  readonly keyStart: number;
  readonly keyEnd: number;
  readonly suppressAuthor: boolean;
}

/** A `;`-separated part of a bracketed group and the keys in it. */
interface Segment {
  readonly start: number;
  readonly end: number;
  readonly keys: readonly KeyToken[];
}

interface Scan {
  readonly masked: string;
  readonly text: string;
  readonly toRange: ToRange;
}

/** The note after a key, split as citeproc does: `, pp. 33-35, emphasis added`. */
export interface Note {
  readonly locator: Locator | null;
  /** The rest of the note as written (`, emphasis added`), or null. */
  readonly suffix: string | null;
  /** Offset just after the note's last non-space character; `start` when the note is empty. */
  readonly end: number;
}

/** Whether the character at `at` follows an odd run of backslashes (`\[`, `\@`, `\%`). */
export function isEscaped(masked: string, at: number): boolean {
  let backslashes = 0;
  for (let i = at - 1; i >= 0 && masked[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 1;
}

/** Offsets of the text between `start` and `end` without surrounding white space, or null when it is all space. */
function trimmedSpan(source: string, start: number, end: number): { start: number; end: number } | null {
  let from = start;
  let to = end;
  while (from < to && /\s/.test(source[from])) from++;
  while (to > from && /\s/.test(source[to - 1])) to--;
  return from < to ? { start: from, end: to } : null;
}

/** Length of the locator at the start of `rest` (`pp. 33-35`, `ch. 2`, `33`), or 0. */
function locatorLength(rest: string): number {
  const label = LOCATOR_START.exec(rest);
  if (!label) return 0;
  if (/^\d/.test(label[0])) return BARE_VALUES.exec(rest)?.[0].length ?? 0;
  const afterLabel = rest.slice(label[0].length);
  // A label is followed by a dot, a space or a number: `l'auteur` and `pages` alone are words.
  if (!/[.§¶]$/.test(label[0]) && !/^[\s\d]/.test(afterLabel)) return 0;
  const values = LABELLED_VALUES.exec(afterLabel);
  return values ? label[0].length + values[0].length : 0;
}

/**
 * Reads the note between `start` and `end`: an optional comma, a locator, then any other text. `source` is the
 * text to read (masked, with LaTeX `~` as a space) and `text` the document, for the parts as written.
 * Shared with the LaTeX scanner, whose postnotes have the same shape.
 */
export function readNote(source: string, text: string, start: number, end: number, toRange: ToRange): Note {
  const whole = trimmedSpan(source, start, end);
  if (!whole) return { locator: null, suffix: null, end: start };
  let at = whole.start;
  if (source[at] === ',') at++;
  while (at < whole.end && /\s/.test(source[at])) at++;
  const length = locatorLength(source.slice(at, whole.end));
  if (length === 0) return { locator: null, suffix: text.slice(whole.start, whole.end), end: whole.end };
  const written = text.slice(at, at + length);
  const locator: Locator = { text: written, range: toRange(at, at + length), ...parseLocator(source.slice(at, at + length)) };
  const rest = trimmedSpan(source, at + length, whole.end);
  return { locator, suffix: rest ? text.slice(rest.start, rest.end) : null, end: whole.end };
}

function readKey(masked: string, text: string, at: number): KeyToken | null {
  const suppressAuthor = masked[at] === '-';
  const atSign = suppressAuthor ? at + 1 : at;
  if (masked[atSign] !== '@' || isEscaped(masked, at)) return null;
  if (AFTER_ALPHANUMERIC.test(masked.slice(Math.max(0, at - 2), at))) return null;
  KEY.lastIndex = atSign;
  const match = KEY.exec(masked);
  if (!match) return null;
  const braced = match[1] !== undefined;
  const keyStart = atSign + (braced ? 2 : 1);
  const keyEnd = keyStart + (match[1] ?? match[2]).length;
  return { start: at, end: atSign + match[0].length, key: text.slice(keyStart, keyEnd), keyStart, keyEnd, suppressAuthor };
}

/** Where `pattern` (global) next matches in `text` from `from`, or the text's length: a scan skips to it. */
function nextOf(pattern: RegExp, text: string, from: number): number {
  pattern.lastIndex = from;
  return pattern.exec(text)?.index ?? text.length;
}

const startsKey = (masked: string, i: number): boolean => masked[i] === '@' || (masked[i] === '-' && masked[i + 1] === '@');

/** The characters `bracketPairs` acts on; a regular expression finds the next one natively. */
const BRACKET_SCAN = /[\\[\]\n]/g;

/** Matching `[` `]` pairs within a paragraph (escaped brackets are text), found in one pass. */
function bracketPairs(masked: string): Map<number, number> {
  const closeOf = new Map<number, number>();
  const open: number[] = [];
  for (let i = nextOf(BRACKET_SCAN, masked, 0); i < masked.length; i = nextOf(BRACKET_SCAN, masked, i + 1)) {
    const c = masked[i];
    if (c === '\\') i++;
    else if (c === '[') open.push(i);
    else if (c === ']') {
      const start = open.pop();
      if (start !== undefined) closeOf.set(start, i);
    } else if (c === '\n' && /^[ \t]*\r?\n/.test(masked.slice(i + 1, i + 200))) open.length = 0;
  }
  return closeOf;
}

/** Splits `start..end` at unescaped `;` and finds the keys in each part. */
function segments(scan: Scan, start: number, end: number): Segment[] {
  const found: Segment[] = [];
  let segmentStart = start;
  let keys: KeyToken[] = [];
  for (let i = start; i < end; i++) {
    const c = scan.masked[i];
    if (c === '\\') {
      i++;
    } else if (c === ';') {
      found.push({ start: segmentStart, end: i, keys });
      segmentStart = i + 1;
      keys = [];
    } else if (startsKey(scan.masked, i)) {
      const token = readKey(scan.masked, scan.text, i);
      if (token && token.end <= end) {
        keys.push(token);
        i = token.end - 1;
      }
    }
  }
  found.push({ start: segmentStart, end, keys });
  return found;
}

/** An item of `key`, its prefix from `prefixStart` to the key and its note between `noteStart` and `noteEnd`. */
function keyedItem(scan: Scan, token: KeyToken, prefixStart: number, noteStart: number, noteEnd: number): CitationItem {
  const prefix = trimmedSpan(scan.masked, prefixStart, token.start);
  const note = readNote(scan.masked, scan.text, noteStart, noteEnd, scan.toRange);
  return {
    authors: [],
    authorRanges: [],
    etAl: false,
    year: null,
    yearRange: null,
    key: token.key,
    keyRange: scan.toRange(token.keyStart, token.keyEnd),
    prefix: prefix ? scan.text.slice(prefix.start, prefix.end) : null,
    locator: note.locator,
    suffix: note.suffix,
    suppressAuthor: token.suppressAuthor,
    range: scan.toRange(prefix ? prefix.start : token.start, Math.max(note.end, token.end)),
  };
}

interface GroupItems {
  readonly items: CitationItem[];
  /** Further keys inside an item's suffix (`[@a, cited in @b]`): pandoc reads them as narrative citations. */
  readonly nested: KeyToken[];
}

/**
 * Items of `;`-separated parts, as pandoc's citeList: a part without a key joins the next part's prefix
 * (`[see; @a]`), and a last part without a key means the brackets are not a citation.
 */
function readItems(scan: Scan, parts: readonly Segment[]): GroupItems | null {
  if (parts.length === 0) return { items: [], nested: [] };
  if (parts[parts.length - 1].keys.length === 0) return null;
  const items: CitationItem[] = [];
  const nested: KeyToken[] = [];
  let prefixStart = parts[0].start;
  for (const part of parts) {
    if (part.keys.length === 0) continue;
    const [first, ...rest] = part.keys;
    nested.push(...rest);
    items.push(keyedItem(scan, first, prefixStart, first.end, part.end));
    prefixStart = part.end + 1;
  }
  return { items, nested };
}

const isCitationKey = (key: string | null): boolean => key !== null && !CROSS_REFERENCE.test(key);

function narrativeCitation(scan: Scan, token: KeyToken, items: CitationItem[], end: number): Citation {
  return {
    syntax: 'pandoc',
    form: 'narrative',
    text: scan.text.slice(token.start, end),
    range: scan.toRange(token.start, end),
    outerRange: scan.toRange(token.start, end),
    outerStart: token.start,
    outerEnd: end,
    items,
    listIndex: -1,
  };
}

function bareNarrative(scan: Scan, token: KeyToken): Citation {
  return narrativeCitation(scan, token, [keyedItem(scan, token, token.start, token.end, token.end)], token.end);
}

/**
 * `[@a; @b]`: the citation (null for cross-references only, `[@fig:x]`) and narrative citations in its suffixes;
 * null when the brackets are not a citation group.
 */
function readGroup(scan: Scan, open: number, close: number): { citation: Citation | null; nested: Citation[] } | null {
  const { masked } = scan;
  // `[^note]` is a footnote, `^[...]` an inline note whose text is prose.
  if (close - open > MAX_GROUP || masked[open + 1] === '^' || (open > 0 && masked[open - 1] === '^')) return null;
  const read = readItems(scan, segments(scan, open + 1, close));
  if (!read || read.items.length === 0) return null;
  const items = read.items.filter((item) => isCitationKey(item.key));
  const nested = read.nested.filter((token) => isCitationKey(token.key)).map((token) => bareNarrative(scan, token));
  if (items.length === 0) return { citation: null, nested };
  const inner = trimmedSpan(masked, open + 1, close) ?? { start: open + 1, end: close };
  return {
    citation: {
      syntax: 'pandoc',
      form: 'parenthetical',
      text: scan.text.slice(inner.start, inner.end),
      range: scan.toRange(inner.start, inner.end),
      outerRange: scan.toRange(open, close + 1),
      outerStart: open,
      outerEnd: close + 1,
      items,
      listIndex: -1,
    },
    nested,
  };
}

/**
 * `@key [p. 33]` and `@key [p. 33; @other]` (pandoc's bareloc): the brackets after a narrative key, on the same
 * line or the next, hold its note when their first part has no key. A link (`](` or `][`) is not a note.
 */
function readNarrative(scan: Scan, token: KeyToken, closeOf: ReadonlyMap<number, number>): Citation {
  const { masked } = scan;
  const bracket = /^[ \t]*(?:\r?\n[ \t]*)?\[/.exec(masked.slice(token.end, token.end + 200));
  const open = bracket ? token.end + bracket[0].length - 1 : -1;
  const close = closeOf.get(open);
  if (close === undefined || close - open > MAX_GROUP || masked[open + 1] === '^' || masked[close + 1] === '(' || masked[close + 1] === '[') {
    return bareNarrative(scan, token);
  }
  const [note, ...others] = segments(scan, open + 1, close);
  const rest = note.keys.length === 0 ? readItems(scan, others) : null;
  if (!rest || rest.nested.length > 0) return bareNarrative(scan, token);
  const first = keyedItem(scan, token, token.start, note.start, note.end);
  return narrativeCitation(scan, token, [first, ...rest.items.filter((item) => isCitationKey(item.key))], close + 1);
}

/**
 * The example labels `(@good)` of the whole (masked) text. A `@good` anywhere in the document refers to one, so
 * a scan of part of the document takes the labels of all of it.
 */
export function exampleLabels(masked: string): Set<string> {
  const labels = new Set<string>();
  if (!masked.includes('(@')) return labels;
  for (const match of masked.matchAll(EXAMPLE_LABEL)) labels.add(match[1]);
  return labels;
}

/**
 * Skips a link destination `](...)` after `]` at `close`: offset of its `)`, or `close` when there is none.
 * A destination holds no line break and (in practice) no `]`; stopping at `]` also keeps `](](](` linear.
 */
function linkDestinationEnd(masked: string, close: number): number {
  if (masked[close + 1] !== '(') return close;
  let depth = 0;
  for (let i = close + 1; i < masked.length; i++) {
    const c = masked[i];
    if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
    else if (c === '\n' || c === ']') return close;
  }
  return close;
}

/** The characters the citation scan acts on (`-` only before `@`). */
const CITATION_SCAN = /[\\[\]<@]|-@/g;

/**
 * All pandoc citations of the masked text (code, math, comments and front matter blanked), in document order.
 * Ranges are in `text`, which has the same offsets. `examples`: the example labels of the whole document when
 * `masked` is only part of it (by default those of `masked`).
 */
export function scanPandoc(masked: string, text: string, toRange: ToRange, examples: ReadonlySet<string> = exampleLabels(masked)): Citation[] {
  const scan: Scan = { masked, text, toRange };
  const closeOf = bracketPairs(masked);
  const found: Citation[] = [];
  for (let i = nextOf(CITATION_SCAN, masked, 0); i < masked.length; i = nextOf(CITATION_SCAN, masked, i + 1)) {
    const c = masked[i];
    if (c === '\\') {
      i++;
    } else if (c === '[') {
      const close = closeOf.get(i);
      if (close === undefined) continue;
      const group = readGroup(scan, i, close);
      if (group === null) continue;
      if (group.citation) found.push(group.citation);
      found.push(...group.nested);
      i = close;
    } else if (c === ']') {
      i = linkDestinationEnd(masked, i);
    } else if (c === '<') {
      ANGLE_SPAN.lastIndex = i;
      if (ANGLE_SPAN.test(masked)) i = ANGLE_SPAN.lastIndex - 1;
    } else if (startsKey(masked, i)) {
      const token = readKey(masked, text, i);
      if (!token) continue;
      if (isCitationKey(token.key) && !examples.has(token.key)) {
        const citation = readNarrative(scan, token, closeOf);
        found.push(citation);
        i = citation.outerEnd - 1;
      } else {
        i = token.end - 1;
      }
    }
  }
  return found.sort((a, b) => a.outerStart - b.outerStart);
}
