// The scan that accepts well-formed entries whole and reads their fields later finds exactly what reading
// every item character by character finds: the same entries, fields, macro values and problems.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { scanBibtex, type BibScan } from '../../../server/src/service/bibliography/bibScanner';
import { LineIndex } from '../../../server/src/service/bibliography/lineIndex';
import { ScannedText } from '../../../server/src/service/bibliography/scannedText';
import { bibliographyFixture } from './bibliographyTestHelpers';

const EXAMPLES = '/usr/share/texlive/texmf-dist/bibtex/bib/biblatex/biblatex/biblatex-examples.bib';

/** Everything a scan found, fields read through each record (which reads them when the scan left them). */
function everything(scan: BibScan): unknown {
  return {
    entries: scan.entries.map((record) => {
      const fields = [];
      for (let row = record.firstField; row < record.firstField + record.fieldCount; row++) fields.push(scan.fields.field(row));
      return { type: record.type, key: record.key, keyStart: record.keyStart, keyEnd: record.keyEnd, start: record.start, end: record.end, fields };
    }),
    problems: scan.problems,
  };
}

function assertSameBothWays(text: string): void {
  const whole = scanBibtex(ScannedText.ofString(text), new LineIndex(text));
  const byCharacter = scanBibtex(ScannedText.ofString(text), new LineIndex(text), { wellFormedEntriesWhole: false });
  assert.deepEqual(everything(whole), everything(byCharacter));
}

describe('scanBibtex reads well-formed entries whole, as character by character', () => {
  test('library.bib (macros, crossref, accents, a broken entry, a duplicate key)', () => {
    assertSameBothWays(bibliographyFixture('library.bib'));
  });

  test('biblatex-examples.bib', (t) => {
    if (!existsSync(EXAMPLES)) {
      t.skip(`${EXAMPLES} is missing: install the Debian package texlive-bibtex-extra to run this test`);
      return;
    }
    assertSameBothWays(readFileSync(EXAMPLES, 'utf8'));
  });

  test('entries the whole-entry pattern declines, between entries it accepts', () => {
    assertSameBothWays([
      '@article{plain, title = {A {Nested {Deeply {Four {Five}}}}} Title}, year = 2001}',
      '@book{comment,',
      '% a commented-out field',
      '  title = {B}}',
      '@book (paren, title = "C")',
      '@misc{quoted, title = "Two',
      'lines"}',
      '@misc{ spaced, title = {D}}',
      '@misc{broken, title = {E}',
      '@misc{next, title = {F}, note = {x} # {y}}',
      '@misc{digits, year = 2006a}',
      '@misc{plain, title = {Duplicate}}',
      '@misc{crlf,\r\n  title = {G\r\n  continued},\r\n}',
      '@misc{tail, title = {H}',
    ].join('\n'));
  });

  test('a field read after the scan sees the macros its entry saw, not later definitions', () => {
    const text = [
      '@string{pub = {First}}',
      '@book{early, publisher = pub # { Press}}',
      '@string{pub = {Second}}',
      '@book{late, publisher = pub}',
      '@book{undefined, publisher = later}',
      '@string{later = {Too late}}',
    ].join('\n');
    const scan = scanBibtex(ScannedText.ofString(text), new LineIndex(text));
    const publisher = (index: number) => scan.fields.value(scan.entries[index].firstField);
    // Asked in reverse order: each entry reads its fields only now, after every definition was scanned.
    assert.deepEqual([publisher(2), publisher(1), publisher(0)], ['', 'Second', 'First Press']);
    assertSameBothWays(text);
  });

  test('a broken entry is still reported at its line, and the entries after it load', () => {
    const text = '@misc{a, title = {A}}\n\n@misc{b, title = {B}\n@misc{c, title = {C}}\n';
    const scan = scanBibtex(ScannedText.ofString(text), new LineIndex(text));
    assert.deepEqual(scan.entries.map((e) => e.key), ['a', 'c']);
    assert.deepEqual(scan.problems.map((p) => [p.kind, p.range.start.line, p.message]), [
      ['syntax', 2, "Entry 'b' cannot be read: the entry is not closed; a new entry starts at line 4. It is skipped; the other entries still load."],
    ]);
    assertSameBothWays(text);
  });
});
