// A YAML parser for what CSL-YAML and pandoc metadata use, keeping offsets (see positionedValue.ts):
// block mappings and sequences, plain, quoted and block (`|`, `>`) scalars, flow collections, comments,
// anchors and tags (skipped). Aliases, complex keys and multiple documents are not supported.
// It parses a region of the text (`limit`), so that each reference of a list is parsed on its own.
import type { LineIndex } from './lineIndex';
import { PositionedSyntaxError } from './positionedValue';
import type { PositionedArray, PositionedMember, PositionedObject, PositionedScalar, PositionedValue } from './positionedValue';

const MAXIMUM_DEPTH = 200;

const SPACE = 32;
const TAB = 9;
const NEWLINE = 10;
const RETURN = 13;
const HASH = 35;
const COLON = 58;
const DASH = 45;
const COMMA = 44;

const DOUBLE_QUOTE_ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b',
  ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029',
};

function isBreak(code: number): boolean {
  return code === NEWLINE || code === RETURN;
}

function isFlowIndicator(code: number): boolean {
  return code === COMMA || code === 91 || code === 93 || code === 123 || code === 125;
}

/** The value of a plain scalar: null, booleans and integers as in YAML's core schema, text otherwise. */
function plainScalarValue(text: string): string | number | boolean | null {
  if (text === '' || text === '~' || text === 'null' || text === 'Null' || text === 'NULL') return null;
  if (text === 'true' || text === 'True' || text === 'TRUE') return true;
  if (text === 'false' || text === 'False' || text === 'FALSE') return false;
  // Integers without leading zeros only: `007` and `2.0` stay text, so keys and versions keep their form.
  if (/^[-+]?(?:0|[1-9][0-9]{0,14})$/.test(text)) return Number(text);
  return text;
}

export class YamlParser {
  /** Offset just after the last character of the last node parsed. */
  position = 0;

  constructor(
    private readonly text: string,
    private readonly lines: LineIndex,
    /** The parser sees the text up to here only. */
    private readonly limit: number = text.length,
  ) {}

  private fail(offset: number, reason: string): never {
    throw new PositionedSyntaxError(offset, reason);
  }

  private code(offset: number): number {
    return offset < this.limit ? this.text.charCodeAt(offset) : NaN;
  }

  columnOf(offset: number): number {
    return offset - this.lines.lineStart(this.lines.lineOf(offset));
  }

  /** Offset of the line break (or limit) that ends the line of `offset`. */
  lineEnd(offset: number): number {
    let i = offset;
    while (i < this.limit && !isBreak(this.text.charCodeAt(i))) i++;
    return i;
  }

  private afterBreak(offset: number): number {
    if (this.code(offset) === RETURN && this.code(offset + 1) === NEWLINE) return offset + 2;
    return offset + 1;
  }

  private skipSpaces(offset: number): number {
    let i = offset;
    while (this.code(i) === SPACE || this.code(i) === TAB) i++;
    return i;
  }

  /** Whether the rest of the line from `offset` is blank or a comment. */
  private isRestBlank(offset: number): boolean {
    const i = this.skipSpaces(offset);
    return i >= this.limit || isBreak(this.code(i)) || this.code(i) === HASH;
  }

  /** `---` or `...` at the start of a line: the document ends there. */
  isDocumentMarker(lineStart: number): boolean {
    const marker = this.text.slice(lineStart, lineStart + 3);
    if (marker !== '---' && marker !== '...') return false;
    const after = this.code(lineStart + 3);
    return Number.isNaN(after) || after === SPACE || after === TAB || isBreak(after);
  }

  /**
   * The first non-blank character of the first line after the line of `offset` that is not blank or a
   * comment, or -1 at the limit or a document marker.
   */
  nextContentLine(offset: number): number {
    let lineStart = this.afterBreak(this.lineEnd(offset));
    while (lineStart < this.limit) {
      if (this.isDocumentMarker(lineStart)) return -1;
      const first = this.skipSpaces(lineStart);
      if (first < this.limit && !isBreak(this.code(first)) && this.code(first) !== HASH) return first;
      lineStart = this.afterBreak(this.lineEnd(first));
    }
    return -1;
  }

  /** Like nextContentLine, but also accepts the line of `lineStart` itself. */
  contentLineFrom(lineStart: number): number {
    if (lineStart >= this.limit || this.isDocumentMarker(lineStart)) return -1;
    const first = this.skipSpaces(lineStart);
    if (first < this.limit && !isBreak(this.code(first)) && this.code(first) !== HASH) return first;
    return this.nextContentLine(first);
  }

  /** `-` followed by a space or the end of the line. */
  isSequenceIndicator(offset: number): boolean {
    if (this.code(offset) !== DASH) return false;
    const next = this.code(offset + 1);
    return Number.isNaN(next) || next === SPACE || next === TAB || isBreak(next);
  }

  /** Where the `:` of a `key:` at `offset` is, or -1 when the line does not start with a key. */
  keyColon(offset: number): number {
    const code = this.code(offset);
    let i = offset;
    if (code === 34 || code === 39) {
      const close = this.text.indexOf(String.fromCharCode(code), offset + 1);
      if (close === -1 || close >= this.lineEnd(offset)) return -1;
      i = this.skipSpaces(close + 1);
      return this.isColonIndicator(i) ? i : -1;
    }
    if (Number.isNaN(code) || isFlowIndicator(code) || code === HASH || code === 124 || code === 62 || code === 42 ||
      code === 33 || code === 38 || code === 37 || code === 64 || code === 96 || this.isSequenceIndicator(offset)) return -1;
    const end = this.lineEnd(offset);
    for (; i < end; i++) {
      const here = this.text.charCodeAt(i);
      if (here === COLON && this.isColonIndicator(i)) return i;
      if (here === HASH && (this.text.charCodeAt(i - 1) === SPACE || this.text.charCodeAt(i - 1) === TAB)) return -1;
    }
    return -1;
  }

  private isColonIndicator(offset: number): boolean {
    if (this.code(offset) !== COLON) return false;
    const next = this.code(offset + 1);
    return Number.isNaN(next) || next === SPACE || next === TAB || isBreak(next);
  }

  /** Parses the node of the block sequence entry whose `-` is at `dash`. */
  sequenceItem(dash: number): PositionedValue {
    return this.blockValue(dash + 1, this.columnOf(dash), false, 0);
  }

  /** Parses the block node whose first character is at `offset`. */
  blockNode(offset: number): PositionedValue {
    return this.node(offset, this.columnOf(offset), 0);
  }

  /** A null scalar where a value is missing. */
  private empty(offset: number): PositionedScalar {
    return { kind: 'scalar', value: null, start: offset, end: offset, contentStart: offset, contentEnd: offset, verbatim: true };
  }

  /**
   * The value after `key:` or `- ` (from `offset`), whose parent collection is at column `parentIndent`.
   * A mapping's value may be a sequence at the mapping's own column (`key:\n- a`). After `- `, a mapping
   * may start on the same line (`- id: a`); after `key:` the rest of the line is one value, so that an
   * unquoted `title: Part one: the start` reads as a title, as pandoc users expect.
   */
  private blockValue(offset: number, parentIndent: number, inMapping: boolean, depth: number): PositionedValue {
    if (depth > MAXIMUM_DEPTH) this.fail(offset, 'too deeply nested');
    let start = this.skipSpaces(offset);
    start = this.skipProperties(start);
    if (this.isRestBlank(start)) {
      this.position = start;
      const next = this.nextContentLine(start);
      if (next === -1) return this.empty(start);
      const column = this.columnOf(next);
      if (column > parentIndent) return this.node(next, column, depth + 1);
      if (column === parentIndent && inMapping && this.isSequenceIndicator(next)) return this.sequence(next, column, depth + 1);
      return this.empty(start);
    }
    const code = this.code(start);
    if (code === 124 || code === 62) return this.blockScalar(start, parentIndent);
    if (!inMapping && this.isSequenceIndicator(start)) return this.sequence(start, this.columnOf(start), depth + 1);
    if (!inMapping && this.keyColon(start) !== -1) return this.mapping(start, this.columnOf(start), depth + 1);
    return this.inlineValue(start, parentIndent, depth);
  }

  /** A node that starts a line at column `indent`. */
  private node(offset: number, indent: number, depth: number): PositionedValue {
    if (depth > MAXIMUM_DEPTH) this.fail(offset, 'too deeply nested');
    const start = this.skipProperties(offset);
    if (start !== offset) return this.blockValue(start, indent - 1, false, depth);
    if (this.isSequenceIndicator(start)) return this.sequence(start, indent, depth + 1);
    if (this.keyColon(start) !== -1) return this.mapping(start, indent, depth + 1);
    const code = this.code(start);
    if (code === 124 || code === 62) return this.blockScalar(start, indent - 1);
    return this.inlineValue(start, indent - 1, depth);
  }

  /** Skips an anchor (`&name`) and a tag (`!tag`) before a node. */
  private skipProperties(offset: number): number {
    let i = offset;
    for (;;) {
      const code = this.code(i);
      if (code !== 38 && code !== 33) return i;
      while (i < this.limit && !isBreak(this.code(i)) && this.code(i) !== SPACE && this.code(i) !== TAB) i++;
      i = this.skipSpaces(i);
    }
  }

  /** A flow collection or a scalar starting inside a line. */
  private inlineValue(start: number, parentIndent: number, depth: number): PositionedValue {
    const code = this.code(start);
    if (code === 42) this.fail(start, 'aliases (*name) are not supported');
    let value: PositionedValue;
    if (code === 91 || code === 123) value = this.flowValue(start, depth + 1);
    else if (code === 34 || code === 39) value = this.quoted(start, parentIndent);
    else return this.plainBlockScalar(start, parentIndent);
    if (!this.isRestBlank(value.end)) this.fail(this.skipSpaces(value.end), 'unexpected text after the value');
    this.position = value.end;
    return value;
  }

  private sequence(first: number, indent: number, depth: number): PositionedArray {
    const items: PositionedValue[] = [];
    let dash = first;
    for (;;) {
      const item = this.blockValue(dash + 1, indent, false, depth);
      items.push(item);
      const next = this.nextContentLine(this.position);
      if (next === -1) break;
      const column = this.columnOf(next);
      if (column > indent) this.fail(next, 'unexpected indentation');
      if (column < indent || !this.isSequenceIndicator(next)) break;
      dash = next;
    }
    return { kind: 'array', items, start: first, end: Math.max(this.position, first + 1) };
  }

  private mapping(first: number, indent: number, depth: number): PositionedObject {
    const members: PositionedMember[] = [];
    let keyStart = first;
    for (;;) {
      const colon = this.keyColon(keyStart);
      if (colon === -1) this.fail(keyStart, "expected 'key: value'");
      const key = this.key(keyStart, colon);
      const value = this.blockValue(colon + 1, indent, true, depth);
      members.push({ key, keyStart, value });
      const next = this.nextContentLine(this.position);
      if (next === -1) break;
      const column = this.columnOf(next);
      if (column > indent) this.fail(next, 'unexpected indentation');
      if (column < indent || this.isSequenceIndicator(next)) break;
      keyStart = next;
    }
    return { kind: 'object', members, start: first, end: Math.max(this.position, first + 1) };
  }

  private key(start: number, colon: number): string {
    const code = this.code(start);
    if (code === 34 || code === 39) return String(this.quoted(start, -1).value);
    return this.text.slice(start, colon).trim();
  }

  /** A plain scalar in block context; it may continue on more indented lines (folded with spaces). */
  private plainBlockScalar(start: number, parentIndent: number): PositionedScalar {
    let value = '';
    let end = start;
    let lineStart = start;
    let blankLines = 0;
    for (;;) {
      const text = this.lineText(lineStart);
      if (value === '') value = text.text;
      else value += (blankLines > 0 ? '\n'.repeat(blankLines) : ' ') + text.text;
      end = text.end;
      // Continuation lines are more indented than the parent and are neither comments nor blank.
      let next = this.afterBreak(this.lineEnd(end));
      blankLines = 0;
      for (;;) {
        if (next >= this.limit || this.isDocumentMarker(next)) break;
        const first = this.skipSpaces(next);
        if (first >= this.limit || !isBreak(this.code(first))) break;
        blankLines++;
        next = this.afterBreak(first);
      }
      const first = this.skipSpaces(next);
      if (next >= this.limit || this.isDocumentMarker(next) || first >= this.limit || this.code(first) === HASH ||
        this.columnOf(first) <= parentIndent) break;
      // `key: value` on a more indented line is a mistake in indentation, not more text.
      if (this.keyColon(first) !== -1) this.fail(first, 'unexpected indentation');
      lineStart = first;
    }
    this.position = end;
    const verbatim = value === this.text.slice(start, end);
    return { kind: 'scalar', value: plainScalarValue(value), start, end, contentStart: start, contentEnd: end, verbatim };
  }

  /** The text of a line from `start` up to a comment, without trailing spaces. */
  private lineText(start: number): { text: string; end: number } {
    const lineEnd = this.lineEnd(start);
    let end = lineEnd;
    for (let i = start; i < lineEnd; i++) {
      if (this.text.charCodeAt(i) === HASH && (i === start || this.text.charCodeAt(i - 1) === SPACE || this.text.charCodeAt(i - 1) === TAB)) {
        end = i;
        break;
      }
    }
    while (end > start && (this.text.charCodeAt(end - 1) === SPACE || this.text.charCodeAt(end - 1) === TAB)) end--;
    return { text: this.text.slice(start, end), end };
  }

  /** A single- or double-quoted scalar; line breaks inside fold to spaces (empty lines to newlines). */
  private quoted(start: number, parentIndent: number): PositionedScalar {
    const quote = this.code(start);
    const text = this.text;
    let value = '';
    /** Start of the text not yet added to `value`: added in slices, never a character at a time. */
    let pending = start + 1;
    let i = start + 1;
    for (;;) {
      if (i >= this.limit) this.fail(start, 'the quoted text is never closed');
      const code = text.charCodeAt(i);
      if (code === quote) {
        value += text.slice(pending, i);
        if (quote === 39 && this.code(i + 1) === 39) {
          value += "'";
          i += 2;
          pending = i;
          continue;
        }
        const end = i + 1;
        this.position = end;
        const verbatim = value === text.slice(start + 1, i);
        return { kind: 'scalar', value, start, end, contentStart: start + 1, contentEnd: i, verbatim };
      }
      if (code === 92 && quote === 34) {
        value += text.slice(pending, i);
        i = this.escape(i, (piece) => {
          value += piece;
        });
        pending = i;
        continue;
      }
      if (isBreak(code)) {
        // Blanks before a line break are dropped; the break folds to a space, empty lines to newlines.
        let lineEnd = i;
        while (lineEnd > pending && (text.charCodeAt(lineEnd - 1) === SPACE || text.charCodeAt(lineEnd - 1) === TAB)) lineEnd--;
        value += text.slice(pending, lineEnd);
        let breaks = 0;
        while (i < this.limit && isBreak(this.code(i))) {
          breaks++;
          i = this.skipSpaces(this.afterBreak(i));
          if (this.columnOf(i) === 0 && this.isDocumentMarker(i)) this.fail(start, 'the quoted text is never closed');
        }
        if (parentIndent >= 0 && this.columnOf(i) <= parentIndent && this.code(i) !== quote) {
          this.fail(start, 'the quoted text is never closed');
        }
        value += breaks === 1 ? ' ' : '\n'.repeat(breaks - 1);
        pending = i;
        continue;
      }
      i++;
    }
  }

  /** Reads the escape at `at` (a backslash) in a double-quoted scalar; returns the offset after it. */
  private escape(at: number, add: (piece: string) => void): number {
    const escape = this.text[at + 1] ?? '';
    if (escape === 'x' || escape === 'u' || escape === 'U') {
      const length = escape === 'x' ? 2 : escape === 'u' ? 4 : 8;
      const hex = this.text.slice(at + 2, at + 2 + length);
      if (hex.length !== length || !/^[0-9a-fA-F]+$/.test(hex)) this.fail(at, `\\${escape} needs ${length} hexadecimal digits`);
      add(String.fromCodePoint(parseInt(hex, 16)));
      return at + 2 + length;
    }
    if (escape === '\n' || escape === '\r') {
      // An escaped line break joins the lines without a space.
      return this.skipSpaces(this.afterBreak(at + 1));
    }
    const replacement = DOUBLE_QUOTE_ESCAPES[escape];
    if (replacement === undefined) this.fail(at, `unknown escape \\${escape}`);
    add(replacement);
    return at + 2;
  }

  /** `|` (literal) or `>` (folded) block scalar with optional chomping (`-`, `+`) and indentation digit. */
  private blockScalar(start: number, parentIndent: number): PositionedScalar {
    const folded = this.code(start) === 62;
    let i = start + 1;
    let chomping: 'clip' | 'strip' | 'keep' = 'clip';
    let explicitIndent = 0;
    for (let header = 0; header < 2; header++) {
      const code = this.code(i);
      if (code === DASH) chomping = 'strip';
      else if (code === 43) chomping = 'keep';
      else if (code >= 49 && code <= 57) explicitIndent = code - 48;
      else break;
      i++;
    }
    if (!this.isRestBlank(i)) this.fail(i, "unexpected text after '|' or '>'");
    const lines: string[] = [];
    let contentIndent = explicitIndent > 0 ? Math.max(parentIndent, 0) + explicitIndent : -1;
    let end = this.lineEnd(i);
    let lineStart = this.afterBreak(end);
    let contentStart = -1;
    while (lineStart < this.limit && !this.isDocumentMarker(lineStart)) {
      const first = this.skipSpaces(lineStart);
      const lineEnd = this.lineEnd(first);
      if (first >= lineEnd) {
        lines.push('');
      } else {
        const column = first - lineStart;
        if (contentIndent === -1) {
          if (column <= parentIndent) break;
          contentIndent = column;
        }
        if (column < contentIndent) break;
        if (contentStart === -1) contentStart = lineStart + contentIndent;
        lines.push(this.text.slice(lineStart + contentIndent, lineEnd));
        end = lineEnd;
      }
      lineStart = this.afterBreak(lineEnd);
    }
    // Blank lines after the last content line belong to chomping, not to the position.
    let trailingBlank = 0;
    while (lines.length > 0 && lines[lines.length - 1] === '') {
      lines.pop();
      trailingBlank++;
    }
    let value = folded ? this.fold(lines) : lines.join('\n');
    if (lines.length > 0 && chomping !== 'strip') value += '\n';
    if (chomping === 'keep') value += '\n'.repeat(trailingBlank);
    this.position = end;
    const contentFrom = contentStart === -1 ? end : contentStart;
    return { kind: 'scalar', value, start, end, contentStart: contentFrom, contentEnd: end, verbatim: false };
  }

  /** Folding: lines join with a space; an empty line is a line break; more indented lines keep theirs. */
  private fold(lines: readonly string[]): string {
    let value = lines.length > 0 ? lines[0] : '';
    for (let index = 1; index < lines.length; index++) {
      const line = lines[index];
      const previous = lines[index - 1];
      if (line === '') value += '\n';
      else if (previous === '') value += line;
      else value += (line.startsWith(' ') || previous.startsWith(' ') ? '\n' : ' ') + line;
    }
    return value;
  }

  // Flow collections: [a, b], {key: value}; they may span lines.

  private skipFlowSpace(offset: number): number {
    let i = offset;
    for (;;) {
      const code = this.code(i);
      if (code === SPACE || code === TAB) i++;
      else if (isBreak(code)) i = this.afterBreak(i);
      else if (code === HASH) i = this.lineEnd(i);
      else return i;
    }
  }

  private flowValue(start: number, depth: number): PositionedValue {
    if (depth > MAXIMUM_DEPTH) this.fail(start, 'too deeply nested');
    const offset = this.skipProperties(start);
    const code = this.code(offset);
    if (code === 91) return this.flowSequence(offset, depth);
    if (code === 123) return this.flowMapping(offset, depth);
    if (code === 34 || code === 39) return this.quoted(offset, -1);
    if (code === 42) this.fail(offset, 'aliases (*name) are not supported');
    return this.plainFlowScalar(offset);
  }

  private plainFlowScalar(start: number): PositionedScalar {
    let i = start;
    const lineEnd = this.lineEnd(start);
    while (i < lineEnd) {
      const code = this.text.charCodeAt(i);
      if (isFlowIndicator(code)) break;
      if (code === COLON) {
        const next = this.code(i + 1);
        if (Number.isNaN(next) || next === SPACE || next === TAB || isBreak(next) || isFlowIndicator(next)) break;
      }
      if (code === HASH && (this.text.charCodeAt(i - 1) === SPACE || this.text.charCodeAt(i - 1) === TAB)) break;
      i++;
    }
    let end = i;
    while (end > start && (this.text.charCodeAt(end - 1) === SPACE || this.text.charCodeAt(end - 1) === TAB)) end--;
    this.position = end;
    const value = this.text.slice(start, end);
    return { kind: 'scalar', value: plainScalarValue(value), start, end, contentStart: start, contentEnd: end, verbatim: true };
  }

  private flowSequence(start: number, depth: number): PositionedArray {
    const items: PositionedValue[] = [];
    let i = this.skipFlowSpace(start + 1);
    for (;;) {
      if (i >= this.limit) this.fail(start, "the '[' is never closed");
      if (this.code(i) === 93) break;
      let item = this.flowValue(i, depth + 1);
      i = this.skipFlowSpace(item.end);
      if (this.code(i) === COLON) {
        // `[key: value]`: a single-pair mapping.
        const value = this.flowValue(this.skipFlowSpace(i + 1), depth + 1);
        item = { kind: 'object', members: [{ key: String(plainOrQuoted(item)), keyStart: item.start, value }], start: item.start, end: value.end };
        i = this.skipFlowSpace(value.end);
      }
      items.push(item);
      if (this.code(i) === COMMA) i = this.skipFlowSpace(i + 1);
      else if (this.code(i) !== 93) this.fail(i, "expected ',' or ']'");
    }
    this.position = i + 1;
    return { kind: 'array', items, start, end: i + 1 };
  }

  private flowMapping(start: number, depth: number): PositionedObject {
    const members: PositionedMember[] = [];
    let i = this.skipFlowSpace(start + 1);
    for (;;) {
      if (i >= this.limit) this.fail(start, "the '{' is never closed");
      if (this.code(i) === 125) break;
      const key = this.flowValue(i, depth + 1);
      if (key.kind !== 'scalar') this.fail(i, 'a key must be text');
      i = this.skipFlowSpace(key.end);
      let value: PositionedValue = this.empty(i);
      if (this.code(i) === COLON) {
        const valueStart = this.skipFlowSpace(i + 1);
        const next = this.code(valueStart);
        if (next !== COMMA && next !== 125) {
          value = this.flowValue(valueStart, depth + 1);
          i = this.skipFlowSpace(value.end);
        } else {
          i = valueStart;
        }
      }
      members.push({ key: String(key.value ?? ''), keyStart: key.start, value });
      if (this.code(i) === COMMA) i = this.skipFlowSpace(i + 1);
      else if (this.code(i) !== 125) this.fail(i, "expected ',' or '}'");
    }
    this.position = i + 1;
    return { kind: 'object', members, start, end: i + 1 };
  }
}

function plainOrQuoted(value: PositionedValue): string {
  return value.kind === 'scalar' ? String(value.value ?? '') : '';
}
