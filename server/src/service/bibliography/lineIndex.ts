// Offsets to LSP positions for one text: 0-based lines, UTF-16 characters (JavaScript string offsets).
// Line breaks are \n, \r\n and \r, as in vscode-languageserver-textdocument.
import type { Position, Range } from 'vscode-languageserver-types';

/** Offset of the first character of each line of a text. */
export function lineStartsOf(text: string): Int32Array {
  if (text.indexOf('\r') === -1) {
    // Fast path for texts without carriage returns (nearly all): count, then fill, with indexOf.
    let count = 1;
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
    const starts = new Int32Array(count);
    let line = 1;
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts[line++] = at + 1;
    return starts;
  }
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (code === 10) {
      starts.push(i + 1);
    }
  }
  return Int32Array.from(starts);
}

export class LineIndex {
  /** Offset of the first character of each line. */
  private readonly lineStarts: Int32Array;
  /** Last line found: readers ask for offsets in increasing order, so the next answer is usually here. */
  private lastLine = 0;

  constructor(text: string) {
    this.lineStarts = lineStartsOf(text);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** 0-based line of an offset. */
  lineOf(offset: number): number {
    const starts = this.lineStarts;
    const guess = this.lastLine;
    if (offset >= starts[guess] && (guess + 1 >= starts.length || offset < starts[guess + 1])) return guess;
    if (guess + 2 < starts.length && offset >= starts[guess + 1] && offset < starts[guess + 2]) {
      this.lastLine = guess + 1;
      return guess + 1;
    }
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    this.lastLine = low;
    return low;
  }

  lineStart(line: number): number {
    return this.lineStarts[line];
  }

  position(offset: number): Position {
    const line = this.lineOf(offset);
    return { line, character: offset - this.lineStarts[line] };
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }
}
