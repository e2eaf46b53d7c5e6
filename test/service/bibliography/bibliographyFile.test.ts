// One entry point: the reader is chosen by the file's extension.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bibliographyFormatOf, readBibliography } from '../../../server/src/service/bibliography/bibliographyFile';
import { entrySource } from '../../../server/src/service/bibliography/bibliographyEntry';
import { bibliographyFixture } from './bibliographyTestHelpers';

describe('readBibliography', () => {
  test('chooses the format by extension', () => {
    assert.deepEqual(
      ['a.bib', 'b.JSON', 'c.yaml', 'd.yml', 'e.ris', 'f.biblatex', 'g.txt', 'noextension'].map(bibliographyFormatOf),
      ['bibtex', 'csl-json', 'csl-yaml', 'csl-yaml', 'ris', 'bibtex', null, null],
    );
  });

  test('reads each fixture with its reader, the path as source', () => {
    const formats = ['library.bib', 'references.json', 'references.yaml', 'pandoc-references.yaml', 'references.ris'].map((name) => {
      const result = readBibliography(`refs/${name}`, bibliographyFixture(name));
      return [name, result.entries.length, result.problems.length, entrySource(result.entries[0])?.format, result.entries[0].source];
    });
    assert.deepEqual(formats, [
      ['library.bib', 7, 2, 'bibtex', 'refs/library.bib'],
      ['references.json', 2, 1, 'csl-json', 'refs/references.json'],
      ['references.yaml', 2, 1, 'csl-yaml', 'refs/references.yaml'],
      ['pandoc-references.yaml', 2, 0, 'csl-yaml', 'refs/pandoc-references.yaml'],
      ['references.ris', 2, 1, 'ris', 'refs/references.ris'],
    ]);
  });

  test('reads an unknown extension as BibTeX', () => {
    assert.deepEqual(readBibliography('refs.txt', '@book{a, title = {A}}').entries.map((entry) => entry.key), ['a']);
  });

  test('passes the id options to every reader', () => {
    const ids = readBibliography('r.ris', bibliographyFixture('references.ris'), { idPrefix: 'r.ris#', firstIdNumber: 1 }).entries.map((entry) => entry.id);
    assert.deepEqual(ids, ['r.ris#1', 'r.ris#2']);
  });
});
