// CSL-JSON files (`.json`): an array of CSL items, each with its range. A broken item is a problem at its
// line; reading resumes at the next line that opens an item at the same indentation.
import type { BibliographyEntry, BibliographyProblem, BibliographyReadResult, ReadOptions } from './bibliographyEntry';
import { entryId } from './bibliographyEntry';
import { cslEntryBuilder } from './cslItemEntry';
import { parseJsonValue, skipJsonSpace } from './jsonPositions';
import { LineIndex } from './lineIndex';
import { PositionedSyntaxError } from './positionedValue';
import type { PositionedValue } from './positionedValue';

export function readCslJson(path: string, text: string, options?: ReadOptions): BibliographyReadResult {
  return new CslJsonReader(path, text, options).read();
}

class CslJsonReader {
  private readonly lines: LineIndex;
  private readonly entries: BibliographyEntry[] = [];
  private readonly problems: BibliographyProblem[] = [];
  private readonly build: ReturnType<typeof cslEntryBuilder>;

  constructor(
    path: string,
    private readonly text: string,
    private readonly options: ReadOptions | undefined,
  ) {
    this.lines = new LineIndex(text);
    this.build = cslEntryBuilder({ path, text, lines: this.lines, format: 'csl-json' });
  }

  read(): BibliographyReadResult {
    const text = this.text;
    const start = skipJsonSpace(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
    const code = text.charCodeAt(start);
    if (code === 91) this.readItems(start + 1);
    else if (code === 123) this.readItem(start);
    else if (start < text.length) this.report(start, 'The file is not a list of CSL items: expected a JSON array (`[`)');
    return { entries: this.entries, problems: this.problems };
  }

  private where(offset: number): string {
    const position = this.lines.position(offset);
    return `line ${position.line + 1}, column ${position.character + 1}`;
  }

  /** Reports a broken item, at the line where it starts. */
  private reportItem(at: number, reason: string, stoppedAt?: number): void {
    const stopped = stoppedAt === undefined ? '' : ` (${this.where(stoppedAt)})`;
    this.report(at, `The item at line ${this.lines.lineOf(at) + 1} cannot be read: ${reason}${stopped}. It is skipped; the other items still load.`, stoppedAt);
  }

  /** Reports a problem from `at` to the end of its line. */
  private report(at: number, message: string, stoppedAt?: number): void {
    const line = this.lines.lineOf(at);
    const lineEnd = line + 1 < this.lines.lineCount ? this.lines.lineStart(line + 1) : this.text.length;
    const end = Math.max(at + 1, this.text.slice(at, lineEnd).trimEnd().length + at);
    this.problems.push({
      kind: 'syntax',
      message,
      range: this.lines.range(at, Math.min(end, this.text.length)),
      related: stoppedAt === undefined ? null : { message: 'Reading stopped here', range: this.lines.range(stoppedAt, stoppedAt) },
    });
  }

  /** Parses one item at `start`; returns it, or null after reporting it. */
  private readItem(start: number): PositionedValue | null {
    try {
      const value = parseJsonValue(this.text, start);
      if (value.kind !== 'object') {
        this.reportItem(start, 'a CSL item must be a JSON object');
      } else {
        this.entries.push(this.build(value, entryId(this.options, this.entries.length)));
      }
      return value;
    } catch (error) {
      if (!(error instanceof PositionedSyntaxError)) throw error;
      this.reportItem(start, error.reason, error.offset);
      return null;
    }
  }

  /** The next line after `start`'s line that opens an object at the same column, or -1. */
  private resynchronise(start: number): number {
    const line = this.lines.lineOf(start);
    const column = start - this.lines.lineStart(line);
    if (this.text.slice(this.lines.lineStart(line), start).trim() !== '') return -1;
    for (let next = line + 1; next < this.lines.lineCount; next++) {
      const candidate = this.lines.lineStart(next) + column;
      if (this.text.charCodeAt(candidate) === 123 && this.text.slice(this.lines.lineStart(next), candidate).trim() === '') return candidate;
    }
    return -1;
  }

  private readItems(offset: number): void {
    const text = this.text;
    let position = skipJsonSpace(text, offset);
    if (text.charCodeAt(position) === 93) return;
    for (;;) {
      const item = this.readItem(position);
      if (item === null) {
        const next = this.resynchronise(position);
        if (next === -1) return;
        position = next;
        continue;
      }
      position = skipJsonSpace(text, item.end);
      const code = text.charCodeAt(position);
      if (code === 93) return;
      if (code === 44) {
        position = skipJsonSpace(text, position + 1);
        if (text.charCodeAt(position) === 93) {
          this.report(position, "Invalid JSON: a ',' after the last item.");
          return;
        }
      } else if (code === 123) {
        this.report(position, "Invalid JSON: expected ',' between items.");
      } else {
        this.report(position, position >= text.length ? "Invalid JSON: the list is not closed with ']'." : `Invalid JSON: expected ',' or ']', found '${text[position]}'.`);
        return;
      }
    }
  }
}
