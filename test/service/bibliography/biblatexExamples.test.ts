// A real public file: biblatex's own examples (Debian package texlive-bibtex-extra). Every entry is found
// at its line with no false problems. CI installs the package; without it the test says so and skips.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { readBibliography } from '../../../server/src/service/bibliography/bibliographyFile';

const EXAMPLES = '/usr/share/texlive/texmf-dist/bibtex/bib/biblatex/biblatex/biblatex-examples.bib';

/** Entries by a plain line scan, independent of the reader: `@type{key,` at the start of a line. */
function entriesByLineScan(text: string): { line: number; key: string }[] {
  const found: { line: number; key: string }[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const match = /^@(\w+)\{([^,\s]*),/.exec(line);
    if (match !== null && !['string', 'comment', 'preamble'].includes(match[1].toLowerCase())) found.push({ line: index, key: match[2] });
  });
  return found;
}

test('biblatex-examples.bib: every entry at its line, no problems', (t) => {
  if (!existsSync(EXAMPLES)) {
    t.skip(`${EXAMPLES} is missing: install the Debian package texlive-bibtex-extra to run this test`);
    return;
  }
  const text = readFileSync(EXAMPLES, 'utf8');
  const result = readBibliography('biblatex-examples.bib', text);
  assert.deepEqual(result.problems, []);
  const expected = entriesByLineScan(text);
  assert.ok(expected.length >= 90, `the line scan found ${expected.length} entries`);
  assert.deepEqual(result.entries.map((entry) => ({ line: entry.range.start.line, key: entry.key })), expected);
  for (const entry of result.entries) {
    assert.equal(text.split('\n')[entry.range.end.line][entry.range.end.character - 1], '}', `${entry.key} ends at its closing brace`);
  }
  const aksin = result.entries.find((entry) => entry.key === 'aksin');
  assert.deepEqual(aksin?.authors, ['Aksın', 'Türkmen', 'Artok', 'Çetinkaya', 'Ni', 'Büyükgüngör', 'Özkal']);
  const westfahl = result.entries.find((entry) => entry.key === 'westfahl:space');
  assert.deepEqual([westfahl?.year, westfahl?.container, westfahl?.editors, westfahl?.pages?.first, westfahl?.pages?.last], ['2000', 'Space and Beyond', ['Westfahl'], 55, 65]);
});
