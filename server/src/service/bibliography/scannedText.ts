// What the `.bib` reader reads: a string (a file open in an editor), or a file's UTF-8 bytes as read from
// disk. Bytes are scanned as Latin-1, one character per byte: every delimiter of BibTeX is ASCII and every
// other byte is not, so the scanner finds the same structure at byte offsets, and lines break at the same
// places. Only what is used is decoded as UTF-8: the slices that hold a byte of 0x80 or above (a 35 MB file
// decoded whole costs more than reading it). Bytes are never made into one string either: the scanner reads
// them a window at a time (`chars`), since a 35 MB copy costs more than the scan on memory touched for the
// first time.
//
// Node's `Buffer` is used for its Latin-1 and UTF-8 slices: `TextDecoder('latin1')` is windows-1252, three
// times slower. Invalid UTF-8 becomes U+FFFD as it does for the whole file: slices end at ASCII bytes, which
// end any unfinished sequence in both.

const NON_ASCII = /[^\x00-\x7f]/;
/** Longer stretches are measured through the runs of non-ASCII bytes, so that positions on one long line stay linear. */
const DECODED_STRETCH = 256;
const NON_ASCII_RUNS = /[^\x00-\x7f]+/g;
/** Bytes read at once when looking for runs of non-ASCII bytes. */
const RUN_SEARCH_WINDOW = 1 << 16;
const UTF8_BOM = [0xef, 0xbb, 0xbf];

function byteOrderMarkLength(bytes: Buffer): number {
  return UTF8_BOM.every((byte, i) => bytes[i] === byte) ? UTF8_BOM.length : 0;
}

export class ScannedText {
  /**
   * Runs of non-ASCII bytes found so far when offsets count bytes: where each starts and ends, and how many
   * more bytes than UTF-16 characters the file has up to its end. Found as far as asked, for `textOffset`.
   */
  readonly #runStarts: number[] = [];
  readonly #runEnds: number[] = [];
  readonly #excessAfter: number[] = [];
  #runsSearchedTo = 0;

  private constructor(
    /** The text, when offsets count its UTF-16 characters; else null. */
    private readonly text: string | null,
    /** The bytes (without a byte order mark) when offsets count bytes; else null. */
    private readonly bytes: Buffer | null,
  ) {}

  static ofString(text: string): ScannedText {
    return new ScannedText(text, null);
  }

  /** UTF-8 bytes as a file holds them; a byte order mark is dropped, as it is from the file's text. */
  static ofBytes(bytes: Uint8Array): ScannedText {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const content = buffer.subarray(byteOrderMarkLength(buffer));
    return new ScannedText(null, content);
  }

  /** What offsets index: the text, or the bytes. */
  get content(): string | Buffer {
    return this.bytes ?? this.text ?? '';
  }

  /** Whether offsets count bytes. */
  get countsBytes(): boolean {
    return this.bytes !== null;
  }

  get length(): number {
    return this.content.length;
  }

  /** Length of a byte order mark at the start (one left in the text after the file's own was dropped). */
  get byteOrderMarkLength(): number {
    if (this.bytes !== null) return byteOrderMarkLength(this.bytes);
    return this.text?.charCodeAt(0) === 0xfeff ? 1 : 0;
  }

  /** What the scanner reads between two offsets: the text, or the bytes one character each. */
  chars(start: number, end: number): string {
    return this.bytes !== null ? this.bytes.toString('latin1', start, end) : (this.text ?? '').slice(start, end);
  }

  /** The text between two offsets, decoded. */
  slice(start: number, end: number): string {
    const chars = this.chars(start, end);
    return this.bytes === null || !NON_ASCII.test(chars) ? chars : this.bytes.toString('utf8', start, end);
  }

  /** The code point that starts at `offset`, or undefined past the end. */
  codePointAt(offset: number): number | undefined {
    if (this.bytes === null) return this.text?.codePointAt(offset);
    const byte = this.bytes[offset];
    if (byte === undefined || byte < 0x80) return byte;
    return this.bytes.toString('utf8', offset, Math.min(offset + 4, this.bytes.length)).codePointAt(0);
  }

  /** Length in UTF-16 characters of the text between two offsets. */
  textLength(start: number, end: number): number {
    if (this.bytes === null) return end - start;
    return end - start <= DECODED_STRETCH ? this.slice(start, end).length : this.textOffset(end) - this.textOffset(start);
  }

  /** Offset in the decoded text (UTF-16 characters) of an offset the scanner reads at (a byte's, for bytes). */
  textOffset(offset: number): number {
    if (this.bytes === null) return offset;
    this.#findRunsThrough(offset);
    // The last run that starts before `offset`; the excess up to the run before it, and what of it lies before `offset`.
    let low = 0;
    let high = this.#runStarts.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.#runStarts[middle] < offset) low = middle + 1;
      else high = middle;
    }
    const run = low - 1;
    if (run < 0) return offset;
    const before = run === 0 ? 0 : this.#excessAfter[run - 1];
    const runStart = this.#runStarts[run];
    const to = Math.min(offset, this.#runEnds[run]);
    return offset - before - (to - runStart - this.bytes.toString('utf8', runStart, to).length);
  }

  /** Finds runs of non-ASCII bytes a window at a time, until one past `offset` is known or the bytes end. */
  #findRunsThrough(offset: number): void {
    const bytes = this.bytes;
    if (bytes === null) return;
    const runs = NON_ASCII_RUNS;
    while (this.#runsSearchedTo <= offset && this.#runsSearchedTo < bytes.length) {
      const from = this.#runsSearchedTo;
      const windowEnd = Math.min(bytes.length, from + RUN_SEARCH_WINDOW);
      const window = bytes.toString('latin1', from, windowEnd);
      let searchedTo = windowEnd;
      runs.lastIndex = 0;
      for (let found = runs.exec(window); found !== null; found = runs.exec(window)) {
        const start = from + found.index;
        let end = from + runs.lastIndex;
        while (end < bytes.length && bytes[end] >= 0x80) end++; // a run the window's end cut
        const excess = end - start - bytes.toString('utf8', start, end).length;
        this.#runStarts.push(start);
        this.#runEnds.push(end);
        this.#excessAfter.push((this.#excessAfter.at(-1) ?? 0) + excess);
        searchedTo = Math.max(searchedTo, end);
      }
      this.#runsSearchedTo = searchedTo;
    }
  }
}
