// Matching what the writer typed against entries: key, author surnames, year and title words. A library's
// search texts are built once (on first use) and kept with it; a search walks them in key order and keeps
// the best matches in rank buckets, so a 50,000-entry library needs no sort per keystroke.
import type { ReferenceEntry } from '../model';
import { foldedKey } from '../resolve/surname';

/** Title words folded like queries, each with a space before it. */
function titleText(title: string | null): string {
  let text = '';
  for (const word of (title ?? '').split(/[^\p{L}\p{N}]+/u)) {
    const folded = foldedKey(word);
    if (folded.length > 0) text += ` ${folded}`;
  }
  return text;
}

export interface SearchIndex {
  /** In the order given to `buildSearchIndex`. */
  readonly entries: readonly ReferenceEntry[];
  readonly texts: readonly string[];
  /** Keys in lower case, as typed: `knuth:ct:a` is found by its whole prefix, punctuation and all. */
  readonly lowerKeys: readonly string[];
  /** Folded keys, and ` surname surname` (with a leading space), for ranking. */
  readonly keys: readonly string[];
  readonly authors: readonly string[];
}

export function buildSearchIndex(entries: readonly ReferenceEntry[]): SearchIndex {
  const texts: string[] = [];
  const lowerKeys: string[] = [];
  const keys: string[] = [];
  const authors: string[] = [];
  for (const entry of entries) {
    const key = foldedKey(entry.key ?? '');
    let surnames = '';
    for (const author of entry.authors) {
      const folded = foldedKey(author);
      if (folded.length > 0) surnames += ` ${folded}`;
    }
    const year = foldedKey(entry.year ?? '');
    // ` key surname surname year title words `: matched by word prefix.
    texts.push(`${key.length > 0 ? ` ${key}` : ''}${surnames}${year.length > 0 ? ` ${year}` : ''}${titleText(entry.title)} `);
    lowerKeys.push((entry.key ?? '').toLowerCase());
    keys.push(key);
    authors.push(surnames);
  }
  return { entries, texts, lowerKeys, keys, authors };
}

/** A bibliography's index: its entries in key order, as completion lists them. */
export function buildKeyOrderedIndex(entries: readonly ReferenceEntry[]): SearchIndex {
  return buildSearchIndex([...entries].sort((a, b) => ((a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0)));
}

/** The words of a query, folded like the search text. */
export function queryWords(typed: string): string[] {
  return typed.split(/[\s,;:&]+/).map(foldedKey).filter((w) => w.length > 0 && w !== 'and' && w !== 'et' && w !== 'al');
}

/** Rank of entry `i` for the words: null for no match, else lower is better (key, then surname, year, title). */
function rankAt(index: SearchIndex, i: number, typedKey: string, words: readonly string[], needles: readonly string[]): number | null {
  if (typedKey.length > 0 && index.lowerKeys[i].startsWith(typedKey)) return 0;
  let rank = 0;
  const text = index.texts[i];
  for (let w = 0; w < words.length; w++) {
    if (!text.includes(needles[w])) return null;
    if (index.keys[i].startsWith(words[w])) continue;
    rank += index.authors[i].includes(needles[w]) ? 1 : index.entries[i].year?.startsWith(words[w]) ? 2 : 3;
  }
  return rank;
}

export interface SearchResult {
  /** Best first: by rank, then in index order (or by `order` within a rank). */
  readonly entries: ReferenceEntry[];
  /** How many entries matched in all (more than `entries` when the limit cut the list). */
  readonly matched: number;
}

/** Searches several indexes (document entries, then each library), keeping at most `limit` best matches. */
export function searchEntries(
  indexes: readonly SearchIndex[],
  typed: string,
  limit: number,
  accept: (entry: ReferenceEntry) => boolean = () => true,
  order?: (a: ReferenceEntry, b: ReferenceEntry) => number,
): SearchResult {
  const words = queryWords(typed);
  const typedKey = typed.trim().toLowerCase();
  const needles = words.map((w) => ` ${w}`);
  // One bucket per rank; no bucket needs more than `limit` entries to give the best `limit`.
  const buckets: ReferenceEntry[][] = [];
  let matched = 0;
  for (const index of indexes) {
    for (let i = 0; i < index.entries.length; i++) {
      const rank = words.length === 0 ? 0 : rankAt(index, i, typedKey, words, needles);
      if (rank === null || !accept(index.entries[i])) continue;
      matched++;
      const bucket = (buckets[rank] ??= []);
      if (bucket.length < limit) bucket.push(index.entries[i]);
    }
  }
  const ranked = buckets.flatMap((b) => (b === undefined ? [] : order ? b.sort(order) : b));
  return { entries: ranked.slice(0, limit), matched };
}
