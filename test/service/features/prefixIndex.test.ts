// The index of beginnings: every entry with a word (or key) starting with the characters asked for is among the
// candidates, in ascending order and once; built in two passes over the entries.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PrefixIndex } from '../../../server/src/service/features/prefixIndex';

/** Search texts, folded keys and lower-case keys of a few entries, as the search index makes them. */
const ENTRIES = [
  { text: ' knuth:ct knuth 1984 the texbook ', folded: 'knuth:ct', lower: 'knuth:ct' },
  { text: ' knuth:cta knuth 1986 computers and typesetting a ', folded: 'knuth:cta', lower: 'knuth:ct:a' },
  { text: ' muller muller 2001 space and time ', folded: 'muller', lower: 'müller' },
  { text: ' smith smith 1999 theory of the novel ', folded: 'smith', lower: 'šmith' },
  { text: ' ', folded: '', lower: '' },
];

function built(): PrefixIndex {
  const index = new PrefixIndex(ENTRIES.length);
  ENTRIES.forEach((e, at) => index.countEntry(at, e.text, e.folded, e.lower));
  assert.equal(index.ready, false, 'counted, not filed');
  ENTRIES.forEach((e, at) => index.fileEntry(at, e.text, e.folded, e.lower));
  assert.equal(index.ready, true);
  return index;
}

/** Candidates that really have such a beginning (the rest share a bucket by a hash collision). */
function having(candidates: Int32Array, has: (at: number) => boolean): number[] {
  return [...candidates].filter(has);
}

describe('PrefixIndex', () => {
  const index = built();
  const wordsOf = (at: number) => ENTRIES[at].text.trim().split(' ');

  test('every word beginning of one to three characters, and longer words by their first three', () => {
    for (const [word, expected] of [['k', [0, 1]], ['kn', [0, 1]], ['knu', [0, 1]], ['knuth', [0, 1]], ['t', [0, 1, 2, 3]], ['th', [0, 3]], ['the', [0, 3]], ['theory', [3]], ['19', [0, 1, 3]], ['2001', [2]]] as const) {
      const candidates = index.wordCandidates(word);
      assert.deepEqual(having(candidates, (at) => wordsOf(at).some((w) => w.startsWith(word))), expected, word);
      assert.deepEqual([...candidates], [...candidates].sort((a, b) => a - b), `${word}: ascending`);
      assert.equal(new Set(candidates).size, candidates.length, `${word}: each entry once`);
    }
  });

  test('few candidates besides the entries asked for; none for a beginning inside a word (`ex` of `texbook`)', () => {
    // 2,000 entries with one rare word each: their buckets are many, so that collisions are rare.
    const count = 2_000;
    const texts = Array.from({ length: count }, (_, at) => ` texbook w${at} `);
    const large = new PrefixIndex(count);
    texts.forEach((text, at) => large.countEntry(at, text, `k${at}`, `k${at}`));
    texts.forEach((text, at) => large.fileEntry(at, text, `k${at}`, `k${at}`));
    assert.equal(large.wordCandidates('tex').length, count);
    assert.ok(large.wordCandidates('ex').length < 20, 'only entries of a colliding bucket');
    // w17 starts 111 words: w17, w170 to w179, w1700 to w1799.
    const starting = (prefix: string) => texts.flatMap((text, at) => (text.includes(` ${prefix}`) ? [at] : []));
    assert.deepEqual(having(large.wordCandidates('w17'), (at) => texts[at].includes(' w17')), starting('w17'));
    assert.ok(large.wordCandidates('w17').length < 111 + 20);
    assert.deepEqual(having(large.keyCandidates('k17'), (at) => `k${at}`.startsWith('k17')), starting('w17'));
    assert.ok(large.keyCandidates('k17').length < 111 + 20);
  });

  test('keys: typed (lower case, punctuation and all) and folded, each by its own beginnings', () => {
    assert.ok(index.keyCandidates('knuth:ct:').includes(1));
    assert.ok(index.keyCandidates('mü').includes(2));
    assert.ok(index.keyCandidates('š').includes(3));
    assert.ok(index.foldedKeyCandidates('smi').includes(3));
    assert.ok(index.foldedKeyCandidates('mul').includes(2));
  });

  test('an empty index has no candidates', () => {
    const empty = new PrefixIndex(0);
    assert.equal(empty.ready, true);
    assert.deepEqual([...empty.wordCandidates('a')], []);
  });
});
