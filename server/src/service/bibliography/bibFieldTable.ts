// The fields of the entries of one `.bib` file read so far, in flat columns. A 50,000-entry file has some
// 600,000 fields; one object each would keep the garbage collector busy for longer than the whole scan takes.
// The columns hold offsets of the scanned text (see ScannedText); a field given out as one object has offsets
// in the decoded text, as the rest of the service counts them.
import type { ScannedText } from './scannedText';

export interface BibField {
  /** Field name in lower case. */
  readonly name: string;
  /** LaTeX as written, `@string` macros expanded, `#` parts joined, outer braces or quotes removed. */
  readonly value: string;
  /** Offsets in the text of the whole value as written (its braces or quotes included). */
  readonly valueStart: number;
  readonly valueEnd: number;
  /** Offset in the file of `value[0]` when the value is one literal, so that offsets inside it map back; else -1. */
  readonly contentStart: number;
}

/** Fields are read per entry as entries are asked for: the columns start small and double. */
const INITIAL_CAPACITY = 1024;

export class BibFieldTable {
  private readonly nameIds = new Map<string, number>();
  private readonly names: string[] = [];
  private nameIdColumn: Int32Array;
  private valueStartColumn: Int32Array;
  private valueEndColumn: Int32Array;
  /**
   * Where the value's text starts in the file; -1 when it was built from macros or `#` parts. It ends
   * before the closing brace or quote, or with the value for a number.
   */
  private contentStartColumn: Int32Array;
  /** Values that are not one literal of the file, by field index. */
  private readonly builtValues = new Map<number, string>();
  private count = 0;

  constructor(private readonly source: ScannedText) {
    this.nameIdColumn = new Int32Array(INITIAL_CAPACITY);
    this.valueStartColumn = new Int32Array(INITIAL_CAPACITY);
    this.valueEndColumn = new Int32Array(INITIAL_CAPACITY);
    this.contentStartColumn = new Int32Array(INITIAL_CAPACITY);
  }

  get size(): number {
    return this.count;
  }

  /** A small number standing for a lower-case field name. */
  nameId(name: string): number {
    let id = this.nameIds.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(name);
      this.nameIds.set(name, id);
    }
    return id;
  }

  /**
   * Adds a field; `builtValue` is null when the value is the file's text from `contentStart` (inside the
   * braces or quotes of the value from `valueStart` to `valueEnd`, or the number there). Returns its index.
   */
  add(nameId: number, valueStart: number, valueEnd: number, contentStart: number, builtValue: string | null): number {
    if (this.count === this.nameIdColumn.length) this.grow();
    const index = this.count++;
    this.nameIdColumn[index] = nameId;
    this.valueStartColumn[index] = valueStart;
    this.valueEndColumn[index] = valueEnd;
    this.contentStartColumn[index] = builtValue === null ? contentStart : -1;
    if (builtValue !== null) this.builtValues.set(index, builtValue);
    return index;
  }

  private grow(): void {
    const capacity = this.nameIdColumn.length * 2;
    const grown = (column: Int32Array): Int32Array => {
      const larger = new Int32Array(capacity);
      larger.set(column);
      return larger;
    };
    this.nameIdColumn = grown(this.nameIdColumn);
    this.valueStartColumn = grown(this.valueStartColumn);
    this.valueEndColumn = grown(this.valueEndColumn);
    this.contentStartColumn = grown(this.contentStartColumn);
  }

  nameIdOf(index: number): number {
    return this.nameIdColumn[index];
  }

  nameOf(index: number): string {
    return this.names[this.nameIdColumn[index]];
  }

  value(index: number): string {
    const start = this.contentStartColumn[index];
    if (start === -1) return this.builtValues.get(index) ?? '';
    const end = this.valueEndColumn[index];
    // A number starts where its value starts; braces and quotes enclose the text.
    return this.source.slice(start, start === this.valueStartColumn[index] ? end : end - 1);
  }

  valueStart(index: number): number {
    return this.valueStartColumn[index];
  }

  valueEnd(index: number): number {
    return this.valueEndColumn[index];
  }

  contentStart(index: number): number {
    return this.contentStartColumn[index];
  }

  /** The field as one object, named `name` (a field inherited through `crossref` may take another name). */
  field(index: number, name: string = this.nameOf(index)): BibField {
    const contentStart = this.contentStartColumn[index];
    return {
      name,
      value: this.value(index),
      valueStart: this.source.textOffset(this.valueStartColumn[index]),
      valueEnd: this.source.textOffset(this.valueEndColumn[index]),
      contentStart: contentStart === -1 ? -1 : this.source.textOffset(contentStart),
    };
  }
}
