// Search ranking: matches answered by keys alone (more than the limit rank first by key) are the same
// entries, in the same order, as ranking every entry by its authors, year and title words would give.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readBibtex } from '../../../server/src/service/bibliography/bibtexReader';
import { buildKeyOrderedIndex, searchEntries } from '../../../server/src/service/features/entrySearch';

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
    const found = searchEntries([index()], 'westfahl:spac', 5);
    assert.deepEqual(keysOf(found), ['westfahl:space-c0', 'westfahl:space-c1', 'westfahl:space-c10', 'westfahl:space-c11', 'westfahl:space-c12']);
    assert.equal(found.incomplete, true);
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
    let allowed = 1;
    const more = () => allowed-- > 0;
    assert.equal(ahead.prepare(() => false), false);
    assert.equal(ahead.prepare(more), false, 'one allowance makes the texts of 64 of the 120 entries');
    allowed = 1;
    assert.equal(ahead.prepare(more), true);
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
