// citation-js (slow to load, network code inside) is loaded when an entry is first converted, never when
// a bibliography is read. Each test file runs in its own process, so the module cache tells the truth.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readBibliography } from '../../../server/src/service/bibliography/bibliographyFile';
import { entryToCsl } from '../../../server/src/service/bibliography/cslConversion';
import { bibliographyFixture } from './bibliographyTestHelpers';

function loadedCitationJsModules(): string[] {
  return Object.keys(require.cache).filter((path) => path.includes('@citation-js'));
}

test('reading bibliographies does not load citation-js; converting an entry does', () => {
  const entries = ['library.bib', 'references.json', 'references.yaml', 'references.ris'].flatMap((name) => readBibliography(name, bibliographyFixture(name)).entries);
  assert.equal(entries.length, 13);
  assert.deepEqual(loadedCitationJsModules(), []);
  assert.equal(entryToCsl(entries[0]).id, 'tompson1997');
  assert.ok(loadedCitationJsModules().some((path) => path.includes('plugin-bibtex')));
});
