// What "a range lies inside its document" means, exactly, and edits applied the way an editor applies them.
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range, TextEdit } from 'vscode-languageserver-types';

/** The lines of a text with their content lengths (line breaks excluded), split as LSP does: \r\n, \n or \r. */
export function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((line) => line.length);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

export interface DocumentShape {
  readonly document: TextDocument;
  readonly lines: readonly number[];
}

export function shapeOf(document: TextDocument): DocumentShape {
  return { document, lines: lineLengths(document.getText()) };
}

function assertPositionInside(shape: DocumentShape, position: Position, what: string): void {
  const { line, character } = position;
  assert.ok(Number.isInteger(line) && Number.isInteger(character), `${what}: position ${JSON.stringify(position)} is not integral`);
  assert.ok(line >= 0 && line < shape.lines.length, `${what}: line ${line} is outside the document's ${shape.lines.length} lines`);
  assert.ok(
    character >= 0 && character <= shape.lines[line],
    `${what}: character ${character} is outside line ${line} (length ${shape.lines[line]})`,
  );
  // A position inside a surrogate pair cuts a character in two: an editor can neither show nor apply it.
  const offset = shape.document.offsetAt(position);
  const text = shape.document.getText();
  assert.ok(
    !(offset > 0 && isHighSurrogate(text.charCodeAt(offset - 1)) && isLowSurrogate(text.charCodeAt(offset))),
    `${what}: position ${JSON.stringify(position)} splits a surrogate pair`,
  );
}

/** Fails unless `range` lies inside the document: real lines, characters within the line, start not after end. */
export function assertRangeInside(shape: DocumentShape, range: Range | null | undefined, what: string): void {
  assert.ok(range && typeof range === 'object', `${what}: no range`);
  assertPositionInside(shape, range.start, `${what} start`);
  assertPositionInside(shape, range.end, `${what} end`);
  const before = range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character);
  assert.ok(before, `${what}: start ${JSON.stringify(range.start)} is after end ${JSON.stringify(range.end)}`);
}

export function rangeContains(outer: Range, inner: Range): boolean {
  const le = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return le(outer.start, inner.start) && le(inner.end, outer.end);
}

export interface OffsetEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/**
 * Checks that edits of one document may be applied together, as LSP requires of a TextEdit[]: inside the document,
 * and no two overlapping (two insertions at one point are allowed; they apply in the order given). Returns them as
 * offsets, sorted.
 */
export function checkedEdits(shape: DocumentShape, edits: readonly TextEdit[], what: string): OffsetEdit[] {
  edits.forEach((e, i) => assertRangeInside(shape, e.range, `${what} edit ${i}`));
  const spans = edits
    .map((e, index) => ({ start: shape.document.offsetAt(e.range.start), end: shape.document.offsetAt(e.range.end), newText: e.newText, index }))
    .sort((a, b) => a.start - b.start || a.end - b.end || a.index - b.index);
  for (let i = 1; i < spans.length; i++) {
    const previous = spans[i - 1];
    const next = spans[i];
    assert.ok(
      previous.end <= next.start,
      `${what}: edits overlap: [${previous.start}, ${previous.end}) and [${next.start}, ${next.end}) in ${JSON.stringify(edits)}`,
    );
  }
  return spans.map(({ start, end, newText }) => ({ start, end, newText }));
}

/**
 * Applies checked edits by splicing, and cross-checks the result against `TextDocument.applyEdits` (how the LSP
 * libraries apply them). Returns the new text; the text between the edits is the old text by construction.
 */
export function applyChecked(shape: DocumentShape, edits: readonly TextEdit[], what: string): string {
  const spans = checkedEdits(shape, edits, what);
  const text = shape.document.getText();
  let out = '';
  let at = 0;
  for (const span of spans) {
    out += text.slice(at, span.start) + span.newText;
    at = span.end;
  }
  out += text.slice(at);
  assert.equal(TextDocument.applyEdits(shape.document, [...edits]), out, `${what}: TextDocument.applyEdits disagrees with a plain splice`);
  return out;
}

/** Where an old offset lands after the edits: shifted when after an edit, the edit's start when inside one. */
export function mapOffset(spans: readonly OffsetEdit[], offset: number): number {
  let delta = 0;
  for (const span of spans) {
    if (offset < span.start) break;
    if (offset < span.end) return span.start + delta;
    delta += span.newText.length - (span.end - span.start);
  }
  return offset + delta;
}
