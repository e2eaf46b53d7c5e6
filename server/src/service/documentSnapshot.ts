// An immutable copy of one document version, as `TextDocument.create` makes, whose line starts are worked out
// from the previous version's where the text is unchanged: finding every line of a thesis anew on each
// keystroke costs more than the rest of the edit's reading. Positions follow vscode-languageserver-textdocument
// exactly (line breaks `\r\n`, `\n`, `\r`; an offset inside a line break counts as before it).
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range } from 'vscode-languageserver-types';
import { textEnds } from './textEnds';

const CR = 13;
const LF = 10;

/** Whether a line starts at `offset` (1 or more): the character before it ends a line. */
function startsLine(text: string, offset: number): boolean {
  const before = text.charCodeAt(offset - 1);
  return before === LF || (before === CR && text.charCodeAt(offset) !== LF);
}

/** Offset of the first character of each line of a text. */
function lineStartsOf(text: string): Int32Array {
  if (text.indexOf('\r') === -1) {
    // Texts without carriage returns (nearly all): count, then fill, with indexOf.
    let count = 1;
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
    const starts = new Int32Array(count);
    let line = 1;
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts[line++] = at + 1;
    return starts;
  }
  const starts = [0];
  for (let offset = 1; offset <= text.length; offset++) if (startsLine(text, offset)) starts.push(offset);
  return Int32Array.from(starts);
}

/** Index of the first value in sorted `values` that is at least `offset`. */
function firstAtLeast(values: Int32Array, offset: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (values[middle] < offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

export class DocumentSnapshot implements TextDocument {
  private constructor(
    readonly uri: string,
    readonly languageId: string,
    readonly version: number,
    private readonly text: string,
    /** Offset of the first character of each line. */
    private readonly lineStarts: Int32Array,
  ) {}

  static create(uri: string, languageId: string, version: number, text: string): DocumentSnapshot {
    return new DocumentSnapshot(uri, languageId, version, text, lineStartsOf(text));
  }

  /** The next version of the same document: lines before and after the edit are taken over, moved. */
  static after(previous: DocumentSnapshot, languageId: string, version: number, text: string): DocumentSnapshot {
    const { prefix, suffix } = textEnds(previous.text, text);
    const oldEnd = previous.text.length - suffix;
    const newEnd = text.length - suffix;
    const old = previous.lineStarts;
    // Whether a line starts at an offset depends on the character before it and the one at it: starts below
    // the prefix are as they were, starts past the old edit's end (after a character of the common suffix)
    // move by the change in length, and the ones between are found again.
    const keptBefore = firstAtLeast(old, prefix);
    const keptAfter = firstAtLeast(old, oldEnd + 1);
    const found: number[] = [];
    for (let offset = Math.max(1, prefix); offset <= newEnd; offset++) if (startsLine(text, offset)) found.push(offset);
    const starts = new Int32Array(Math.max(1, keptBefore) + found.length + old.length - keptAfter);
    starts.set(old.subarray(0, Math.max(1, keptBefore)));
    starts.set(found, Math.max(1, keptBefore));
    const shift = text.length - previous.text.length;
    let at = Math.max(1, keptBefore) + found.length;
    for (let i = keptAfter; i < old.length; i++) starts[at++] = old[i] + shift;
    return new DocumentSnapshot(previous.uri, languageId, version, text, starts);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  getText(range?: Range): string {
    return range ? this.text.substring(this.offsetAt(range.start), this.offsetAt(range.end)) : this.text;
  }

  /** Moves an offset inside or after a line break back to before it, on the line starting at `lineStart`. */
  private beforeLineBreak(offset: number, lineStart: number): number {
    while (offset > lineStart) {
      const code = this.text.charCodeAt(offset - 1);
      if (code !== CR && code !== LF) break;
      offset--;
    }
    return offset;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(Math.min(offset, this.text.length), 0);
    const line = firstAtLeast(this.lineStarts, clamped + 1) - 1;
    const lineStart = this.lineStarts[line];
    return { line, character: this.beforeLineBreak(clamped, lineStart) - lineStart };
  }

  /** Where a line's text ends, before its line break. */
  private lineEnd(line: number): { end: number; next: number } {
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length;
    return { end: this.beforeLineBreak(next, this.lineStarts[line]), next };
  }

  getLineRange(line: number): Range {
    const starts = this.lineStarts;
    if (line >= starts.length) {
      const last = starts.length - 1;
      return { start: { line: last, character: 0 }, end: { line: last, character: this.text.length - starts[last] } };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return { start: { line, character: 0 }, end: { line, character: this.lineEnd(line).end - starts[line] } };
  }

  getEOLCharacters(line: number): string {
    if (line < 0 || line >= this.lineStarts.length) return '';
    const { end, next } = this.lineEnd(line);
    return this.text.substring(end, next);
  }

  offsetAt(position: Position): number {
    const starts = this.lineStarts;
    if (position.line >= starts.length) return this.text.length;
    if (position.line < 0) return 0;
    const lineStart = starts[position.line];
    if (position.character <= 0) return lineStart;
    const nextLineStart = position.line + 1 < starts.length ? starts[position.line + 1] : this.text.length;
    return this.beforeLineBreak(Math.min(lineStart + position.character, nextLineStart), lineStart);
  }
}
