// Property: a snapshot derived from the previous version's (lines before and after an edit taken over) answers
// every position question exactly as vscode-languageserver-textdocument does for the edited text made anew.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentSnapshot } from '../../server/src/service/documentSnapshot';
import { checkProperty, scaled } from './runMode';

/** Texts made of the characters whose neighbours decide where lines start. */
const text = fc.array(fc.constantFrom('a', 'b', '\n', '\r', '\r\n', ' '), { maxLength: 24 }).map((parts) => parts.join(''));

interface Edit {
  readonly start: number;
  readonly length: number;
  readonly insert: string;
}

const session = fc.record({
  base: text,
  edits: fc.array(fc.record({ start: fc.nat(), length: fc.nat({ max: 6 }), insert: text }), { minLength: 1, maxLength: 6 }),
});

function apply(current: string, edit: Edit): string {
  const start = edit.start % (current.length + 1);
  return current.slice(0, start) + edit.insert + current.slice(Math.min(current.length, start + edit.length));
}

/** Everything a snapshot answers, asked of both at every offset and at positions in and past every line. */
function assertSameAnswers(snapshot: DocumentSnapshot, expected: TextDocument): void {
  const content = expected.getText();
  assert.equal(snapshot.getText(), content);
  assert.equal(snapshot.lineCount, expected.lineCount, 'line count');
  for (let offset = -1; offset <= content.length + 1; offset++) {
    assert.deepEqual(snapshot.positionAt(offset), expected.positionAt(offset), `positionAt(${offset})`);
  }
  for (let line = -1; line <= expected.lineCount; line++) {
    assert.deepEqual(snapshot.getLineRange(line), expected.getLineRange(line), `getLineRange(${line})`);
    assert.equal(snapshot.getEOLCharacters(line), expected.getEOLCharacters(line), `getEOLCharacters(${line})`);
    for (let character = -1; character <= 4; character++) {
      const position = { line, character };
      assert.equal(snapshot.offsetAt(position), expected.offsetAt(position), `offsetAt(${line}:${character})`);
    }
  }
  const range = { start: expected.positionAt(1), end: expected.positionAt(content.length - 1) };
  assert.equal(snapshot.getText(range), expected.getText(range));
}

describe('document snapshots', () => {
  it('answer as TextDocument does, made anew or taken over from the version before', (t) => {
    checkProperty(t, 'document snapshot = TextDocument', scaled(2_000, 50_000), session, ({ base, edits }) => {
      let snapshot = DocumentSnapshot.create('file:///w/a.md', 'markdown', 1, base);
      assertSameAnswers(snapshot, TextDocument.create('file:///w/a.md', 'markdown', 1, base));
      let current = base;
      edits.forEach((edit, i) => {
        current = apply(current, edit);
        snapshot = DocumentSnapshot.after(snapshot, 'markdown', i + 2, current);
        assertSameAnswers(snapshot, TextDocument.create('file:///w/a.md', 'markdown', i + 2, current));
      });
    });
  });

  it('keeps the uri, language and version it is given', () => {
    const first = DocumentSnapshot.create('file:///w/a.md', 'markdown', 3, 'a\nb');
    const next = DocumentSnapshot.after(first, 'quarto', 4, 'a\r\nb\n');
    assert.deepEqual([next.uri, next.languageId, next.version, next.lineCount], ['file:///w/a.md', 'quarto', 4, 3]);
  });
});
