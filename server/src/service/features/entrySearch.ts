// Matching what the writer typed against entries: key, author surnames, year and title words. A library's
// search texts are built once (while the server is idle, or on the first search that needs them) and kept
// with it; a search walks them, keeps the best matches in rank buckets and puts only the matches in key order.
import type { ReferenceEntry } from '../model';
import { detached } from '../detachedString';
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

/** What a search compares with the typed words, one column per entry. */
interface SearchColumns {
  /** ` key surname surname year title words `: matched by word prefix. */
  readonly texts: readonly string[];
  /** Folded keys, and ` surname surname` (with a leading space), for ranking. */
  readonly keys: readonly string[];
  readonly authors: readonly string[];
}

/** How many entries' search texts are made between two looks at the time allowed. */
const PREPARED_AT_ONCE = 64;

/**
 * Entries to search, in the order matches are listed in. The search texts are made on the first search that
 * needs them (reading every entry's authors and title), or ahead of it while the server is idle (`prepare`);
 * a search that keys alone answer reads only the keys.
 */
export class SearchIndex {
  #lowerKeys: readonly string[] | null = null;
  /** The search texts of the first entries, all of them once `prepare` has finished. */
  readonly #columns: { texts: string[]; keys: string[]; authors: string[] } = { texts: [], keys: [], authors: [] };

  /** `keyOrdered`: matches are listed by key (stable: entries of one key in the order given), else in the order given. */
  constructor(
    readonly entries: readonly ReferenceEntry[],
    private readonly keyOrdered: boolean,
  ) {}

  /** Keys in lower case, as typed: `knuth:ct:a` is found by its whole prefix, punctuation and all. */
  get lowerKeys(): readonly string[] {
    return (this.#lowerKeys ??= this.entries.map((entry) => detached((entry.key ?? '').toLowerCase())));
  }

  /** Whether the search texts of every entry are made. */
  get prepared(): boolean {
    return this.#columns.texts.length === this.entries.length;
  }

  get columns(): SearchColumns {
    if (!this.prepared) this.prepare(() => true);
    return this.#columns;
  }

  /** Makes the search texts a few entries at a time while `more()` allows; true when all are made. */
  prepare(more: () => boolean): boolean {
    const { texts, keys, authors } = this.#columns;
    while (texts.length < this.entries.length) {
      if (!more()) return false;
      const end = Math.min(this.entries.length, texts.length + PREPARED_AT_ONCE);
      for (let i = texts.length; i < end; i++) {
        const entry = this.entries[i];
        const key = foldedKey(entry.key ?? '');
        let surnames = '';
        for (const author of entry.authors) {
          const folded = foldedKey(author);
          if (folded.length > 0) surnames += ` ${folded}`;
        }
        const year = foldedKey(entry.year ?? '');
        // Copies of their own: a search walks them all, and pieces cut from a 35 MB file lie all over it.
        texts.push(detached(`${key.length > 0 ? ` ${key}` : ''}${surnames}${year.length > 0 ? ` ${year}` : ''}${titleText(entry.title)} `));
        keys.push(detached(key));
        authors.push(detached(surnames));
      }
    }
    return true;
  }

  /** Sorts positions of entries into listing order. */
  inListingOrder(positions: number[]): number[] {
    if (!this.keyOrdered) return positions.sort((a, b) => a - b);
    const entries = this.entries;
    return positions.sort((a, b) => {
      const keyA = entries[a].key ?? '';
      const keyB = entries[b].key ?? '';
      return keyA < keyB ? -1 : keyA > keyB ? 1 : a - b;
    });
  }
}

export function buildSearchIndex(entries: readonly ReferenceEntry[]): SearchIndex {
  return new SearchIndex(entries, false);
}

/** A bibliography's index: its entries in key order, as completion lists them. */
export function buildKeyOrderedIndex(entries: readonly ReferenceEntry[]): SearchIndex {
  return new SearchIndex(entries, true);
}

/** The words of a query, folded like the search text. */
export function queryWords(typed: string): string[] {
  return typed.split(/[\s,;:&]+/).map(foldedKey).filter((w) => w.length > 0 && w !== 'and' && w !== 'et' && w !== 'al');
}

/** Rank of entry `i` for the words: null for no match, else lower is better (key, then surname, year, title). */
function rankAt(index: SearchIndex, lowerKeys: readonly string[], columns: SearchColumns, i: number, typedKey: string, words: readonly string[], needles: readonly string[]): number | null {
  if (typedKey.length > 0 && lowerKeys[i].startsWith(typedKey)) return 0;
  let rank = 0;
  const text = columns.texts[i];
  for (let w = 0; w < words.length; w++) {
    if (!text.includes(needles[w])) return null;
    if (columns.keys[i].startsWith(words[w])) continue;
    rank += columns.authors[i].includes(needles[w]) ? 1 : index.entries[i].year?.startsWith(words[w]) ? 2 : 3;
  }
  return rank;
}

/**
 * Whether entry `i` ranks first by its key alone: the key starts with what was typed, or its folded key
 * with every word (`rankAt` gives 0 then). Words that are not all prefixes of the longest never do the latter.
 */
function ranksFirstByKey(index: SearchIndex, i: number, typedKey: string, words: readonly string[], oneKeyFitsAll: boolean): boolean {
  if (words.length === 0) return true;
  if (typedKey.length > 0 && index.lowerKeys[i].startsWith(typedKey)) return true;
  if (!oneKeyFitsAll) return false;
  const key = index.columns.keys[i];
  return words.every((word) => key.startsWith(word));
}

export interface SearchResult {
  /** Best first: by rank, then in index order (or by `order` within a rank). */
  readonly entries: ReferenceEntry[];
  /** Whether more entries matched than `limit`, so that the list was cut. */
  readonly incomplete: boolean;
}

/** The positions in `index` of the entries `matches` picks and `accept` accepts, in listing order. */
function matchesOf(index: SearchIndex, matches: (i: number) => boolean, accept: (entry: ReferenceEntry) => boolean): number[] {
  const found: number[] = [];
  for (let i = 0; i < index.entries.length; i++) if (matches(i) && accept(index.entries[i])) found.push(i);
  return index.inListingOrder(found);
}

/**
 * Searches several indexes (document entries, then each library), keeping at most `limit` best matches.
 * Entries that rank first by their keys alone are found first: when more than `limit` do, they are the
 * answer, and no author or title of a large library is read (typing a key narrows to its prefix).
 */
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
  const longest = words.reduce((a, b) => (b.length > a.length ? b : a), '');
  const oneKeyFitsAll = words.every((word) => longest.startsWith(word));
  // Before a library's search texts are made, keys alone may answer (a pass over the keys first); once they
  // are, one ranking pass answers everything.
  if (words.length === 0 || !indexes.every((index) => index.prepared)) {
    const firstByKey: ReferenceEntry[] = [];
    for (const index of indexes) {
      for (const i of matchesOf(index, (i) => ranksFirstByKey(index, i, typedKey, words, oneKeyFitsAll), accept)) firstByKey.push(index.entries[i]);
    }
    if (firstByKey.length > limit || words.length === 0) {
      const best = firstByKey.slice(0, limit);
      return { entries: order ? best.sort(order) : best, incomplete: firstByKey.length > limit };
    }
  }
  // One bucket per rank, each in listing order; no bucket needs more than `limit` entries to give the best `limit`.
  const buckets: ReferenceEntry[][] = [];
  let matched = 0;
  for (const index of indexes) {
    const ranks = new Map<number, number>();
    const lowerKeys = index.lowerKeys;
    const columns = index.columns;
    const found = matchesOf(index, (i) => {
      const rank = rankAt(index, lowerKeys, columns, i, typedKey, words, needles);
      if (rank !== null) ranks.set(i, rank);
      return rank !== null;
    }, accept);
    matched += found.length;
    for (const i of found) {
      const bucket = (buckets[ranks.get(i)!] ??= []);
      if (bucket.length < limit) bucket.push(index.entries[i]);
    }
  }
  const ranked = buckets.flatMap((b) => (b === undefined ? [] : order ? b.sort(order) : b));
  return { entries: ranked.slice(0, limit), incomplete: matched > limit };
}
