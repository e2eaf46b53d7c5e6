// Property: the indexed search of libraries (candidates from an index of word beginnings, ranked in listing order,
// stopping early) answers exactly as a plain walk over every entry does: the same entries in the same order, and
// the same `incomplete`. The walk below is written from the rules, not from the search's code: a query word
// matches an entry when it starts one of the entry's words (folded key, folded surnames, year, folded title
// words); an entry whose lower-case key starts with the typed text ranks first.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { ReferenceEntry } from '../../server/src/service/model';
import { buildKeyOrderedIndex, buildSearchIndex, queryWords, searchEntries, type SearchIndex, type SearchResult } from '../../server/src/service/features/entrySearch';
import { foldedKey } from '../../server/src/service/resolve/surname';
import { checkProperty, scaled } from './runMode';

const RUNS = scaled(300, 5_000);
const LARGE_RUNS = scaled(5, 50);
const TIMEOUT = scaled(120_000, 3_600_000);

// Few distinct pieces, so that queries built from them match many entries (and the limit cuts lists).
const KEY_PARTS = ['knuth', 'Knuth', 'knu', 'ct', ':', '-', '.', '/', 'a', 'b', 'c1', 'c10', 'müller', 'Šmith', "o'brien", '_', 'the', '2001', ' '];
const SURNAMES = ['Knuth', 'Müller', 'Muller', 'Smith', 'Šmith', "O'Brien", 'van Dijk', 'Łukasiewicz', 'The', 'Andersen', 'Ngũgĩ', 'World Health Organization', ''];
const YEARS = ['2001', '2001a', '1999', '19', 'n.d.', 'forthcoming', '2000'];
const TITLE_WORDS = ['The', 'theory', 'Art', 'of', 'Computer', 'Programming', 'Space', 'Time', 'Müller', 'knuth', '2001', 'Ça', 'va', 'Æsop', '—', 'and', '“Quoted”', 'C++'];
const QUERY_PARTS = [...KEY_PARTS, ...SURNAMES, ...YEARS, ...TITLE_WORDS, 'k', 'kn', 'th', 'mu', 'sm', 'sp', 'ti', 'et al', 'and', ',', ';', '&', ' ', '  ', 'MÜ', 'smi'];

interface EntrySpec {
  readonly key: string | null;
  readonly authors: readonly string[];
  readonly year: string | null;
  readonly title: string | null;
}

const entrySpec: fc.Arbitrary<EntrySpec> = fc.record({
  key: fc.option(fc.array(fc.constantFrom(...KEY_PARTS), { minLength: 1, maxLength: 4 }).map((parts) => parts.join('')), { freq: 10 }),
  authors: fc.array(fc.constantFrom(...SURNAMES), { maxLength: 3 }),
  year: fc.option(fc.constantFrom(...YEARS), { freq: 5 }),
  title: fc.option(fc.array(fc.constantFrom(...TITLE_WORDS), { minLength: 1, maxLength: 5 }).map((words) => words.join(' ')), { freq: 5 }),
});

function entryOf(spec: EntrySpec, id: string): ReferenceEntry {
  // Only what a search reads; the rest is never looked at.
  return { ...spec, id, source: 'library.bib' } as unknown as ReferenceEntry;
}

/** What the writer typed: pieces of keys and words, or the beginning of one of the entries' keys (as typed, or in capitals). */
type TypedSpec = { readonly parts: readonly string[] } | { readonly entry: number; readonly length: number; readonly capitals: boolean };

interface Case {
  readonly document: readonly EntrySpec[];
  readonly libraries: readonly (readonly EntrySpec[])[];
  /** Several searches of the same indexes. */
  readonly typed: readonly TypedSpec[];
  readonly limit: number;
  /** Which entries `accept` turns away: those whose id's number is divisible by this (0: none). */
  readonly refuseEvery: number;
  readonly byTitle: boolean;
  /** How many steps of idle preparation each library had before the search (the rest is done on demand). */
  readonly prepared: number;
}

/** Libraries of up to `largest` entries (many buckets of the index hold several beginnings in small ones). */
const cases = (smallest: number, largest: number): fc.Arbitrary<Case> => fc.record({
  document: fc.array(entrySpec, { maxLength: 4 }),
  libraries: fc.array(fc.array(entrySpec, { minLength: smallest, maxLength: largest }), { minLength: 1, maxLength: 2 }),
  typed: fc.array(fc.oneof(
    fc.record({ parts: fc.array(fc.constantFrom(...QUERY_PARTS), { maxLength: 3 }) }),
    fc.record({ entry: fc.nat(), length: fc.nat({ max: 12 }), capitals: fc.boolean() }),
  ), { minLength: 1, maxLength: 8 }),
  limit: fc.integer({ min: 0, max: 8 }),
  refuseEvery: fc.constantFrom(0, 0, 2, 3),
  byTitle: fc.boolean(),
  prepared: fc.integer({ min: 0, max: 6 }),
});

/** The rank of an entry by the rules (null: no match), lower is better. */
function ruleRank(entry: ReferenceEntry, typedKey: string, words: readonly string[]): number | null {
  if (typedKey.length > 0 && (entry.key ?? '').toLowerCase().startsWith(typedKey)) return 0;
  const key = foldedKey(entry.key ?? '');
  const surnames = entry.authors.map(foldedKey).filter((s) => s.length > 0);
  const titleWords = (entry.title ?? '').split(/[^\p{L}\p{N}]+/u).map(foldedKey);
  const entryWords = [key, ...surnames, foldedKey(entry.year ?? ''), ...titleWords].filter((w) => w.length > 0);
  let rank = 0;
  for (const word of words) {
    if (!entryWords.some((w) => w.startsWith(word))) return null;
    rank += key.startsWith(word) ? 0 : surnames.some((s) => s.startsWith(word)) ? 1 : (entry.year ?? '').startsWith(word) ? 2 : 3;
  }
  return rank;
}

/** Every entry walked, ranked by the rules: the best `limit` by rank, then listing order (or `order`, among the first `limit` of a rank). */
function walkedSearch(listings: readonly (readonly ReferenceEntry[])[], typed: string, limit: number, accept: (e: ReferenceEntry) => boolean, order?: (a: ReferenceEntry, b: ReferenceEntry) => number): SearchResult {
  const words = queryWords(typed);
  const typedKey = typed.trim().toLowerCase();
  const byRank: ReferenceEntry[][] = [];
  let matched = 0;
  for (const listed of listings) {
    for (const entry of listed) {
      const rank = words.length === 0 ? 0 : ruleRank(entry, typedKey, words);
      if (rank === null || !accept(entry)) continue;
      matched++;
      (byRank[rank] ??= []).push(entry);
    }
  }
  const ranked = byRank.flatMap((entries) => {
    const first = (entries ?? []).slice(0, limit);
    return order ? first.sort(order) : first;
  });
  return { entries: ranked.slice(0, limit), incomplete: matched > limit };
}

/** A library's listing order by the rules: by key, code unit by code unit, entries of one key as given. */
function byKey(entries: readonly ReferenceEntry[]): ReferenceEntry[] {
  return entries.map((entry, i) => ({ entry, i })).sort((a, b) => {
    const keyA = a.entry.key ?? '';
    const keyB = b.entry.key ?? '';
    return keyA < keyB ? -1 : keyA > keyB ? 1 : a.i - b.i;
  }).map((x) => x.entry);
}

/** Searches the case's indexes for each typed text and compares with the walk. */
function searchesAlike(c: Case): void {
  let next = 0;
  const entriesOf = (specs: readonly EntrySpec[]) => specs.map((spec) => entryOf(spec, `E${next++}`));
  const document = entriesOf(c.document);
  const libraries = c.libraries.map(entriesOf);
  const all = [...document, ...libraries.flat()];
  const indexes: SearchIndex[] = [...(document.length > 0 ? [buildSearchIndex(document)] : []), ...libraries.map(buildKeyOrderedIndex)];
  for (const index of indexes) {
    let steps = c.prepared;
    index.prepare(() => steps-- > 0);
  }
  const listings = [...(document.length > 0 ? [document] : []), ...libraries.map(byKey)];
  const accept = (e: ReferenceEntry) => c.refuseEvery === 0 || Number(e.id.slice(1)) % c.refuseEvery !== 0;
  const order = c.byTitle ? (a: ReferenceEntry, b: ReferenceEntry) => ((a.title ?? '') < (b.title ?? '') ? -1 : (a.title ?? '') > (b.title ?? '') ? 1 : 0) : undefined;
  for (const spec of c.typed) {
    const key = 'parts' in spec || all.length === 0 ? '' : (all[spec.entry % all.length].key ?? '').slice(0, spec.length);
    const typed = 'parts' in spec ? spec.parts.join('') : spec.capitals ? key.toUpperCase() : key;
    const found = searchEntries(indexes, typed, c.limit, accept, order);
    const expected = walkedSearch(listings, typed, c.limit, accept, order);
    assert.deepEqual(found.entries.map((e) => e.id), expected.entries.map((e) => e.id), `typed ${JSON.stringify(typed)}`);
    assert.equal(found.incomplete, expected.incomplete, `typed ${JSON.stringify(typed)}`);
  }
}

describe('indexed search = every entry walked', { timeout: TIMEOUT }, () => {
  it('answers alike for random libraries, queries, limits, filters and orders', (t) => {
    checkProperty(t, 'indexed search = walk', RUNS, cases(0, 150), searchesAlike);
  });

  it('answers alike for libraries of thousands of entries', (t) => {
    checkProperty(t, 'indexed search = walk, large libraries', LARGE_RUNS, cases(2_000, 5_000), searchesAlike);
  });
});
