// A BibTeX/BibLaTeX scanner that keeps positions and never gives up.
//
// One left-to-right pass over the text. Entries start at a line whose first non-blank character is `@`;
// everything else outside entries is comment (Zotero and JabRef notes, `% @electronic{...` lines).
// A broken entry is reported at its line and skipped: reading resumes at the next line that starts with `@`.
// Most entries are checked whole by one regular expression (WELL_FORMED_ENTRY) and their fields are read
// only when first asked for: a 50,000-entry file is checked in the time the engine needs to read it once.
// Anything that expression does not accept (comments, `@string`, parentheses, deep braces, errors) is read
// by the character-level reader below, which reports problems exactly.
// Inside an entry, a line that looks like the start of another entry (`@type{` as its first non-blank
// text) ends the broken entry even in the middle of a braced value, so an unclosed brace costs one entry
// and the scan stays linear.
// The scanner reads `ScannedText.chars` (the text, or UTF-8 bytes one character each) and takes every
// string it keeps (keys, values, names that are not ASCII) from `ScannedText.slice`, which decodes. Bytes are
// read a window at a time (see `readWindow`); fields read later read their entry's bytes alone.
import type { BibliographyProblem } from './bibliographyEntry';
import { BibFieldTable } from './bibFieldTable';
import type { LineIndex } from './lineIndex';
import type { ScannedText } from './scannedText';

export interface BibEntryRecord {
  /** Entry type in lower case. */
  readonly type: string;
  readonly key: string;
  readonly keyStart: number;
  /** Where the key ends (offsets count what the scan reads, which may be bytes: not `keyStart + key.length`). */
  readonly keyEnd: number;
  /** From the `@` to just after the closing brace. */
  readonly start: number;
  readonly end: number;
  /** The entry's fields are `fieldCount` rows of the table from `firstField`, in the order written. */
  readonly firstField: number;
  readonly fieldCount: number;
}

export interface BibScan {
  readonly entries: readonly BibEntryRecord[];
  /** The position in `entries` of the first entry of each key (later ones are duplicate-key problems). */
  readonly firstByKey: ReadonlyMap<string, number>;
  readonly fields: BibFieldTable;
  readonly problems: readonly BibliographyProblem[];
}

/** BibTeX's standard month macros, as biblatex reads them. */
const MONTH_MACROS: ReadonlyMap<string, string> = new Map([
  ['jan', '1'], ['feb', '2'], ['mar', '3'], ['apr', '4'], ['may', '5'], ['jun', '6'],
  ['jul', '7'], ['aug', '8'], ['sep', '9'], ['oct', '10'], ['nov', '11'], ['dec', '12'],
]);

const AT = 64;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_PAREN = 40;
const CLOSE_PAREN = 41;
const QUOTE = 34;
const COMMA = 44;
const EQUALS = 61;
const HASH = 35;
const PERCENT = 37;
const NEWLINE = 10;
const RETURN = 13;
const SPACE = 32;
const TAB = 9;

/** Characters BibTeX does not allow in names of entry types, fields and macros: `"#%'(),={}` and space. */
function isIdentifierChar(code: number): boolean {
  // Past the end, charCodeAt gives NaN: no name goes on there (`@type` on a file's last line).
  if (!(code > SPACE) || code === 127) return false;
  return code !== QUOTE && code !== HASH && code !== PERCENT && code !== 39 && code !== OPEN_PAREN &&
    code !== CLOSE_PAREN && code !== COMMA && code !== EQUALS && code !== OPEN_BRACE && code !== CLOSE_BRACE;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

// Where the scan of a value or comment must stop: a brace, a closing quote or parenthesis, or a line that
// starts with `@` (checked further by isEntryStartLine). Regular expressions let the engine skip the long
// runs of plain text in between, which a character loop in JavaScript reads several times slower.
const BRACED_VALUE_STOPS = /[{}]|[\r\n][ \t]*@/g;
const QUOTED_VALUE_STOPS = /[{}"]|[\r\n][ \t]*@/g;
const COMMENT_STOPS = /[{})]|[\r\n][ \t]*@/g;

/** Characters of a key: anything but white space and `,{}"=#%` (and `)` in an entry that `(` opens). */
const KEY_IN_BRACES = /[^\x00-\x20,{}"=#%]*/y;
const KEY_IN_PARENTHESES = /[^\x00-\x20,{}"=#%)]*/y;

// A whole entry as the reader below would accept it, in its common form: `@type{key,` with no space before
// the key, fields `name = value` whose values are `{...}` (braces nested at most four deep), `"..."` on one
// line, numbers and macro names joined by `#`, white space between them. No line inside it may start with
// `@` (the reader stops a broken entry there). What it accepts, the reader reads the same way, without error.
const SPACE_RUN = '[ \\t\\r\\n]*';
const NAME_PATTERN = '[^\\x00-\\x20"#%\'(),={}\\x7f]+';
/** A macro name: a name that does not start with a digit (a digit starts a number). */
const MACRO_PATTERN = `(?![0-9])${NAME_PATTERN}`;
const bracedText = (inner: string): string => `[^{}\\r\\n]*(?:(?:[\\r\\n](?![ \\t]*@)|\\{${inner}\\})[^{}\\r\\n]*)*`;
const BRACED_PATTERN = `\\{${bracedText(bracedText(bracedText('[^{}\\r\\n]*(?:[\\r\\n](?![ \\t]*@)[^{}\\r\\n]*)*')))}\\}`;
const PART_PATTERN = `(?:${BRACED_PATTERN}|"[^"{}\\r\\n]*"|[0-9]+|${MACRO_PATTERN})`;
const FIELD_PATTERN = `${NAME_PATTERN}${SPACE_RUN}=${SPACE_RUN}${PART_PATTERN}(?:${SPACE_RUN}#${SPACE_RUN}${PART_PATTERN})*`;
const WELL_FORMED_ENTRY = new RegExp(
  `@${NAME_PATTERN}\\{[^\\x00-\\x20,{}"=#%]+${SPACE_RUN}(?:,${SPACE_RUN}(?:${FIELD_PATTERN}${SPACE_RUN},${SPACE_RUN})*(?:${FIELD_PATTERN}${SPACE_RUN})?)?\\}`,
  'y',
);

/** Characters read at once from bytes, at least: a window ends where its last entry starts. */
const WINDOW_LENGTH = 1 << 16;
/** A line break and a line that starts an entry, `@type{`, as isEntryStartLine reads it: where a window may end. */
const ENTRY_START_LINE = /[\r\n][ \t]*@[^\x00-\x20"#%'(),={}\x7f]+[ \t]*[{(]/g;

/** Offset of the first line at or after `from` (a line break's) that starts an entry, or null. */
function entryStartLineFrom(chars: string, from: number): number | null {
  ENTRY_START_LINE.lastIndex = from;
  const found = ENTRY_START_LINE.exec(chars);
  return found === null ? null : found.index + 1;
}

/**
 * An entry the scan accepted whole: its fields are read into the table when first asked for. Made 50,000
 * times for a large library, so its properties are set by plain assignment (`declare`d: no class field
 * definitions, no private fields), which V8 does measurably faster.
 */
class UnreadFieldsRecord implements BibEntryRecord {
  declare readonly type: string;
  declare readonly key: string;
  declare readonly keyStart: number;
  declare readonly keyEnd: number;
  declare readonly start: number;
  declare readonly end: number;
  /** Until the fields are read; then null. */
  declare private scanner: BibScanner | null;
  declare private readFirstField: number;
  declare private readFieldCount: number;

  constructor(type: string, key: string, keyStart: number, keyEnd: number, start: number, end: number, scanner: BibScanner) {
    this.type = type;
    this.key = key;
    this.keyStart = keyStart;
    this.keyEnd = keyEnd;
    this.start = start;
    this.end = end;
    this.scanner = scanner;
    this.readFirstField = 0;
    this.readFieldCount = 0;
  }

  get firstField(): number {
    this.read();
    return this.readFirstField;
  }

  get fieldCount(): number {
    this.read();
    return this.readFieldCount;
  }

  private read(): void {
    if (this.scanner === null) return;
    ({ firstField: this.readFirstField, fieldCount: this.readFieldCount } = this.scanner.readFieldsOf(this));
    this.scanner = null;
  }
}

/** Thrown inside an entry; carries where reading stopped. Not an Error: no stack is needed. */
class EntrySyntaxError {
  constructor(
    readonly offset: number,
    readonly reason: string,
    /** Whether `reason` already says where reading stopped. */
    readonly saysWhere = false,
  ) {}
}

interface MacroDefinition {
  /** Values from this offset on see this definition (until a later one of the same name). */
  readonly from: number;
  readonly value: string;
}

interface ScannedValue {
  readonly start: number;
  readonly end: number;
  /** The value's text in the file, when it is one literal. */
  readonly contentStart: number;
  readonly contentEnd: number;
  /** The value when it is not one literal of the file (macros, `#` parts); else null. */
  readonly built: string | null;
}

export interface ScanOptions {
  /** False to read every item character by character, fields included (the tests compare both ways). */
  readonly wellFormedEntriesWhole?: boolean;
  /** Characters read at once from bytes, at least (the tests make it small to put window ends everywhere). */
  readonly windowLength?: number;
}

export function scanBibtex(source: ScannedText, lines: LineIndex, options: ScanOptions = {}): BibScan {
  return new BibScanner(source, lines, options.wellFormedEntriesWhole ?? true, options.windowLength ?? WINDOW_LENGTH).scan();
}

class BibScanner {
  private position = 0;
  private readonly entries: BibEntryRecord[] = [];
  private readonly table: BibFieldTable;
  private readonly problems: BibliographyProblem[] = [];
  /** `@string` definitions by name, each with the offset where it takes effect, in file order. */
  private readonly macros = new Map<string, MacroDefinition[]>();
  private readonly firstByKey = new Map<string, number>();
  /** Lower-case names read so far, by the hash `readName` computes. */
  private readonly namesByHash = new Map<number, string[]>();
  /** `}` or `)`: what closes the item being read. */
  private closer = CLOSE_BRACE;
  /** The key of the entry being read once known, and where its header `@type{key` ends. */
  private currentKey: string | null = null;
  private headerEnd = 0;

  /** What is read: `source.chars` from `base` on, the whole text or a window of the bytes. Offsets count from the start. */
  private text = '';
  private base = 0;

  constructor(
    private readonly source: ScannedText,
    private readonly lines: LineIndex,
    private readonly wellFormedEntriesWhole: boolean,
    private readonly windowLength: number,
  ) {
    this.table = new BibFieldTable(source);
  }

  scan(): BibScan {
    this.position = this.source.byteOrderMarkLength;
    while (this.position < this.source.length) {
      const windowEnd = this.readWindow(this.position);
      while (this.position < windowEnd) {
        this.skipBlanks();
        if (this.code(this.position) === AT) {
          const end = this.wellFormedEntriesWhole ? this.readWellFormedEntry(this.position) : -1;
          this.position = end !== -1 ? end : this.readItem(this.position);
        } else {
          this.position = this.nextLineStart(this.position);
        }
      }
    }
    return { entries: this.entries, firstByKey: this.firstByKey, fields: this.table, problems: this.problems };
  }

  /**
   * Reads what the scan goes on with from `from`, and returns where it stops: the end of the text, or, in
   * bytes, the start of a line that starts an entry (in the window's last eighth when there is one; a window
   * with none is made longer). Nothing read before such a line reads past its start (it ends an unclosed value
   * or entry), so windows read as the whole does; the window holds the line's `@type{` for isEntryStartLine.
   */
  private readWindow(from: number): number {
    const source = this.source;
    if (!source.countsBytes) {
      this.setWindow(0, source.chars(0, source.length));
      return source.length;
    }
    for (let length = this.windowLength; ; length *= 2) {
      const end = Math.min(source.length, from + length);
      const chars = source.chars(from, end);
      this.setWindow(from, chars);
      if (end === source.length) return end;
      // Windows overlap by what follows the cut: look near the end first.
      const entryLine = entryStartLineFrom(chars, chars.length - (chars.length >> 3)) ?? entryStartLineFrom(chars, 0);
      if (entryLine !== null) return from + entryLine;
    }
  }

  private setWindow(base: number, chars: string): void {
    this.base = base;
    this.text = chars;
  }

  /** Where what is read ends: the end of the text, or of the window. */
  private get textEnd(): number {
    return this.base + this.text.length;
  }

  private code(offset: number): number {
    return this.text.charCodeAt(offset - this.base);
  }

  /** Where a sticky expression's match at `offset` ends, or -1 when it does not match there. */
  private matchEnd(sticky: RegExp, offset: number): number {
    sticky.lastIndex = offset - this.base;
    return sticky.test(this.text) ? this.base + sticky.lastIndex : -1;
  }

  /** Skips spaces and tabs (not line breaks). */
  private skipBlanks(): void {
    while (this.code(this.position) === SPACE || this.code(this.position) === TAB) this.position++;
  }

  private nextLineStart(offset: number): number {
    const { text, base } = this;
    // Without carriage returns, the next line is found by indexOf.
    if (!this.lines.hasCarriageReturns) {
      const lineBreak = text.indexOf('\n', offset - base);
      return lineBreak === -1 ? this.textEnd : base + lineBreak + 1;
    }
    for (let i = offset - base; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === NEWLINE) return base + i + 1;
      if (code === RETURN) return base + (text.charCodeAt(i + 1) === NEWLINE ? i + 2 : i + 1);
    }
    return this.textEnd;
  }

  /** Whether the line that starts at `lineStart` begins (after blanks) with `@type{` or `@type(`. */
  private isEntryStartLine(lineStart: number): boolean {
    let i = lineStart;
    while (this.code(i) === SPACE || this.code(i) === TAB) i++;
    if (this.code(i) !== AT) return false;
    i++;
    const typeStart = i;
    while (isIdentifierChar(this.code(i))) i++;
    if (i === typeStart) return false;
    while (this.code(i) === SPACE || this.code(i) === TAB) i++;
    return this.code(i) === OPEN_BRACE || this.code(i) === OPEN_PAREN;
  }

  /** Start of the line of `offset`, when only blanks precede `offset` on it. */
  private lineStartBefore(offset: number): number {
    let i = offset;
    while (i > 0 && (this.code(i - 1) === SPACE || this.code(i - 1) === TAB)) i--;
    return i;
  }

  /** Where reading resumes after a broken item: the next line whose first non-blank character is `@`. */
  private resynchronise(itemStart: number): number {
    let lineStart = this.nextLineStart(itemStart);
    while (lineStart < this.textEnd) {
      let i = lineStart;
      while (this.code(i) === SPACE || this.code(i) === TAB) i++;
      if (this.code(i) === AT) return lineStart;
      lineStart = this.nextLineStart(i);
    }
    return this.textEnd;
  }

  /**
   * Throws when a line break is followed by the start of another entry: the item being read is not closed.
   * `offset` is just after the line break; `open` is the unclosed `{` or `"`, or -1 for the entry itself.
   */
  private checkLineStart(offset: number, open: number): void {
    if (!this.isEntryStartLine(offset)) return;
    const what = open === -1 ? 'the entry is not closed' : this.unclosed(open);
    throw new EntrySyntaxError(offset, `${what}; a new entry starts at line ${this.lines.lineOf(offset) + 1}`, true);
  }

  /** Skips white space and `%` comment lines inside an entry. */
  private skipSpace(): void {
    for (;;) {
      const code = this.code(this.position);
      if (code === SPACE || code === TAB) {
        this.position++;
      } else if (code === NEWLINE || code === RETURN) {
        this.position = this.nextLineStart(this.position);
        this.checkLineStart(this.position, -1);
      } else if (code === PERCENT) {
        // Not BibTeX, but common: a commented-out field line.
        this.position = this.nextLineStart(this.position);
        this.checkLineStart(this.position, -1);
      } else {
        return;
      }
    }
  }

  /**
   * Reads an entry type, field or macro name in lower case. Names repeat (a dozen field names make up most
   * of a file), so known ones are found by a hash of their characters without making a new string.
   */
  private readName(): string {
    const { text, base } = this;
    const start = this.position;
    let hash = 0;
    let ascii = true;
    let end = start - base;
    for (; end < text.length; end++) {
      let code = text.charCodeAt(end);
      if (!isIdentifierChar(code)) break;
      if (code >= 65 && code <= 90) code += 32;
      else if (code > 127) ascii = false;
      hash = (Math.imul(hash, 31) + code) | 0;
    }
    end += base;
    this.position = end;
    if (!ascii) return this.source.slice(start, end).toLowerCase();
    const known = this.namesByHash.get(hash);
    if (known !== undefined) {
      for (const name of known) if (this.isSameName(name, start, end)) return name;
    }
    const name = text.slice(start - base, end - base).toLowerCase();
    if (known === undefined) this.namesByHash.set(hash, [name]);
    else known.push(name);
    return name;
  }

  /** Whether the ASCII text from `start` to `end`, in lower case, is `name`. */
  private isSameName(name: string, start: number, end: number): boolean {
    if (name.length !== end - start) return false;
    for (let i = 0; i < name.length; i++) {
      let code = this.code(start + i);
      if (code >= 65 && code <= 90) code += 32;
      if (code !== name.charCodeAt(i)) return false;
    }
    return true;
  }

  /**
   * A macro's value as a value read at `offset` sees it: the last definition before it. Fields read after
   * the scan see the definitions their entry saw, not later ones.
   */
  private macroAt(name: string, offset: number): string | undefined {
    const definitions = this.macros.get(name);
    if (definitions === undefined) return undefined;
    for (let i = definitions.length - 1; i >= 0; i--) if (definitions[i].from <= offset) return definitions[i].value;
    return undefined;
  }

  private describeHere(): string {
    if (this.position >= this.source.length) return 'the end of the file';
    const code = this.code(this.position);
    if (code === NEWLINE || code === RETURN) return 'the end of the line';
    return `'${String.fromCodePoint(this.source.codePointAt(this.position) ?? 0)}'`;
  }

  /** Reads one `@...` item starting at `at`; returns where scanning continues. */
  private readItem(at: number): number {
    this.position = at + 1;
    this.skipBlanks();
    const type = this.readName();
    this.skipBlanks();
    const open = this.code(this.position);
    if (type === 'comment' && open !== OPEN_BRACE && open !== OPEN_PAREN) {
      // BibTeX's own comment form: the rest of the line is ignored.
      return this.nextLineStart(at);
    }
    if (type === '' || (open !== OPEN_BRACE && open !== OPEN_PAREN)) {
      const reason = type === ''
        ? `expected an entry type after '@', found ${this.describeHere()}`
        : `expected '{' after '@${type}', found ${this.describeHere()}`;
      this.report(at, this.position, 'This entry', reason);
      return this.resynchronise(at);
    }
    this.closer = open === OPEN_BRACE ? CLOSE_BRACE : CLOSE_PAREN;
    this.position++;
    this.currentKey = null;
    this.headerEnd = this.position;
    if (type === 'comment') return this.skipComment();
    try {
      if (type === 'string') this.readString();
      else if (type === 'preamble') this.readPreamble();
      else this.readEntry(at, type);
      return this.position;
    } catch (error) {
      if (!(error instanceof EntrySyntaxError)) throw error;
      const what = this.currentKey !== null
        ? `Entry '${this.currentKey}'`
        : type === 'string' || type === 'preamble' ? `This @${type}` : `This @${type} entry`;
      this.report(at, this.headerEnd, what, error.reason, error.offset, error.saysWhere);
      return this.resynchronise(at);
    }
  }

  /** `@comment{...}`: skipped with its braces balanced; a new entry line ends an unclosed one silently. */
  private skipComment(): number {
    const { text, base } = this;
    const stops = COMMENT_STOPS;
    stops.lastIndex = this.position - base;
    let depth = 0;
    while (stops.test(text)) {
      const at = base + stops.lastIndex - 1;
      const code = this.code(at);
      if (code === OPEN_BRACE) {
        depth++;
      } else if (code === CLOSE_BRACE) {
        if (depth === 0 && this.closer === CLOSE_BRACE) return at + 1;
        depth = Math.max(0, depth - 1);
      } else if (code === CLOSE_PAREN) {
        if (depth === 0 && this.closer === CLOSE_PAREN) return at + 1;
      } else {
        const lineStart = this.lineStartBefore(at);
        if (this.isEntryStartLine(lineStart)) return lineStart;
      }
    }
    return this.textEnd;
  }

  /** `@string{name = value}` (several `name = value` pairs separated by commas are accepted). */
  private readString(): void {
    for (;;) {
      this.skipSpace();
      const name = this.readName();
      if (name === '') throw new EntrySyntaxError(this.position, `expected a macro name, found ${this.describeHere()}`);
      this.skipSpace();
      if (this.code(this.position) !== EQUALS) {
        throw new EntrySyntaxError(this.position, `expected '=' after '${name}', found ${this.describeHere()}`);
      }
      this.position++;
      this.skipSpace();
      const value = this.readValue();
      const definition = { from: this.position, value: value.built ?? this.source.slice(value.contentStart, value.contentEnd) };
      const definitions = this.macros.get(name);
      if (definitions === undefined) this.macros.set(name, [definition]);
      else definitions.push(definition);
      this.skipSpace();
      const code = this.code(this.position);
      if (code === this.closer) {
        this.position++;
        return;
      }
      if (code !== COMMA) {
        throw new EntrySyntaxError(this.position, `expected '${String.fromCharCode(this.closer)}' after the macro value, found ${this.describeHere()}`);
      }
      this.position++;
    }
  }

  private readPreamble(): void {
    this.skipSpace();
    this.readValue();
    this.skipSpace();
    if (this.code(this.position) !== this.closer) {
      throw new EntrySyntaxError(this.position, `expected '${String.fromCharCode(this.closer)}' after the preamble, found ${this.describeHere()}`);
    }
    this.position++;
  }

  private readEntry(at: number, type: string): void {
    const closer = this.closer;
    this.skipSpace();
    const keyStart = this.position;
    const keyEnd = this.matchEnd(closer === CLOSE_BRACE ? KEY_IN_BRACES : KEY_IN_PARENTHESES, keyStart);
    const key = this.source.slice(keyStart, keyEnd);
    this.position = keyEnd;
    this.skipSpace();
    if (key === '') throw new EntrySyntaxError(keyStart, `the entry has no key (found ${this.describeHere()})`);
    if (this.code(this.position) === EQUALS) {
      throw new EntrySyntaxError(keyStart, `the entry has no key: '${key} =' is a field`);
    }
    this.currentKey = key;
    this.headerEnd = keyEnd;
    const firstField = this.table.size;
    this.readEntryBody(key);
    const fieldCount = this.table.size - firstField;
    this.addEntry({ type, key, keyStart, keyEnd, start: at, end: this.position, firstField, fieldCount });
  }

  /** After an entry's key and the space after it: its fields and the closing brace or parenthesis. */
  private readEntryBody(key: string): void {
    if (this.code(this.position) === this.closer) {
      this.position++;
      return;
    }
    if (this.code(this.position) !== COMMA) {
      throw new EntrySyntaxError(this.position, `expected ',' after the key '${key}', found ${this.describeHere()}`);
    }
    this.position++;
    this.readFields();
  }

  /**
   * Reads the entry at `at` when WELL_FORMED_ENTRY accepts it, leaving its fields for later; returns where
   * it ends, or -1 to have it read by `readItem`.
   */
  private readWellFormedEntry(at: number): number {
    const end = this.matchEnd(WELL_FORMED_ENTRY, at);
    if (end === -1) return -1;
    this.position = at + 1;
    const type = this.readName();
    if (type === 'comment' || type === 'string' || type === 'preamble') return -1;
    const keyStart = this.position + 1;
    const keyEnd = this.matchEnd(KEY_IN_BRACES, keyStart);
    this.addEntry(new UnreadFieldsRecord(type, this.source.slice(keyStart, keyEnd), keyStart, keyEnd, at, end, this));
    return end;
  }

  /** Reads the fields of an entry WELL_FORMED_ENTRY accepted, once the scan is over. */
  readFieldsOf(record: BibEntryRecord): { firstField: number; fieldCount: number } {
    const firstField = this.table.size;
    if (this.source.countsBytes) this.setWindow(record.start, this.source.chars(record.start, record.end));
    this.closer = CLOSE_BRACE;
    this.position = record.keyEnd;
    this.skipSpace();
    this.readEntryBody(record.key);
    return { firstField, fieldCount: this.table.size - firstField };
  }

  private addEntry(entry: BibEntryRecord): void {
    const key = entry.key;
    const firstAt = this.firstByKey.get(key);
    if (firstAt === undefined) this.firstByKey.set(key, this.entries.length);
    this.entries.push(entry);
    if (firstAt !== undefined) {
      const first = this.entries[firstAt];
      const firstLine = this.lines.lineOf(first.keyStart) + 1;
      this.problems.push({
        kind: 'duplicate-key',
        message: `Duplicate key '${key}': already defined on line ${firstLine}`,
        range: this.lines.range(entry.keyStart, entry.keyEnd),
        related: { message: `First definition of '${key}'`, range: this.lines.range(first.keyStart, first.keyEnd) },
      });
    }
  }

  /** Reads fields into the table; when the entry turns out broken, its rows stay there unused. */
  private readFields(): void {
    const closer = this.closer;
    for (;;) {
      this.skipSpace();
      if (this.code(this.position) === closer) {
        this.position++;
        return;
      }
      const name = this.readName();
      if (name === '') {
        throw new EntrySyntaxError(this.position, `expected a field name or '${String.fromCharCode(closer)}', found ${this.describeHere()}`);
      }
      this.skipSpace();
      if (this.code(this.position) !== EQUALS) {
        throw new EntrySyntaxError(this.position, `expected '=' after the field name '${name}', found ${this.describeHere()}`);
      }
      this.position++;
      this.skipSpace();
      const value = this.readValue();
      this.table.add(this.table.nameId(name), value.start, value.end, value.contentStart, value.built);
      this.skipSpace();
      const code = this.code(this.position);
      if (code === COMMA) {
        this.position++;
      } else if (code === closer) {
        this.position++;
        return;
      } else {
        throw new EntrySyntaxError(this.position, `expected ',' or '${String.fromCharCode(closer)}' after the value of '${name}', found ${this.describeHere()}`);
      }
    }
  }

  /** A value: `{...}`, `"..."`, a number or a macro name, joined by `#`. */
  private readValue(): ScannedValue {
    const start = this.position;
    let contentStart = -1;
    let contentEnd = -1;
    let built: string | null = null;
    for (let parts = 0; ; parts++) {
      const code = this.code(this.position);
      const partStart = this.position;
      let partStartInFile = -1;
      let partEndInFile = -1;
      let macroValue: string | null = null;
      if (code === OPEN_BRACE || code === QUOTE) {
        const close = code === OPEN_BRACE ? this.closingBrace(partStart) : this.closingQuote(partStart);
        partStartInFile = partStart + 1;
        partEndInFile = close;
        this.position = close + 1;
      } else if (isDigit(code)) {
        while (isDigit(this.code(this.position))) this.position++;
        partStartInFile = partStart;
        partEndInFile = this.position;
      } else if (isIdentifierChar(code)) {
        const name = this.readName();
        macroValue = this.macroAt(name, partStart) ?? MONTH_MACROS.get(name) ?? '';
      } else {
        throw new EntrySyntaxError(partStart, `expected a value ({text}, "text", a number or a @string name), found ${this.describeHere()}`);
      }
      if (parts === 0 && macroValue === null) {
        contentStart = partStartInFile;
        contentEnd = partEndInFile;
      } else {
        // Joined values are built only when needed: most values are one literal and stay a slice of the file.
        const before: string = built ?? (parts === 0 ? '' : this.source.slice(contentStart, contentEnd));
        built = before + (macroValue ?? this.source.slice(partStartInFile, partEndInFile));
      }
      const end = this.position;
      this.skipSpace();
      if (this.code(this.position) !== HASH) {
        this.position = end;
        return { start, end, contentStart, contentEnd, built };
      }
      this.position++;
      this.skipSpace();
    }
  }

  /** Offset of the `}` that closes the `{` at `open`. */
  private closingBrace(open: number): number {
    const { text, base } = this;
    const stops = BRACED_VALUE_STOPS;
    stops.lastIndex = open + 1 - base;
    let depth = 1;
    while (stops.test(text)) {
      const at = base + stops.lastIndex - 1;
      const code = this.code(at);
      if (code === OPEN_BRACE) depth++;
      else if (code === CLOSE_BRACE) {
        if (--depth === 0) return at;
      } else {
        this.checkLineStart(this.lineStartBefore(at), open);
      }
    }
    throw new EntrySyntaxError(this.textEnd, this.unclosed(open));
  }

  /** Offset of the `"` that closes the one at `open` (braces inside must balance). */
  private closingQuote(open: number): number {
    const { text, base } = this;
    const stops = QUOTED_VALUE_STOPS;
    stops.lastIndex = open + 1 - base;
    let depth = 0;
    while (stops.test(text)) {
      const at = base + stops.lastIndex - 1;
      const code = this.code(at);
      if (code === OPEN_BRACE) {
        depth++;
      } else if (code === CLOSE_BRACE) {
        if (depth === 0) throw new EntrySyntaxError(at, `unbalanced '}' inside the quoted value that opens at ${this.where(open)}`);
        depth--;
      } else if (code === QUOTE) {
        if (depth === 0) return at;
      } else {
        this.checkLineStart(this.lineStartBefore(at), open);
      }
    }
    throw new EntrySyntaxError(this.textEnd, this.unclosed(open));
  }

  private unclosed(open: number): string {
    return `the '${String.fromCharCode(this.code(open))}' at ${this.where(open)} is never closed`;
  }

  private where(offset: number): string {
    const position = this.lines.position(offset);
    return `line ${position.line + 1}, column ${position.character + 1}`;
  }

  private report(start: number, end: number, what: string, reason: string, stoppedAt?: number, saysWhere = false): void {
    const stopped = stoppedAt === undefined || saysWhere ? '' : ` (${this.where(Math.min(stoppedAt, this.source.length))})`;
    this.problems.push({
      kind: 'syntax',
      message: `${what} cannot be read: ${reason}${stopped}. It is skipped; the other entries still load.`,
      range: this.lines.range(start, end),
      related: stoppedAt === undefined ? null : { message: 'Reading stopped here', range: this.lines.range(stoppedAt, stoppedAt) },
    });
  }
}
