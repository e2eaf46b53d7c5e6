// A JSON parser that keeps offsets (see positionedValue.ts). Strict JSON; errors carry their offset.
import { PositionedSyntaxError } from './positionedValue';
import type { PositionedMember, PositionedScalar, PositionedValue } from './positionedValue';

/** Deeper nesting than any CSL item needs; stops runaway recursion on hostile input. */
const MAXIMUM_DEPTH = 200;

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const SPECIAL_IN_STRING = /["\\\x00-\x1f]/g;

const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

export function skipJsonSpace(text: string, offset: number): number {
  let i = offset;
  for (;;) {
    const code = text.charCodeAt(i);
    if (code === 32 || code === 9 || code === 10 || code === 13) i++;
    else return i;
  }
}

/** Parses the JSON value that starts at `start` (no white space before it). */
export function parseJsonValue(text: string, start: number): PositionedValue {
  return new JsonParser(text).value(start, 0);
}

class JsonParser {
  constructor(private readonly text: string) {}

  private fail(offset: number, reason: string): never {
    throw new PositionedSyntaxError(offset, reason);
  }

  private found(offset: number): string {
    return offset >= this.text.length ? 'the end of the file' : `'${this.text[offset]}'`;
  }

  value(start: number, depth: number): PositionedValue {
    if (depth > MAXIMUM_DEPTH) this.fail(start, 'too deeply nested');
    const text = this.text;
    const code = text.charCodeAt(start);
    if (code === 123) return this.object(start, depth);
    if (code === 91) return this.array(start, depth);
    if (code === 34) return this.string(start);
    if (text.startsWith('true', start)) return this.literal(start, 4, true);
    if (text.startsWith('false', start)) return this.literal(start, 5, false);
    if (text.startsWith('null', start)) return this.literal(start, 4, null);
    NUMBER.lastIndex = start;
    if (NUMBER.test(text)) {
      const end = NUMBER.lastIndex;
      return { kind: 'scalar', value: Number(text.slice(start, end)), start, end, contentStart: start, contentEnd: end, verbatim: true };
    }
    return this.fail(start, `expected a value, found ${this.found(start)}`);
  }

  private literal(start: number, length: number, value: boolean | null): PositionedScalar {
    const end = start + length;
    return { kind: 'scalar', value, start, end, contentStart: start, contentEnd: end, verbatim: true };
  }

  private string(start: number): PositionedScalar {
    const text = this.text;
    let value = '';
    let pieceStart = start + 1;
    SPECIAL_IN_STRING.lastIndex = pieceStart;
    for (;;) {
      if (!SPECIAL_IN_STRING.test(text)) this.fail(start, 'the string is never closed');
      const at = SPECIAL_IN_STRING.lastIndex - 1;
      const code = text.charCodeAt(at);
      if (code === 34) {
        const verbatim = pieceStart === start + 1;
        value += text.slice(pieceStart, at);
        return { kind: 'scalar', value, start, end: at + 1, contentStart: start + 1, contentEnd: at, verbatim };
      }
      if (code !== 92) this.fail(at, code === 10 || code === 13 ? 'the string is not closed on its line' : 'a control character in a string');
      value += text.slice(pieceStart, at);
      const escape = text[at + 1];
      if (escape === 'u') {
        const hex = text.slice(at + 2, at + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail(at, 'a \\u escape needs four hexadecimal digits');
        value += String.fromCharCode(parseInt(hex, 16));
        pieceStart = at + 6;
      } else {
        const replacement = ESCAPES[escape];
        if (replacement === undefined) this.fail(at, `unknown escape \\${escape ?? ''}`);
        value += replacement;
        pieceStart = at + 2;
      }
      SPECIAL_IN_STRING.lastIndex = pieceStart;
    }
  }

  private array(start: number, depth: number): PositionedValue {
    const items: PositionedValue[] = [];
    let offset = skipJsonSpace(this.text, start + 1);
    if (this.text.charCodeAt(offset) === 93) return { kind: 'array', items, start, end: offset + 1 };
    for (;;) {
      const item = this.value(offset, depth + 1);
      items.push(item);
      offset = skipJsonSpace(this.text, item.end);
      const code = this.text.charCodeAt(offset);
      if (code === 93) return { kind: 'array', items, start, end: offset + 1 };
      if (code !== 44) this.fail(offset, `expected ',' or ']', found ${this.found(offset)}`);
      offset = skipJsonSpace(this.text, offset + 1);
    }
  }

  private object(start: number, depth: number): PositionedValue {
    const text = this.text;
    const members: PositionedMember[] = [];
    let offset = skipJsonSpace(text, start + 1);
    if (text.charCodeAt(offset) === 125) return { kind: 'object', members, start, end: offset + 1 };
    for (;;) {
      if (text.charCodeAt(offset) !== 34) this.fail(offset, `expected a property name in double quotes, found ${this.found(offset)}`);
      const key = this.string(offset);
      offset = skipJsonSpace(text, key.end);
      if (text.charCodeAt(offset) !== 58) this.fail(offset, `expected ':' after the property name, found ${this.found(offset)}`);
      const value = this.value(skipJsonSpace(text, offset + 1), depth + 1);
      members.push({ key: String(key.value), keyStart: key.start, value });
      offset = skipJsonSpace(text, value.end);
      const code = text.charCodeAt(offset);
      if (code === 125) return { kind: 'object', members, start, end: offset + 1 };
      if (code !== 44) this.fail(offset, `expected ',' or '}', found ${this.found(offset)}`);
      offset = skipJsonSpace(text, offset + 1);
    }
  }
}
