// Offsets to LSP positions for one text: 0-based lines, UTF-16 characters. Offsets are JavaScript string
// offsets, or byte offsets when the `.bib` reader reads bytes (see ScannedText): then the lines are found in
// the bytes, and `lengthOf` measures the text before an offset on its line. Line breaks are \n, \r\n and \r, as in vscode-languageserver-textdocument.
import type { Position, Range } from 'vscode-languageserver-types';

const NEWLINE = 10;
const RETURN = 13;

export class LineIndex {
  /** Offset of the first character of each line found so far; `count` of them are in use. */
  private lineStarts = new Int32Array(1024);
  private count = 1;
  /** Line starts are known for every offset before this one: lines are found as far as asked, not ahead. */
  private scanned = 0;
  /** The first `\r` at or after `scanned`, or -1 when there is none; a file without any reads only `\n`. */
  private nextReturn: number;
  /** Last line found: readers ask for offsets in increasing order, so the next answer is usually here. */
  private lastLine = 0;

  /** Whether the text has a carriage return anywhere: without one, lines end at `\n` only. */
  readonly hasCarriageReturns: boolean;

  constructor(
    /** The text, or its UTF-8 bytes. */
    private readonly text: string | Uint8Array,
    /** Length in UTF-16 characters of the text between two offsets of one line. */
    private readonly lengthOf: (start: number, end: number) => number = (start, end) => end - start,
  ) {
    this.nextReturn = this.find(RETURN, 0);
    this.hasCarriageReturns = this.nextReturn !== -1;
  }

  /** Offset of the first `\n` or `\r` (`code`) at or after `from`, or -1. */
  private find(code: typeof NEWLINE | typeof RETURN, from: number): number {
    const text = this.text;
    return typeof text === 'string' ? text.indexOf(code === NEWLINE ? '\n' : '\r', from) : text.indexOf(code, from);
  }

  get lineCount(): number {
    this.findLinesThrough(this.text.length);
    return this.count;
  }

  /** Finds the starts of lines up to and including the line of `offset`. */
  private findLinesThrough(offset: number): void {
    const text = this.text;
    while (this.scanned <= offset && this.scanned < text.length) {
      const lineFeed = this.find(NEWLINE, this.scanned);
      if (this.nextReturn !== -1 && this.nextReturn < this.scanned) this.nextReturn = this.find(RETURN, this.scanned);
      let next: number;
      if (this.nextReturn !== -1 && (lineFeed === -1 || this.nextReturn < lineFeed)) {
        const after = typeof text === 'string' ? text.charCodeAt(this.nextReturn + 1) : text[this.nextReturn + 1];
        next = after === NEWLINE ? this.nextReturn + 2 : this.nextReturn + 1;
      } else if (lineFeed !== -1) {
        next = lineFeed + 1;
      } else {
        this.scanned = text.length;
        return;
      }
      if (this.count === this.lineStarts.length) {
        const larger = new Int32Array(this.lineStarts.length * 2);
        larger.set(this.lineStarts);
        this.lineStarts = larger;
      }
      this.lineStarts[this.count++] = next;
      this.scanned = next;
    }
  }

  /** 0-based line of an offset. */
  lineOf(offset: number): number {
    this.findLinesThrough(offset);
    const starts = this.lineStarts;
    const count = this.count;
    const guess = this.lastLine;
    if (offset >= starts[guess] && (guess + 1 >= count || offset < starts[guess + 1])) return guess;
    if (guess + 2 < count && offset >= starts[guess + 1] && offset < starts[guess + 2]) {
      this.lastLine = guess + 1;
      return guess + 1;
    }
    let low = 0;
    let high = count - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    this.lastLine = low;
    return low;
  }

  lineStart(line: number): number {
    while (line >= this.count && this.scanned < this.text.length) this.findLinesThrough(this.scanned);
    return this.lineStarts[line];
  }

  position(offset: number): Position {
    const line = this.lineOf(offset);
    return { line, character: this.lengthOf(this.lineStarts[line], offset) };
  }

  /**
   * Positions of `indexes` in `written`, the file's text from `offset` on (a field's value): the value's own
   * line breaks and characters are counted, so it maps back whatever the offsets count; in one pass when the
   * indexes ascend.
   */
  positionsIn(offset: number, written: string, indexes: readonly number[]): Position[] {
    const origin = this.position(offset);
    let { line, character } = origin;
    const positions: Position[] = [];
    let i = 0;
    for (const index of indexes) {
      if (index < i) {
        ({ line, character } = origin);
        i = 0;
      }
      for (; i < index; i++) {
        const code = written.charCodeAt(i);
        if (code === NEWLINE || (code === RETURN && written.charCodeAt(i + 1) !== NEWLINE)) {
          line++;
          character = 0;
        } else {
          character++;
        }
      }
      positions.push({ line, character });
    }
    return positions;
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }
}
