// The style one entry is formatted in: the bibliography's <sort> goes, everything else stays. The built-in styles
// are formatted so and write entries as their whole styles do; custom styles keep their sort.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readBibliography } from '../../../server/src/service/bibliography/bibliographyFile';
import { formatEntry } from '../../../server/src/service/bibliography/cslConversion';
import { singleEntryStyle } from '../../../server/src/service/bibliography/singleEntryStyle';
import { bibliographyFixture } from './bibliographyTestHelpers';

/**
 * A sorted bibliography (comments in and before the sort), and a citation that adds given names to tell authors
 * apart but shows none: the names citeproc sees before writing the entry are those of the sort keys.
 */
const SORTED_STYLE = `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Sorted</title><id>sorted</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <macro name="author"><names variable="author"><name name-as-sort-order="all" initialize-with=". "/></names></macro>
  <citation disambiguate-add-givenname="true">
    <sort><key macro="author"/></sort>
    <layout><text variable="title"/></layout>
  </citation>
  <bibliography>
    <!-- by author, then title -->
    <sort><key macro="author"/><!-- then --><key variable="title"/></sort>
    <layout><text macro="author" suffix=": "/><text variable="title" font-style="italic"/></layout>
  </bibliography>
</style>`;

describe('singleEntryStyle', () => {
  test("drops the bibliography's sort and the comments, and nothing else", () => {
    const expected = SORTED_STYLE.replace('<!-- by author, then title -->', '').replace('<sort><key macro="author"/><!-- then --><key variable="title"/></sort>', '');
    assert.equal(singleEntryStyle(SORTED_STYLE), expected);
    assert.match(expected, /<citation [^>]*>\s*<sort><key macro="author"\/><\/sort>/);
  });

  test('finds the bibliography outside comments', () => {
    const style = '<style><!-- simpler than a <bibliography> --><bibliography><sort><key variable="title"/></sort><layout/></bibliography></style>';
    assert.equal(singleEntryStyle(style), '<style><bibliography><layout/></bibliography></style>');
  });

  test('reads a namespace prefix, attributes and closing tags written out', () => {
    const style = '<cs:style><cs:bibliography et-al-min="4"><cs:sort><cs:key variable="title"></cs:key></cs:sort><cs:layout/></cs:bibliography></cs:style>';
    assert.equal(singleEntryStyle(style), '<cs:style><cs:bibliography et-al-min="4"><cs:layout/></cs:bibliography></cs:style>');
  });

  test('leaves a style as it is when its bibliography has no sort, a sort with more than keys in it, or a comment never closed', () => {
    const unsorted = '<style><citation><sort><key variable="title"/></sort><layout/></citation><bibliography><layout/></bibliography></style>';
    const odd = '<style><bibliography><sort><key variable="title"/><text value="x"/></sort><layout/></bibliography></style>';
    const citationOnly = '<style><citation><layout/></citation></style>';
    const unclosedComment = '<style><bibliography><sort><key variable="title"/></sort><layout/></bibliography><!-- </style>';
    for (const style of [unsorted, odd, citationOnly, unclosedComment]) assert.equal(singleEntryStyle(style), style);
  });
});

const yamlEntry = (yaml: string) => readBibliography('x.yaml', yaml).entries[0];

describe('formatting one entry', () => {
  test('a custom style keeps its sort: the given names of two Smiths come out as the whole style writes them', () => {
    const smiths = (second: string) => yamlEntry(`- id: smiths\n  type: book\n  title: Two Smiths\n  author:\n    - family: Smith\n      given: John\n    - family: Smith\n      given: ${second}\n`);
    assert.deepEqual([smiths('Jane'), smiths('Mary')].map((entry) => formatEntry(entry, { name: 'sorted', xml: SORTED_STYLE }).markdown), [
      // Without the sort, citeproc writes `Smith, J., Smith, Jane`.
      'Smith, John, Smith, Jane: *Two Smiths*',
      'Smith, J., Smith, M.: *Two Smiths*',
    ]);
  });

  test('formats the built-in styles as their whole styles do (two authors of one name, editors, an institution)', () => {
    const library = readBibliography('library.bib', bibliographyFixture('library.bib')).entries;
    const [, , medvedev, cohen, who] = library;
    assert.deepEqual([medvedev, cohen, who].flatMap((entry) => (['harvard', 'apa', 'vancouver'] as const).map((style) => formatEntry(entry, style).markdown)), [
      'Medvedev, R.A. and Medvedev, Z.A. (1980) “Khrushchev: The Years in Power & After,” in S.F. Cohen and Étienne de la Boétie (eds.) *The Soviet Union since Stalin*. Indiana University Press, pp. 50–70.',
      'Medvedev, R. A., & Medvedev, Z. A. (1980). Khrushchev: The Years in Power & After. In S. F. Cohen & Étienne de la Boétie (Eds.), *The Soviet Union since Stalin* (pp. 50–70). Indiana University Press.',
      'Medvedev RA, Medvedev ZA. Khrushchev: The Years in Power & After. In: Cohen SF, Étienne de la Boétie, editors. The Soviet Union since Stalin. Indiana University Press; 1980. p. 50–70.',
      'Cohen, S.F. and Étienne de la Boétie (eds.) (1980) *The Soviet Union since Stalin*. Indiana University Press.',
      'Cohen, S. F., & Étienne de la Boétie (Eds.). (1980). *The Soviet Union since Stalin*. Indiana University Press.',
      'Cohen SF, Étienne de la Boétie, editors. The Soviet Union since Stalin. Indiana University Press; 1980.',
      'World Health Organization (2020) *Coronavirus disease (COVID-19) – situation report*. Available at: https://www.who.int/ (Accessed: March 1, 2020).',
      'World Health Organization. (2020). *Coronavirus disease (COVID-19) – situation report*. https://www.who.int/',
      'World Health Organization. Coronavirus disease (COVID-19) – situation report \\[Internet\\]. 2020 \\[cited 2020 Mar 1\\]. Available from: https://www.who.int/',
    ]);
  });

  test('the built-in styles write two Smiths among four authors, and a date range, as their whole styles do', () => {
    const smiths = yamlEntry('- id: smiths\n  type: book\n  title: Four Authors\n  publisher: Penguin\n  issued: 2001\n  author:\n    - family: Smith\n      given: John\n    - family: Jones\n      given: Anna\n    - family: Lee\n      given: Bo\n    - family: Smith\n      given: Jane\n');
    const range = yamlEntry('- id: ct\n  type: book\n  title: Computers and Typesetting\n  publisher: Addison-Wesley\n  issued:\n    date-parts: [[1984], [1986]]\n  accessed: 2020-03-01\n  author:\n    - family: Knuth\n      given: Donald E.\n');
    assert.deepEqual([smiths, range].flatMap((entry) => (['harvard', 'apa', 'vancouver'] as const).map((style) => formatEntry(entry, style).markdown)), [
      'Smith, John *et al.* (2001) *Four Authors*. Penguin.',
      'Smith, J., Jones, A., Lee, B., & Smith, J. (2001). *Four Authors*. Penguin.',
      'Smith J, Jones A, Lee B, Smith J. Four Authors. Penguin; 2001.',
      'Knuth, D.E. (1984–1986) *Computers and Typesetting*. Addison-Wesley.',
      'Knuth, D. E. (1984–1986). *Computers and Typesetting*. Addison-Wesley.',
      'Knuth DE. Computers and Typesetting. Addison-Wesley; 1984–1986.',
    ]);
  });

  test('a custom style changed under the same name formats as it now stands', () => {
    const entry = yamlEntry('- id: a\n  type: book\n  title: A Title\n  author:\n    - family: Doe\n      given: Jane\n');
    const italic = { name: 'changing', xml: SORTED_STYLE };
    const bold = { name: 'changing', xml: SORTED_STYLE.replace('font-style="italic"', 'font-weight="bold"') };
    assert.deepEqual([formatEntry(entry, italic).markdown, formatEntry(entry, bold).markdown, formatEntry(entry, italic).markdown], [
      'Doe, J.: *A Title*',
      'Doe, J.: **A Title**',
      'Doe, J.: *A Title*',
    ]);
  });
});
