// The banded edit distance that "did you mean" runs against every key of a library gives what the whole table
// gives: the optimal string alignment distance when it is within `max`, and `max + 1` beyond.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { distancesFrom, editDistance } from '../../server/src/service/resolve/surname';
import { checkProperty, scaled } from './runMode';

/** Optimal string alignment distance over the whole table, as the textbook writes it. */
function wholeTableDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** Words over a small alphabet, so that near misses, swaps and repeats are common. */
const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd', ':', '1', 'é'), maxLength: 14 });

/** `a` after up to three edits (a swap of neighbours, a deletion, an insertion of `x`): near misses of long strings. */
function mutated(a: string): fc.Arbitrary<string> {
  const edit = fc.record({ at: fc.nat(), kind: fc.constantFrom('swap', 'delete', 'insert') });
  return fc.array(edit, { maxLength: 3 }).map((edits) => edits.reduce((text, { at, kind }) => {
    const i = text.length === 0 ? 0 : at % text.length;
    if (kind === 'swap' && i + 1 < text.length) return text.slice(0, i) + text[i + 1] + text[i] + text.slice(i + 2);
    if (kind === 'delete') return text.slice(0, i) + text.slice(i + 1);
    return text.slice(0, i) + 'x' + text.slice(i);
  }, a));
}

describe('editDistance', () => {
  it('is the whole-table distance within max, and max + 1 beyond', (t) => {
    checkProperty(t, 'editDistance: band = whole table', scaled(20_000, 500_000), fc.record({ a: word, b: word, max: fc.integer({ min: 0, max: 4 }) }), ({ a, b, max }) => {
      const exact = wholeTableDistance(a, b);
      assert.equal(editDistance(a, b, max), exact <= max ? exact : max + 1, JSON.stringify({ a, b, max, exact }));
    });
  });

  it('from one string to many (bit-parallel, optionally lower-casing each) is the whole-table distance within max, and max + 1 beyond', (t) => {
    // Up to 40 units: past 32 the comparison falls back to the band.
    // Capitals (ASCII, and some whose lower case is longer or ASCII: İ, the Kelvin sign) for `lowerCaseB`.
    const long = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'A', 'B', ':', '1', 'é', 'É', 'İ', '\u212a', 'k', '\u{1F600}'), maxLength: 40 });
    const pair = fc.oneof(fc.record({ a: word, b: word }), fc.record({ a: long, b: long }), long.chain((a) => fc.record({ a: fc.constant(a), b: mutated(a) })));
    const cases = fc.record({ pair, max: fc.integer({ min: 0, max: 4 }), lowerCaseB: fc.boolean() });
    checkProperty(t, 'distancesFrom: bit-parallel = whole table', scaled(20_000, 500_000), cases, ({ pair: { a, b }, max, lowerCaseB }) => {
      const exact = wholeTableDistance(a, lowerCaseB ? b.toLowerCase() : b);
      assert.equal(distancesFrom(a, max, lowerCaseB)(b), exact <= max ? exact : max + 1, JSON.stringify({ a, b, max, lowerCaseB, exact }));
    });
  });

  it('counts a swap of neighbours as one edit and stops beyond max', () => {
    assert.equal(editDistance('smith2019', 'simth2019', 2), 1);
    assert.equal(editDistance('knuth:ct:a', 'knuth:ct:b', 1), 1);
    assert.equal(editDistance('abcdef', 'badcfe', 2), 3);
    assert.equal(editDistance('abcdef', 'badcfe', 3), 3);
    assert.equal(editDistance('westfahl:space', 'westfahl:spac', 2), 1);
    assert.equal(editDistance('', 'abc', 2), 3);
    assert.equal(editDistance('', 'ab', 2), 2);
  });
});
