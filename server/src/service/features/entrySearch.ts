// Matching what the writer typed against entries: key, author surnames, year and title words. A library's
// entries are sorted into listing order, and their search texts made with an index of the words' first
// characters, once (while the server is idle, or on the first search that needs them) and kept with it. A search
// ranks only the entries the index names, in listing order, and stops as soon as no later entry can change the
// answer.
import type { ReferenceEntry } from '../model';
import { detached } from '../detachedString';
import { foldedKey } from '../resolve/surname';
import { StepwiseSort } from '../stepwiseSort';
import { PrefixIndex } from './prefixIndex';

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
  /** Years as written (`2001a`), or empty. */
  readonly years: readonly string[];
  /** Keys in lower case, as typed: `knuth:ct:a` is found by its whole prefix, punctuation and all. */
  readonly lowerKeys: readonly string[];
}

/** How many entries' search texts are made, or filed in the prefix index, between two looks at the time allowed. */
const PREPARED_AT_ONCE = 64;
/** How many moves the sort into listing order makes between two looks at the time allowed (well under a millisecond). */
const SORTED_AT_ONCE = 4096;

/** What was typed, as a search compares it. */
interface Query {
  /** Lower case, as typed: entries whose key starts with it rank first. */
  readonly typedKey: string;
  /** Folded words, each of which must start a word of the search text; with a space before each, as `needles`. */
  readonly words: readonly string[];
  readonly needles: readonly string[];
}

/**
 * The best matches found so far: one bucket per rank (lower is better), each in listing order and never longer
 * than `limit`, as no bucket needs more entries to give the best `limit`.
 */
class Ranking {
  readonly buckets: ReferenceEntry[][] = [];
  /** Matches counted: all of them, or (once a match can no longer change the answer) more than `limit`. */
  matched = 0;

  constructor(readonly limit: number) {}

  add(entry: ReferenceEntry, rank: number): void {
    this.matched++;
    const bucket = (this.buckets[rank] ??= []);
    if (bucket.length < this.limit) bucket.push(entry);
  }

  /** Whether a match of `rank` can change the answer: it fills its bucket, or it tells whether the list is cut. */
  wants(rank: number): boolean {
    return this.matched <= this.limit || (this.buckets[rank]?.length ?? 0) < this.limit;
  }

  /** Whether later matches cannot change the answer: `limit` entries of the best rank, and more matches than `limit`. */
  get settled(): boolean {
    return this.matched > this.limit && (this.buckets[0]?.length ?? 0) === this.limit;
  }
}

/** Calls `visit` with each number of two ascending lists once, in ascending order, while it returns true. */
function eachOfBoth(a: Int32Array, b: Int32Array, visit: (at: number) => boolean): void {
  for (let x = 0, y = 0; x < a.length || y < b.length; ) {
    const at = y === b.length || (x < a.length && a[x] <= b[y]) ? a[x] : b[y];
    if (x < a.length && a[x] === at) x++;
    if (y < b.length && b[y] === at) y++;
    if (!visit(at)) return;
  }
}

const NONE = new Int32Array(0);

/**
 * Entries to search, in the order matches are listed in. Sorting them into that order, the search texts and
 * the index of their words are made on the first search that needs them, or ahead of it while the server is
 * idle (`prepare`); a search with no words needs only the order.
 */
export class SearchIndex {
  /** Copies of the keys, then the sort into listing order, while it goes on. */
  #sortKeys: string[] = [];
  #sorting: StepwiseSort | null = null;
  /** Positions (in `entries`) of the entries in listing order, once sorted. */
  #order: Int32Array | null = null;
  /**
   * The search texts of the first entries in listing order, all of them once `prepare` has finished. Made in
   * listing order, they lie in memory in the order a search reads them: made in the order given, a search that
   * read thousands of them took two to four times as long.
   */
  readonly #columns: { texts: string[]; keys: string[]; authors: string[]; years: string[]; lowerKeys: string[] } = {
    texts: [], keys: [], authors: [], years: [], lowerKeys: [],
  };
  /** Listing positions by the first characters of the words of their search texts and keys; null: a search reads every entry. */
  readonly #prefixes: PrefixIndex | null;
  /** Every listing position, for a search that reads every entry. */
  #every: Int32Array | null = null;
  /** Whether the entries are a library's (see the constructor). */
  readonly #library: boolean;

  /**
   * `library`: the entries of a bibliography file, kept and searched again and again: listed by key (stable:
   * entries of one key in the order given), and a search reads only those whose words start like the typed
   * ones, found in an index of their words' beginnings. Otherwise (a document's entries, for one request)
   * listed in the order given, and a search reads them all.
   */
  constructor(
    readonly entries: readonly ReferenceEntry[],
    library: boolean,
  ) {
    this.#library = library;
    if (!library) {
      this.#order = new Int32Array(entries.length);
      for (let i = 0; i < entries.length; i++) this.#order[i] = i;
    }
    this.#prefixes = library ? new PrefixIndex(entries.length) : null;
  }

  /** Whether the entries are in listing order, and the search texts of every entry made and indexed. */
  get prepared(): boolean {
    return this.#order !== null && this.#columns.texts.length === this.entries.length && (this.#prefixes?.ready ?? true);
  }

  get columns(): SearchColumns {
    if (!this.prepared) this.prepare(() => true);
    return this.#columns;
  }

  /**
   * Sorts the entries, makes their search texts (counting their words' beginnings), then files the entries in
   * the prefix index, a few steps at a time while `more()` allows; true when all is done.
   */
  prepare(more: () => boolean): boolean {
    const order = this.#orderWhile(more);
    if (order === null) return false;
    const { texts, keys, authors, years, lowerKeys } = this.#columns;
    const prefixes = this.#prefixes;
    while (texts.length < this.entries.length) {
      if (!more()) return false;
      const end = Math.min(this.entries.length, texts.length + PREPARED_AT_ONCE);
      for (let at = texts.length; at < end; at++) {
        const entry = this.entries[order[at]];
        const key = foldedKey(entry.key ?? '');
        let surnames = '';
        for (const author of entry.authors) {
          const folded = foldedKey(author);
          if (folded.length > 0) surnames += ` ${folded}`;
        }
        const year = foldedKey(entry.year ?? '');
        // Copies of their own: a search reads them all, and pieces cut from a 35 MB file lie all over it.
        const text = detached(`${key.length > 0 ? ` ${key}` : ''}${surnames}${year.length > 0 ? ` ${year}` : ''}${titleText(entry.title)} `);
        texts.push(text);
        keys.push(detached(key));
        authors.push(detached(surnames));
        years.push(detached(entry.year ?? ''));
        lowerKeys.push(detached((entry.key ?? '').toLowerCase()));
        prefixes?.countEntry(at, text, keys[at], lowerKeys[at]);
      }
    }
    while (prefixes !== null && !prefixes.ready) {
      if (!more()) return false;
      const end = Math.min(texts.length, prefixes.filed + PREPARED_AT_ONCE);
      for (let at = prefixes.filed; at < end; at++) prefixes.fileEntry(at, texts[at], keys[at], lowerKeys[at]);
    }
    return true;
  }

  /**
   * Ranks the entries that match, in listing order, into `ranking`, until it is settled. `firstOnly`: only
   * the entries that rank first (by key), found by their keys' beginnings.
   */
  rankInto(query: Query, accept: (entry: ReferenceEntry) => boolean, ranking: Ranking, firstOnly: boolean): void {
    if (query.words.length === 0) {
      // Nothing to match: every entry ranks first by key.
      const order = this.#orderWhile(() => true)!;
      for (let at = 0; at < order.length && !ranking.settled; at++) {
        const entry = this.entries[order[at]];
        if (accept(entry)) ranking.add(entry, 0);
      }
      return;
    }
    if (firstOnly && this.#library && !this.prepared) return this.#rankFirstByKeysAlone(query, accept, ranking);
    const columns = this.columns;
    const order = this.#order!;
    const [some, more] = this.#candidates(query, firstOnly);
    eachOfBoth(some, more, (at) => {
      const rank = rankAt(columns, at, query);
      // `accept` reads the entry (a lookup by key, say): only for a match that can change the answer.
      if (rank !== null && (rank === 0 || !firstOnly) && ranking.wants(rank)) {
        const entry = this.entries[order[at]];
        if (accept(entry)) ranking.add(entry, rank);
      }
      return !ranking.settled;
    });
  }

  /**
   * Ranks the entries that rank first by key into `ranking`, from their keys alone: before a library's search
   * texts are made (idle time has not made them yet), typing a key is answered without making them, nor
   * sorting the whole library.
   */
  #rankFirstByKeysAlone(query: Query, accept: (entry: ReferenceEntry) => boolean, ranking: Ranking): void {
    const { typedKey, words } = query;
    // Words that are not all prefixes of the longest never all start one key: no need to fold the keys.
    const longest = words.reduce((a, b) => (b.length > a.length ? b : a), '');
    const oneKeyFitsAll = words.every((word) => longest.startsWith(word));
    const first: number[] = [];
    for (let i = 0; i < this.entries.length; i++) {
      const key = this.entries[i].key ?? '';
      if (typedKey.length > 0 && key.toLowerCase().startsWith(typedKey)) first.push(i);
      else if (oneKeyFitsAll && key.length > 0) {
        const folded = foldedKey(key);
        if (words.every((word) => folded.startsWith(word))) first.push(i);
      }
    }
    const keys = first.map((i) => this.entries[i].key ?? '');
    const inOrder = first.map((_, n) => n).sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : a - b));
    for (const n of inOrder) {
      if (ranking.settled) return;
      const entry = this.entries[first[n]];
      if (accept(entry)) ranking.add(entry, 0);
    }
  }

  /**
   * Two ascending lists of the listing positions of every entry that can match (or rank first by key): those
   * whose key starts like the typed key, and those with a word (or folded key) that starts like the query word
   * that the fewest entries have.
   */
  #candidates(query: Query, firstOnly: boolean): [Int32Array, Int32Array] {
    const prefixes = this.#prefixes;
    if (prefixes === null) {
      if (this.#every === null) {
        this.#every = new Int32Array(this.entries.length);
        for (let at = 0; at < this.entries.length; at++) this.#every[at] = at;
      }
      return [this.#every, NONE];
    }
    let fewest: Int32Array | null = null;
    for (const word of query.words) {
      const list = firstOnly ? prefixes.foldedKeyCandidates(word) : prefixes.wordCandidates(word);
      if (fewest === null || list.length < fewest.length) fewest = list;
    }
    return [fewest ?? NONE, query.typedKey.length > 0 ? prefixes.keyCandidates(query.typedKey) : NONE];
  }

  /** Positions in listing order, sorting them a step at a time while `more()` allows; null until sorted. */
  #orderWhile(more: () => boolean): Int32Array | null {
    const keys = this.#sortKeys;
    while (this.#order === null) {
      if (!more()) return null;
      if (keys.length < this.entries.length) {
        // Copies lie together in memory: compared in place, all over a 35 MB file, the keys sorted twice as slowly.
        const end = Math.min(this.entries.length, keys.length + SORTED_AT_ONCE);
        for (let i = keys.length; i < end; i++) keys.push(detached(this.entries[i].key ?? ''));
        continue;
      }
      this.#sorting ??= new StepwiseSort(keys.length, (a, b) => keys[a] < keys[b]);
      this.#order = this.#sorting.step(SORTED_AT_ONCE);
    }
    this.#sorting = null;
    this.#sortKeys = [];
    return this.#order;
  }
}

export function buildSearchIndex(entries: readonly ReferenceEntry[]): SearchIndex {
  return new SearchIndex(entries, false);
}

/** A bibliography's index: its entries in key order, as completion lists them, and an index of their words. */
export function buildKeyOrderedIndex(entries: readonly ReferenceEntry[]): SearchIndex {
  return new SearchIndex(entries, true);
}

/** The words of a query, folded like the search text. */
export function queryWords(typed: string): string[] {
  return typed.split(/[\s,;:&]+/).map(foldedKey).filter((w) => w.length > 0 && w !== 'and' && w !== 'et' && w !== 'al');
}

/** Rank of the entry listed at `at`: null for no match, else lower is better (key, then surname, year, title). */
function rankAt(columns: SearchColumns, at: number, { typedKey, words, needles }: Query): number | null {
  if (typedKey.length > 0 && columns.lowerKeys[at].startsWith(typedKey)) return 0;
  let rank = 0;
  const text = columns.texts[at];
  for (let w = 0; w < words.length; w++) {
    if (!text.includes(needles[w])) return null;
    if (columns.keys[at].startsWith(words[w])) continue;
    rank += columns.authors[at].includes(needles[w]) ? 1 : columns.years[at].startsWith(words[w]) ? 2 : 3;
  }
  return rank;
}

export interface SearchResult {
  /** Best first: by rank, then in index order (or by `order` within a rank). */
  readonly entries: ReferenceEntry[];
  /** Whether more entries matched than `limit`, so that the list was cut. */
  readonly incomplete: boolean;
}

/**
 * Searches several indexes (document entries, then each library), keeping at most `limit` best matches.
 * Entries that rank first by their keys alone are found first: when more than `limit` do, they are the
 * answer, and no other entry is read (typing a key narrows to its prefix). A search stops as soon as no later
 * entry can change the answer.
 */
export function searchEntries(
  indexes: readonly SearchIndex[],
  typed: string,
  limit: number,
  accept: (entry: ReferenceEntry) => boolean = () => true,
  order?: (a: ReferenceEntry, b: ReferenceEntry) => number,
): SearchResult {
  const words = queryWords(typed);
  const query: Query = { typedKey: typed.trim().toLowerCase(), words, needles: words.map((w) => ` ${w}`) };
  let ranking = new Ranking(limit);
  for (const index of indexes) if (!ranking.settled) index.rankInto(query, accept, ranking, true);
  // With no words, every entry ranks first: the first pass read them all.
  if (!ranking.settled && words.length > 0) {
    ranking = new Ranking(limit);
    for (const index of indexes) if (!ranking.settled) index.rankInto(query, accept, ranking, false);
  }
  // A bucket holds at most `limit` entries: sorting that few by `order` is cheap.
  const ranked = ranking.buckets.flatMap((b) => (b === undefined ? [] : order ? b.sort(order) : b));
  return { entries: ranked.slice(0, limit), incomplete: ranking.matched > limit };
}
