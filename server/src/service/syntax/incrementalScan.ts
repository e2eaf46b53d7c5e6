// Keeps a document's citations from one version to the next and scans again only the paragraphs an edit
// touched. Citation scanners never look across a blank line (a bracket group and the words before it stay
// within a paragraph), and whatever else they depend on in the whole document (the names a reference list makes
// known, pandoc's example labels) is their `context`, so the result equals a scan of the whole text.
import type { Range } from 'vscode-languageserver-types';
import type { Citation, CitationItem, Locator } from '../model';
import { commonPrefix, commonSuffix, type TextEnds } from '../textEnds';
import { blankSpans } from './mask';
import type { ToRange } from './referenceList';

/** A scanner: offsets and ranges relative to the text it is given. */
export type CitationScanner = (masked: string, text: string, toRange: ToRange) => Citation[];

export function shiftRange(range: Range, lines: number): Range {
  return { start: { line: range.start.line + lines, character: range.start.character }, end: { line: range.end.line + lines, character: range.end.character } };
}

function shiftLocator(locator: Locator | null, lines: number): Locator | null {
  return locator && { ...locator, range: shiftRange(locator.range, lines) };
}

function shiftItem(item: CitationItem, lines: number): CitationItem {
  return {
    ...item,
    authorRanges: item.authorRanges.map((r) => shiftRange(r, lines)),
    yearRange: item.yearRange && shiftRange(item.yearRange, lines),
    keyRange: item.keyRange && shiftRange(item.keyRange, lines),
    locator: shiftLocator(item.locator, lines),
    range: shiftRange(item.range, lines),
  };
}

/** The citation moved `offset` characters and `lines` lines further down. */
function moved(citation: Citation, offset: number, lines: number): Citation {
  if (offset === 0 && lines === 0) return citation;
  return {
    ...citation,
    range: lines === 0 ? citation.range : shiftRange(citation.range, lines),
    outerRange: lines === 0 ? citation.outerRange : shiftRange(citation.outerRange, lines),
    outerStart: citation.outerStart + offset,
    outerEnd: citation.outerEnd + offset,
    items: lines === 0 ? citation.items : citation.items.map((i) => shiftItem(i, lines)),
  };
}

/** Line breaks as LSP counts them: `\r\n`, `\n`, and a lone `\r`. */
const LINE_BREAK = /\r\n?|\n/g;

/** Positions relative to a slice of the document that starts at a line start. */
function relativeToRange(text: string): ToRange {
  const starts = [0];
  LINE_BREAK.lastIndex = 0;
  for (let m = LINE_BREAK.exec(text); m; m = LINE_BREAK.exec(text)) starts.push(m.index + m[0].length);
  const at = (offset: number) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: offset - starts[low] };
  };
  return (start, end) => ({ start: at(start), end: at(end) });
}

function countLines(text: string, from: number, to: number): number {
  return relativeToRange(text.slice(from, to))(0, to - from).end.line;
}

export type Span = readonly [start: number, end: number];

/** One version of a document as the scanners see it. */
export interface TextVersion {
  readonly masked: string;
  readonly text: string;
  /**
   * Spans of the masked text the scanners see blank (the reference lists, whose entries are no citations), in
   * order; each starts at a line start and has only white space after it on its last line.
   */
  readonly hidden: readonly Span[];
}

/** How a version differs from the one before it. */
export interface VersionChange extends TextEnds {
  readonly previous: TextVersion | null;
  readonly current: TextVersion;
}

/**
 * The common prefix and suffix of two versions, in both the masked text and the text: a citation's text is taken
 * from the document, so an edit that the mask hides (`(Smith \`x\` 1999)` to `\`y\``) still changes it.
 */
export function commonEnds(previous: Omit<TextVersion, 'hidden'>, current: Omit<TextVersion, 'hidden'>): TextEnds {
  const prefix = Math.min(commonPrefix(previous.masked, current.masked), commonPrefix(previous.text, current.text));
  const suffix = Math.min(commonSuffix(previous.masked, current.masked, prefix), commonSuffix(previous.text, current.text, prefix));
  return { prefix, suffix };
}

/** The parts of hidden spans outside the changed text, before it and after it (in the current version's offsets). */
function hiddenOutside(hidden: readonly Span[], changeStart: number, changeEnd: number, shift: number): { before: Span[]; after: Span[] } {
  const before: Span[] = [];
  const after: Span[] = [];
  for (const [start, end] of hidden) {
    if (start < Math.min(end, changeStart)) before.push([start, Math.min(end, changeStart)]);
    if (Math.max(start, changeEnd) < end) after.push([Math.max(start, changeEnd) + shift, end + shift]);
  }
  return { before, after };
}

const sameSpan = (a: Span | undefined, b: Span | undefined) => a !== undefined && b !== undefined && a[0] === b[0] && a[1] === b[1];

/**
 * How `current` differs from `previous`, given their common ends (`commonEnds`): widened to take in whatever
 * the scanners see differently outside the edited text because a hidden span moved, grew, shrank, came or went.
 */
export function versionChange(previous: TextVersion | null, current: TextVersion, ends: TextEnds): VersionChange {
  if (previous === null) return { previous, current, prefix: 0, suffix: 0 };
  let { prefix, suffix } = ends;
  const length = current.masked.length;
  const old = hiddenOutside(previous.hidden, prefix, previous.masked.length - suffix, length - previous.masked.length);
  const now = hiddenOutside(current.hidden, prefix, length - suffix, 0);
  // Before the change, everything up to the first pair of spans that differ is seen alike; after it, everything
  // from the last such pair on.
  for (let i = 0; i < Math.max(old.before.length, now.before.length); i++) {
    if (sameSpan(old.before[i], now.before[i])) continue;
    prefix = Math.min(prefix, old.before[i]?.[0] ?? prefix, now.before[i]?.[0] ?? prefix);
    break;
  }
  for (let i = 1; i <= Math.max(old.after.length, now.after.length); i++) {
    const a = old.after[old.after.length - i];
    const b = now.after[now.after.length - i];
    if (sameSpan(a, b)) continue;
    suffix = Math.min(suffix, length - Math.max(a?.[1] ?? 0, b?.[1] ?? 0));
    break;
  }
  return { previous, current, prefix, suffix };
}

/** The whole masked text as the scanners see it: hidden spans blanked (a copy; scans read slices instead). */
export function visible(version: TextVersion): string {
  return blankSpans(version.masked, version.hidden.map(([from, to]) => [from, to]));
}

/**
 * Offset of the start of the line after the one holding `at`. Read a character at a time: the rest of the line
 * after a hidden span is white space, and searching the text for a `\r` a thesis does not have would read to its end.
 */
function nextLineStart(text: string, at: number): number {
  for (let i = at; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) return i + 1;
    if (code === 13) return text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
  }
  return text.length;
}

/**
 * The parts of `start`..`end` outside the hidden spans, each from a line start. Scanned apart, they give what a
 * scan of the text with the spans blanked gives: a hidden span starts at a line start and has only white space
 * after it on its last line, so blanked it is blank lines, which the scanners never look across. No copy of the
 * text is made (a slice of a string shares it; a blanked text would copy a thesis on every full scan).
 */
function shownParts(version: TextVersion, start: number, end: number): Array<[number, number]> {
  const parts: Array<[number, number]> = [];
  let at = start;
  for (const [from, to] of version.hidden) {
    if (to <= at) continue;
    if (from >= end) break;
    if (from > at) parts.push([at, from]);
    at = Math.max(at, nextLineStart(version.masked, to));
  }
  if (at < end) parts.push([at, end]);
  return parts;
}

interface Scanned {
  /** The version scanned: a change applies when it comes from this very version. */
  readonly version: TextVersion;
  readonly context: string;
  readonly citations: readonly Citation[];
}

/**
 * The list that serves a citation starting at `start`, by the hidden spans (the lists, in order): the first list
 * after it (each serves the text between the previous list and itself); after the last list, the last one.
 */
function servingList(start: number, lists: readonly Span[]): number {
  for (let i = 0; i < lists.length; i++) if (lists[i][0] > start) return i;
  return lists.length - 1;
}

export class IncrementalScan {
  private last: Scanned | null = null;

  /** `servedByLists`: each citation gets the list that serves it (author-date citations). */
  constructor(private readonly servedByLists: boolean) {}

  /**
   * The citations of the change's current version. `context` is whatever else the scanner depends on (the
   * names a reference list makes known): when it changes, or the last scan was not of the change's previous
   * version, everything is scanned again. `toRange` gives positions in the whole text.
   */
  scan(change: VersionChange, context: string, toRange: ToRange, scanner: CitationScanner): Citation[] {
    const { masked, text } = change.current;
    const last = this.last && this.last.context === context && this.last.version === change.previous ? this.last : null;
    const previous = last?.version.masked ?? '';
    // The changed span: what lies between the common prefix and the common suffix of the two versions.
    const { prefix, suffix } = last ? change : { prefix: 0, suffix: 0 };
    if (last && prefix === masked.length && previous.length === masked.length) return [...last.citations];
    // Widen it to whole paragraphs: a blank line (`\n\n` or `\n\r\n`) wholly inside the unchanged text on each
    // side, so that it separates paragraphs in both versions (the scanners never look across one). A paragraph
    // split or joined by the edit lies between the two, and is scanned again whole.
    const lfBefore = last && prefix >= 2 ? masked.lastIndexOf('\n\n', prefix - 2) : -1;
    const crlfBefore = last && prefix >= 3 ? masked.lastIndexOf('\n\r\n', prefix - 3) : -1;
    const before = Math.max(lfBefore, crlfBefore);
    const start = before < 0 ? 0 : masked.indexOf('\n', before + 1) + 1;
    const from = masked.length - suffix;
    const lf = last ? masked.indexOf('\n\n', from) : -1;
    const crlf = last ? masked.indexOf('\n\r\n', from) : -1;
    const after = lf < 0 ? crlf : crlf < 0 ? lf : Math.min(lf, crlf);
    const end = after < 0 ? masked.length : after + 1;
    const oldEnd = end - masked.length + previous.length;
    const offsetDelta = masked.length - previous.length;
    const lineDelta = last ? countLines(masked, start, end) - countLines(previous, start, oldEnd) : 0;
    // The whole text is scanned with the document's own positions; a part, with positions relative to it.
    const rescanned = shownParts(change.current, start, end).flatMap(([from, to]) => {
      if (from === 0) return scanner(to === masked.length ? masked : masked.slice(0, to), to === text.length ? text : text.slice(0, to), toRange);
      const part = text.slice(from, to);
      return scanner(masked.slice(from, to), part, relativeToRange(part)).map((c) => moved(c, from, toRange(from, from).start.line));
    });
    const kept = last?.citations ?? [];
    const hidden = change.current.hidden;
    // A citation keeps its object while the list serving it is the same one.
    const served = (c: Citation) => {
      const listIndex = this.servedByLists ? servingList(c.outerStart, hidden) : -1;
      return c.listIndex === listIndex ? c : { ...c, listIndex };
    };
    const citations: Citation[] = [];
    for (const c of kept) if (c.outerEnd <= start) citations.push(served(c));
    for (const c of rescanned) citations.push(served(c));
    for (const c of kept) if (c.outerStart >= oldEnd) citations.push(served(moved(c, offsetDelta, lineDelta)));
    this.last = { version: change.current, context, citations };
    return [...citations];
  }
}
