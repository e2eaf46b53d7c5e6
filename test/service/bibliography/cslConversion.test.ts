// One entry to CSL-JSON and formatted with citation-js: exact output in Harvard, APA and Vancouver.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readBibliography } from '../../../server/src/service/bibliography/bibliographyFile';
import { dependentStyleParent, entryToCsl, formatEntry } from '../../../server/src/service/bibliography/cslConversion';
import type { ReferenceEntry } from '../../../server/src/service/model';
import { bibliographyFixture } from './bibliographyTestHelpers';

const library = readBibliography('library.bib', bibliographyFixture('library.bib')).entries;
const breslauer = library[1];
const medvedev = library[2];

const MINIMAL_STYLE = `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Minimal</title><id>minimal</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout><names variable="author"><name form="short"/></names><text value=": "/><text variable="title" font-style="italic"/></layout></bibliography>
</style>`;

describe('formatEntry', () => {
  test('formats a .bib entry in Harvard, as text and as Markdown', () => {
    assert.deepEqual(formatEntry(breslauer, 'harvard'), {
      text: 'Breslauer, G.W. (1982) Khrushchev and Brezhnev as Leaders: Building Authority in Soviet Politics. Cambridge University Press.',
      markdown: 'Breslauer, G.W. (1982) *Khrushchev and Brezhnev as Leaders: Building Authority in Soviet Politics*. Cambridge University Press.',
    });
  });

  test('formats the same entry in APA 7', () => {
    assert.equal(
      formatEntry(breslauer, 'apa').text,
      'Breslauer, G. W. (1982). Khrushchev and Brezhnev as Leaders: Building Authority in Soviet Politics. Cambridge University Press.',
    );
  });

  test('formats in Vancouver without the citation number', () => {
    assert.equal(
      formatEntry(breslauer, 'vancouver').text,
      'Breslauer GW. Khrushchev and Brezhnev as Leaders: Building Authority in Soviet Politics. Cambridge University Press; 1982.',
    );
  });

  test('formats a chapter with what it inherits through crossref', () => {
    assert.equal(
      formatEntry(medvedev, 'harvard').text,
      'Medvedev, R.A. and Medvedev, Z.A. (1980) “Khrushchev: The Years in Power & After,” in S.F. Cohen and Étienne de la Boétie (eds.) The Soviet Union since Stalin. Indiana University Press, pp. 50–70.',
    );
  });

  test('formats CSL-JSON, CSL-YAML and RIS entries', () => {
    const json = readBibliography('r.json', bibliographyFixture('references.json')).entries;
    const yaml = readBibliography('r.yaml', bibliographyFixture('pandoc-references.yaml')).entries;
    const ris = readBibliography('r.ris', bibliographyFixture('references.ris')).entries;
    assert.deepEqual([formatEntry(json[0], 'harvard').text, formatEntry(yaml[0], 'harvard').text, formatEntry(yaml[1], 'apa').text, formatEntry(ris[0], 'apa').text, formatEntry(ris[1], 'harvard').text], [
      'Taubman, W. (2003) Khrushchev: The Man and His Era. W. W. Norton.',
      'Nikita Khrushchev (1970) Khrushchev Remembers. Little, Brown.',
      'Smith, J., & Lee, K. (2019). Citation practices: a survey. Journal of “Writing” Studies, 45–67.',
      'Smith, J., & Lee, K. (2019). Citation practices in student essays. Journal of Writing Studies, 45–67.',
      'World Health Organization (2020) “Situation reports,” in A. Brown (ed.) Pandemic Documents, pp. 100–112.',
    ]);
  });

  test('cleans the LaTeX citation-js leaves or cannot read, and escapes Markdown', () => {
    const [entry] = readBibliography('x.bib', '@article{e, author = {Doe, Jane}, title = {On \\enquote*{quoted} words and {\\TeX}\\slash{}{\\LaTeX}}, journal = {J. \\& Co.}, year = 2000}').entries;
    assert.deepEqual(formatEntry(entry, 'harvard'), {
      text: 'Doe, J. (2000) “On ‘quoted’ words and TeX/LaTeX,” J. & Co. [Preprint].',
      markdown: 'Doe, J. (2000) “On ‘quoted’ words and TeX/LaTeX,” *J. & Co.* \\[Preprint\\].',
    });
  });

  test('formats with a custom CSL style', () => {
    assert.deepEqual(formatEntry(breslauer, { name: 'minimal', xml: MINIMAL_STYLE }), {
      text: 'Breslauer: Khrushchev and Brezhnev as Leaders: Building Authority in Soviet Politics',
      markdown: 'Breslauer: *Khrushchev and Brezhnev as Leaders: Building Authority in Soviet Politics*',
    });
  });

  test('refuses a dependent style, naming its parent', () => {
    const dependent = '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0"><info><link href="http://www.zotero.org/styles/apa" rel="independent-parent"/></info></style>';
    assert.equal(dependentStyleParent(dependent), 'http://www.zotero.org/styles/apa');
    assert.equal(dependentStyleParent(MINIMAL_STYLE), null);
    assert.throws(() => formatEntry(breslauer, { name: 'apa-dependent', xml: dependent }), {
      message: "The style 'apa-dependent' is a dependent style: use its parent style (http://www.zotero.org/styles/apa) instead.",
    });
  });
});

describe('entryToCsl', () => {
  test('converts a .bib entry with its key as id, macros expanded and LaTeX decoded', () => {
    assert.deepEqual(entryToCsl(library[0]), {
      author: [{ given: 'William J.', family: 'Tompson' }, { given: 'Jörg', family: 'Müller' }],
      'container-title': 'Journal of Historical Studies',
      id: 'tompson1997',
      'citation-key': 'tompson1997',
      issued: { 'date-parts': [[1997, 3]] },
      page: '130-152',
      title: 'Khrushchev: A Political Life',
      type: 'article-journal',
    });
  });

  test('gives a fresh copy each time', () => {
    const first = entryToCsl(breslauer);
    first.title = 'Changed';
    assert.equal(entryToCsl(breslauer).title, 'Khrushchev and Brezhnev as Leaders: Building Authority in Soviet Politics');
  });

  test('normalises CSL-YAML dates for citeproc', () => {
    const [entry] = readBibliography('x.yaml', '- id: a\n  type: book\n  issued: 2005-03-12\n- id: b\n  issued: [{year: 1982, month: 4}]\n').entries;
    assert.deepEqual(entryToCsl(entry), { id: 'a', type: 'book', issued: { 'date-parts': [[2005, 3, 12]] } });
  });

  test('builds an item from a reference-list entry that has no bibliography source', () => {
    const entry: ReferenceEntry = {
      id: 'R3', source: 'document', range: breslauer.range, start: 0, end: 10, text: 'Smith, J. (2019) Title.', key: null, keyRange: null,
      authors: ['Smith'], authorRanges: [], year: '2019', yearRange: null, title: 'Title', container: 'Journal', editors: [],
      pages: { text: '4-7', first: 4, last: 7, range: breslauer.range }, kind: 'article', label: 'Smith, J. (2019)',
    };
    assert.deepEqual(entryToCsl(entry), {
      id: 'R3', type: 'article-journal', author: [{ family: 'Smith' }], title: 'Title', 'container-title': 'Journal', page: '4-7',
      issued: { 'date-parts': [[2019]] },
    });
  });
});
