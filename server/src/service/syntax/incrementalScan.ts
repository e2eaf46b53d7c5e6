// Keeps a document's citations from one version to the next and scans again only the paragraphs an edit
// touched. Citation scanners never look across a blank line (a bracket group and the words before it stay
// within a paragraph), and whatever else they depend on in the whole document (the names a reference list makes
// known, pandoc's example labels) is their `context`, so the result equals a scan of the whole text.
import type { Range } from 'vscode-languageserver-types';
import type { Citation, CitationItem, Locator } from '../model';
import type { ToRange } from './referenceList';

/** A scanner: offsets and ranges relative to the text it is given. */
export type CitationScanner = (masked: string, text: string, toRange: ToRange) => Citation[];

function shiftRange(range: Range, lines: number): Range {
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

/** Length of the common prefix, compared a block at a time (native comparison), then character by character. */
function commonPrefix(a: string, b: string): number {
  const shorter = Math.min(a.length, b.length);
  let at = 0;
  for (let step = 1 << 16; step >= 1; step >>= 4) {
    while (at + step <= shorter && a.slice(at, at + step) === b.slice(at, at + step)) at += step;
  }
  return at;
}

/** Length of the common suffix, not reaching into the first `prefix` characters of either. */
function commonSuffix(a: string, b: string, prefix: number): number {
  const limit = Math.min(a.length, b.length) - prefix;
  let length = 0;
  for (let step = 1 << 16; step >= 1; step >>= 4) {
    while (length + step <= limit && a.slice(a.length - length - step, a.length - length) === b.slice(b.length - length - step, b.length - length)) length += step;
  }
  return length;
}

/** One version of a document as the scanners see it: the masked text and the text. */
export interface TextVersion {
  readonly masked: string;
  readonly text: string;
}

/** How a version differs from the one before it: the common prefix and suffix of the two. */
export interface VersionChange {
  readonly previous: TextVersion | null;
  readonly current: TextVersion;
  readonly prefix: number;
  readonly suffix: number;
}

/**
 * Compares a version with the one before it, in both the masked text and the text: a citation's text is taken
 * from the document, so an edit that the mask hides (`(Smith \`x\` 1999)` to `\`y\``) still changes it. Worked
 * out once per version and shared by every scan of it.
 */
export function versionChange(previous: TextVersion | null, current: TextVersion): VersionChange {
  if (previous === null) return { previous, current, prefix: 0, suffix: 0 };
  const prefix = Math.min(commonPrefix(previous.masked, current.masked), commonPrefix(previous.text, current.text));
  const suffix = Math.min(commonSuffix(previous.masked, current.masked, prefix), commonSuffix(previous.text, current.text, prefix));
  return { previous, current, prefix, suffix };
}

interface Scanned {
  /** The version scanned: a change applies when it comes from this very version. */
  readonly version: TextVersion;
  readonly context: string;
  readonly citations: readonly Citation[];
}

export class IncrementalScan {
  private last: Scanned | null = null;

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
    const rescanned = start === 0 && end === masked.length
      ? scanner(masked, text, toRange)
      : scanner(masked.slice(start, end), text.slice(start, end), relativeToRange(text.slice(start, end))).map((c) => moved(c, start, toRange(start, start).start.line));
    const kept = last?.citations ?? [];
    const citations = [
      ...kept.filter((c) => c.outerEnd <= start),
      ...rescanned,
      ...kept.filter((c) => c.outerStart >= oldEnd).map((c) => moved(c, offsetDelta, lineDelta)),
    ];
    this.last = { version: change.current, context, citations };
    return [...citations];
  }
}
