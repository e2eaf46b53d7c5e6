// The banded edit distance that "did you mean" runs against every key of a library gives what the whole table
// gives: the optimal string alignment distance when it is within `max`, and `max + 1` beyond.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { editDistance } from '../../server/src/service/resolve/surname';
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

describe('editDistance', () => {
  it('is the whole-table distance within max, and max + 1 beyond', (t) => {
    checkProperty(t, 'editDistance: band = whole table', scaled(20_000, 500_000), fc.record({ a: word, b: word, max: fc.integer({ min: 0, max: 4 }) }), ({ a, b, max }) => {
      const exact = wholeTableDistance(a, b);
      assert.equal(editDistance(a, b, max), exact <= max ? exact : max + 1, JSON.stringify({ a, b, max, exact }));
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
