// Properties of the scanners and readers on their own: the pandoc and LaTeX citation scanners and the .bib reader
// throw nothing on any input, report ranges inside the text, and name what is really there (the text at a key's
// range is the key). A .bib entry read, printed and read again gives the same fields.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Citation } from '../../server/src/service/model';
import { bibEntryType, bibFields } from '../../server/src/service/bibliography/bibliographyEntry';
import { readBibtex } from '../../server/src/service/bibliography/bibtexReader';
import { scanLatex } from '../../server/src/service/syntax/latexScanner';
import { maskLatex, maskMarkdown } from '../../server/src/service/syntax/mask';
import { scanPandoc } from '../../server/src/service/syntax/pandocScanner';
import {
  bibEntrySpec, bibFileSpec, latexDocument, noise, pandocDocument, printBibEntry, renderBibFile, type BibEntrySpec, type BibFieldSpec,
} from './generators';
import { assertRangeInside, shapeOf, type DocumentShape } from './ranges';
import { checkProperty, scaled } from './runMode';
import { failOnUnhandledRejections } from './unhandledRejections';

failOnUnhandledRejections();

const RUNS = scaled(200, 10_000);
const TIMEOUT = scaled(120_000, 3_600_000);

const mixed: fc.Arbitrary<string> = fc.array(fc.oneof(noise, pandocDocument, latexDocument), { maxLength: 5 }).map((p) => p.join(''));

function checkCitations(shape: DocumentShape, citations: readonly Citation[]): void {
  const text = shape.document.getText();
  let previousStart = -1;
  citations.forEach((c, i) => {
    const name = `citation ${i} '${c.text}'`;
    assertRangeInside(shape, c.range, `${name} range`);
    assertRangeInside(shape, c.outerRange, `${name} outerRange`);
    assert.ok(0 <= c.outerStart && c.outerStart <= c.outerEnd && c.outerEnd <= text.length, `${name}: offsets`);
    assert.ok(c.outerStart >= previousStart, `${name}: citations in document order`);
    previousStart = c.outerStart;
    c.items.forEach((item, j) => {
      const itemName = `${name} item ${j}`;
      assertRangeInside(shape, item.range, `${itemName} range`);
      if (item.keyRange) {
        assertRangeInside(shape, item.keyRange, `${itemName} keyRange`);
        assert.equal(shape.document.getText(item.keyRange), item.key, `${itemName}: the text at the key's range is the key`);
      }
      if (item.locator) {
        assertRangeInside(shape, item.locator.range, `${itemName} locator`);
        assert.equal(shape.document.getText(item.locator.range), item.locator.text, `${itemName}: the text at the locator's range is the locator`);
      }
    });
  });
}

/** A value BibTeX can hold between quotes: no `"` outside braces. */
function quotable(value: string): boolean {
  let depth = 0;
  for (const c of value) {
    if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === '"' && depth === 0) return false;
  }
  return true;
}

/**
 * Makes an entry one that BibTeX reads as written: a quoted value with a bare `"` gets braces, and a key loses
 * `#` (BibTeX's concatenation operator, which pandoc keys may hold but .bib keys cannot).
 */
function wellFormed(entry: BibEntrySpec): BibEntrySpec {
  return { ...entry, key: entry.key.replaceAll('#', '-'), fields: entry.fields.map((f): BibFieldSpec => (f.delimiter === 'quotes' && !quotable(f.value) ? { ...f, delimiter: 'braces' } : f)) };
}

function fieldsOf(entry: Parameters<typeof bibFields>[0]): Record<string, string> {
  return Object.fromEntries([...(bibFields(entry) ?? new Map<string, string>())].sort(([a], [b]) => a.localeCompare(b)));
}

describe('scanner and reader properties', { timeout: TIMEOUT }, () => {
  for (const [name, arbitrary] of [['pandoc documents', pandocDocument], ['mixed text', mixed]] as const) {
    it(`pandoc scanner: ${name}`, (t) => {
      let found = 0;
      checkProperty(t, `pandoc scanner: ${name}`, RUNS, arbitrary, (text) => {
        const document = TextDocument.create('file:///w/p.md', 'markdown', 1, text);
        const citations = scanPandoc(maskMarkdown(text).text, text, (s, e) => ({ start: document.positionAt(s), end: document.positionAt(e) }));
        found += citations.length;
        checkCitations(shapeOf(document), citations);
      });
      t.diagnostic(`pandoc scanner: ${name}: ${found} citations checked`);
    });
  }

  for (const [name, arbitrary] of [['LaTeX documents', latexDocument], ['mixed text', mixed]] as const) {
    it(`LaTeX scanner: ${name}`, (t) => {
      let found = 0;
      checkProperty(t, `LaTeX scanner: ${name}`, RUNS, arbitrary, (text) => {
        const document = TextDocument.create('file:///w/p.tex', 'latex', 1, text);
        const citations = scanLatex(maskLatex(text).text, text, (s, e) => ({ start: document.positionAt(s), end: document.positionAt(e) }));
        found += citations.length;
        checkCitations(shapeOf(document), citations);
      });
      t.diagnostic(`LaTeX scanner: ${name}: ${found} citations checked`);
    });
  }

  it('.bib reader: any file, broken or not, gives entries and problems inside the file', (t) => {
    let entries = 0;
    let problems = 0;
    const files = fc.oneof({ weight: 4, arbitrary: bibFileSpec.map(renderBibFile) }, { weight: 1, arbitrary: mixed });
    checkProperty(t, '.bib reader: ranges', RUNS, files, (text) => {
      const shape = shapeOf(TextDocument.create('file:///w/refs.bib', 'bibtex', 1, text));
      const result = readBibtex('/w/refs.bib', text);
      entries += result.entries.length;
      problems += result.problems.length;
      result.entries.forEach((entry, i) => {
        const name = `entry ${i} '${entry.key ?? ''}'`;
        assertRangeInside(shape, entry.range, `${name} range`);
        if (entry.keyRange) {
          assertRangeInside(shape, entry.keyRange, `${name} keyRange`);
          assert.equal(shape.document.getText(entry.keyRange), entry.key, `${name}: the text at the key's range is the key`);
        }
        entry.authorRanges.forEach((r, k) => assertRangeInside(shape, r, `${name} author ${k}`));
        if (entry.yearRange) assertRangeInside(shape, entry.yearRange, `${name} yearRange`);
        if (entry.pages) assertRangeInside(shape, entry.pages.range, `${name} pages`);
      });
      result.problems.forEach((problem, i) => {
        assertRangeInside(shape, problem.range, `problem ${i} (${problem.message})`);
        if (problem.related) assertRangeInside(shape, problem.related.range, `problem ${i} related`);
      });
    });
    t.diagnostic(`.bib reader: ${entries} entries and ${problems} problems checked`);
  });

  it('.bib reader: entries read, printed and read again give the same fields', (t) => {
    let entries = 0;
    // Distinct keys: BibTeX keys are case-insensitive, and a duplicate key is a problem of its own.
    const files = fc.uniqueArray(bibEntrySpec.map(wellFormed), { maxLength: 8, selector: (e) => e.key.toLowerCase() });
    checkProperty(t, '.bib reader: round trip', RUNS, files, (specs) => {
      const text = specs.map(printBibEntry).join('\n');
      const first = readBibtex('/w/refs.bib', text);
      assert.deepEqual(first.problems, [], `no problems in a well-formed file:\n${text}`);
      // Read as generated.
      assert.deepEqual(first.entries.map((e) => e.key), specs.map((s) => s.key), 'every entry, in order');
      first.entries.forEach((entry, i) => {
        assert.equal(bibEntryType(entry), specs[i].type.toLowerCase(), `entry ${entry.key}: type`);
        const expected = Object.fromEntries(specs[i].fields.map((f) => [f.name.toLowerCase(), f.value] as const).sort(([a], [b]) => a.localeCompare(b)));
        assert.deepEqual(fieldsOf(entry), expected, `entry ${entry.key}: fields as written`);
      });
      // Printed from what was read, and read again.
      const printed = first.entries
        .map((e) => printBibEntry({ type: bibEntryType(e) ?? 'misc', key: e.key ?? '', fields: Object.entries(fieldsOf(e)).map(([name, value]) => ({ name, value, delimiter: 'braces' as const })) }))
        .join('\n');
      const second = readBibtex('/w/refs.bib', printed);
      assert.deepEqual(second.problems, [], `no problems in the printed file:\n${printed}`);
      assert.deepEqual(second.entries.map((e) => [e.key, bibEntryType(e), fieldsOf(e)]), first.entries.map((e) => [e.key, bibEntryType(e), fieldsOf(e)]));
      assert.deepEqual(second.entries.map((e) => [e.authors, e.year, e.title]), first.entries.map((e) => [e.authors, e.year, e.title]), 'the same authors, year and title');
      entries += specs.length;
    });
    t.diagnostic(`.bib reader round trip: ${entries} entries read, printed and read again`);
  });
});
