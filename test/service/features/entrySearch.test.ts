// Search ranking: matches answered by keys alone (more than the limit rank first by key) are the same
// entries, in the same order, as ranking every entry by its authors, year and title words would give.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readBibtex } from '../../../server/src/service/bibliography/bibtexReader';
import { buildKeyOrderedIndex, buildSearchIndex, searchEntries } from '../../../server/src/service/features/entrySearch';

/** Forty copies of three works; the keys sort differently from the file order. */
function library(): string {
  const works: string[] = [];
  for (let copy = 39; copy >= 0; copy--) {
    works.push(`@incollection{westfahl:space-c${copy}, author = {Westfahl, Gary}, title = {The True Frontier}, year = 2000}`);
    works.push(`@book{space:westfahl-c${copy}, author = {Spacek, Jan}, title = {Westfahl Spaces}, year = 1999}`);
    works.push(`@article{mueller-c${copy}, author = {M{\\"u}ller, Anna}, title = {Space and Time}, date = {2001-05}}`);
  }
  return works.join('\n');
}

describe('searchEntries', () => {
  const { entries } = readBibtex('library.bib', library());
  const index = () => buildKeyOrderedIndex(entries);
  const keysOf = (found: { entries: readonly { key: string | null }[] }) => found.entries.map((e) => e.key);

  test('more key matches than the limit: the first by key, listed in key order', () => {
    const cold = index();
    const found = searchEntries([cold], 'westfahl:spac', 5);
    assert.deepEqual(keysOf(found), ['westfahl:space-c0', 'westfahl:space-c1', 'westfahl:space-c10', 'westfahl:space-c11', 'westfahl:space-c12']);
    assert.equal(found.incomplete, true);
    assert.equal(cold.prepared, false, 'answered from the keys alone: no search text made, the library not sorted');
    // Made ahead, the index answers alike.
    const ahead = index();
    ahead.prepare(() => true);
    assert.deepEqual(searchEntries([ahead], 'westfahl:spac', 5), found);
    // Ranked with every entry read (a limit above the number of matches), the same five come first.
    assert.deepEqual(keysOf(searchEntries([index()], 'westfahl:spac', 1000)).slice(0, 5), keysOf(found));
  });

  test('words matched in keys and in titles: only entries where every word matches, key matches first', () => {
    const all = searchEntries([index()], 'westfahl spac', 1000);
    assert.equal(all.incomplete, false);
    // `space:westfahl…`: key starts with `spac`, `westfahl` a title word. `westfahl:space…` has no word starting `spac`.
    assert.deepEqual([...new Set(keysOf(all).map((k) => k!.replace(/-c\d+$/, '')))], ['space:westfahl']);
    assert.equal(all.entries.length, 40);
    const few = searchEntries([index()], 'westfahl spac', 3);
    assert.deepEqual(keysOf(few), keysOf(all).slice(0, 3));
    assert.equal(few.incomplete, true);
  });

  test('folded surnames and years are matched after LaTeX decoding', () => {
    const found = searchEntries([index()], 'muller 2001', 2);
    assert.deepEqual(keysOf(found), ['mueller-c0', 'mueller-c1']);
    assert.equal(found.incomplete, true);
  });

  test('search texts made ahead, a few entries per allowance, answer as texts made on demand', () => {
    const ahead = index();
    assert.equal(ahead.prepare(() => false), false);
    // One allowance at a time: copies of the 120 keys, their sort, the search texts (64 entries, then 56), then
    // the prefix index (64 entries, then 56).
    let allowances = 0;
    for (let done = false; !done; allowances++) {
      let allowed = 1;
      done = ahead.prepare(() => allowed-- > 0);
    }
    assert.equal(allowances, 6);
    assert.equal(ahead.prepare(() => false), true);
    assert.deepEqual(ahead.columns, index().columns);
    assert.deepEqual(keysOf(searchEntries([ahead], 'westfahl spac', 1000)), keysOf(searchEntries([index()], 'westfahl spac', 1000)));
  });

  test('nothing typed: every entry, first ones by key', () => {
    const found = searchEntries([index()], '', 2);
    assert.deepEqual(keysOf(found), ['mueller-c0', 'mueller-c1']);
    assert.equal(found.incomplete, true);
  });
});

describe('searchEntries: exact answers', () => {
  const { entries } = readBibtex('small.bib', [
    '@book{knuth:ct, author = {Knuth, Donald E.}, title = {Computers and Typesetting}, year = 1984}',
    '@book{knuth:ct:a, author = {Knuth, Donald E.}, title = {The {\\TeX}book}, year = 1984}',
    '@book{knuth:ct:b, author = {Knuth, Donald E.}, title = {{\\TeX}: The Program}, year = 1986}',
    '@article{Muller2001, author = {M{\\"u}ller, Anna and Smith, John}, title = {Space and Time}, year = 2001}',
    '@article{smith:theory, author = {Šmith, Ivan}, title = {A Theory of Novels}, year = 1999}',
    '@misc{zeta, author = {Other, Person}, title = {Knuthian Analysis}, year = 2001}',
  ].join('\n'));
  const search = (typed: string, limit = 10) => {
    const found = searchEntries([buildKeyOrderedIndex(entries)], typed, limit);
    return { keys: found.entries.map((e) => e.key), incomplete: found.incomplete };
  };

  test('a word matches where it starts a word: keys first, then a title word; never inside a word', () => {
    assert.deepEqual(search('knu'), { keys: ['knuth:ct', 'knuth:ct:a', 'knuth:ct:b', 'zeta'], incomplete: false });
    assert.deepEqual(search('nuth'), { keys: [], incomplete: false });
  });

  test('several words: entries where every word matches, ranked by where they match', () => {
    assert.deepEqual(search('knuth 1986').keys, ['knuth:ct:b']);
    // `smith` starts Muller2001's second surname (rank 1), `2001` its year (rank 2); smith:theory is of 1999.
    assert.deepEqual(search('smith 2001').keys, ['Muller2001']);
    assert.deepEqual(search('knuth and et al').keys, search('knuth').keys);
  });

  test('the typed key, lower-cased, punctuation and all, ranks first though its words match no word', () => {
    assert.deepEqual(search('knuth:ct:').keys, ['knuth:ct:a', 'knuth:ct:b']);
    assert.deepEqual(search('KNUTH:CT:A').keys, ['knuth:ct:a']);
  });

  test('names are folded: diacritics, case', () => {
    assert.deepEqual(search('müller').keys, ['Muller2001']);
    // smith:theory by its key (its author is Šmith), Muller2001 by its second author.
    assert.deepEqual(search('šmith').keys, ['smith:theory', 'Muller2001']);
    assert.deepEqual(search('smi').keys, ['smith:theory', 'Muller2001']);
  });

  test('nothing typed: every entry, by key code unit by code unit (capitals first)', () => {
    assert.deepEqual(search('', 2), { keys: ['Muller2001', 'knuth:ct'], incomplete: true });
    assert.deepEqual(search('', 6).incomplete, false);
  });

  test('more matches than the limit: the best, and the list marked incomplete; no more: complete', () => {
    assert.deepEqual(search('knuth', 3), { keys: ['knuth:ct', 'knuth:ct:a', 'knuth:ct:b'], incomplete: true });
    assert.deepEqual(search('knuth', 4), { keys: ['knuth:ct', 'knuth:ct:a', 'knuth:ct:b', 'zeta'], incomplete: false });
    assert.deepEqual(search('2001', 1), { keys: ['Muller2001'], incomplete: true });
  });

  test('a document index (in the order given, read whole) and a library answer together, the document first', () => {
    const document = buildSearchIndex(entries.slice(3));
    const found = searchEntries([document, buildKeyOrderedIndex(entries.slice(0, 3))], 'knuth', 10);
    assert.deepEqual(found.entries.map((e) => e.key), ['knuth:ct', 'knuth:ct:a', 'knuth:ct:b', 'zeta']);
    assert.deepEqual(searchEntries([document], '', 10).entries.map((e) => e.key), ['Muller2001', 'smith:theory', 'zeta']);
  });
});
