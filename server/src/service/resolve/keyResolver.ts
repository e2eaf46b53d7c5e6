// Matches keyed citations (`[@key]`, `\cite{key}`) to entries, with "did you mean" suggestions when a key
// is not found: keys a small edit away, a key that differs only in its year, the same author and year
// under another key.
import type { CitationItem, ReferenceEntry } from '../model';
import type { ItemResolution } from './resolver';
import { detached } from '../detachedString';
import { editDistance, foldedKey } from './surname';

const MAX_SUGGESTIONS = 3;

/** `smith2019`, `Smith_2019a`, `smithSleep2019`: the leading letters (a surname) and a four-digit year. */
function keyParts(key: string): { name: string; year: string | null } {
  const name = /^\p{L}+/u.exec(key)?.[0] ?? '';
  const year = /(1[5-9]\d\d|20\d\d)/.exec(key)?.[1] ?? null;
  return { name: foldedKey(name), year };
}

const withoutDigits = (key: string) => key.replace(/\d+/g, '#').toLowerCase();

const HASH = 35;

/** Whether a key's first or last character `code` can stand as `expected` in `withoutDigits(key)`. */
function edgeMayBe(code: number, expected: number): boolean {
  if (code >= 128) return true; // lower case outside ASCII is not one character for one
  if (code >= 48 && code <= 57) return expected === HASH;
  return (code >= 65 && code <= 90 ? code + 32 : code) === expected;
}

/**
 * Whether `withoutDigits(key)` can be `yearless`, judged by its first and last characters: a library's keys
 * are told apart without making a string of each (the few that pass are compared whole).
 */
function mayBeYearless(key: string, yearless: string): boolean {
  return key.length === 0 ||
    (edgeMayBe(key.charCodeAt(0), yearless.charCodeAt(0)) && edgeMayBe(key.charCodeAt(key.length - 1), yearless.charCodeAt(yearless.length - 1)));
}

interface KeysOfLength {
  readonly keys: string[];
  readonly entries: ReferenceEntry[];
}

/** The keys of a bibliography arranged for "did you mean": by length, by author and year. */
class SuggestionIndex {
  /** Suggestions already worked out, by unknown key: each keystroke in a key being typed asks again. */
  readonly answers = new Map<string, ReferenceEntry[]>();
  #byLength?: Map<number, KeysOfLength>;
  #byAuthorYear?: Map<string, ReferenceEntry[]>;

  constructor(readonly keys: ReadonlyMap<string, ReferenceEntry>) {}

  /** Keys as written by length, in two columns: no pair is made per key of a large library. */
  get byLength(): ReadonlyMap<number, KeysOfLength> {
    if (this.#byLength) return this.#byLength;
    const map = new Map<number, KeysOfLength>();
    this.keys.forEach((entry, key) => {
      let group = map.get(key.length);
      if (group === undefined) map.set(key.length, (group = { keys: [], entries: [] }));
      group.keys.push(key);
      group.entries.push(entry);
    });
    return (this.#byLength = map);
  }

  /** First three letters of the first author (folded) and the year. Reads every entry's authors, so only
   * built when a key with a name and a year is not found. */
  get byAuthorYear(): ReadonlyMap<string, readonly ReferenceEntry[]> {
    if (this.#byAuthorYear) return this.#byAuthorYear;
    const map = new Map<string, ReferenceEntry[]>();
    for (const entry of this.keys.values()) {
      const first = entry.authors[0];
      if (first !== undefined && entry.year) push(map, `${foldedKey(first).slice(0, 3)}\u0000${entry.year.slice(0, 4)}`, entry);
    }
    return (this.#byAuthorYear = map);
  }
}

const suggestionIndexes = new WeakMap<ReadonlyMap<string, ReferenceEntry>, SuggestionIndex>();
/** Unknown keys whose suggestions are kept per bibliography; the oldest go first. */
const MAX_REMEMBERED = 1000;

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function suggestionIndex(keys: ReadonlyMap<string, ReferenceEntry>): SuggestionIndex {
  let index = suggestionIndexes.get(keys);
  if (!index) suggestionIndexes.set(keys, (index = new SuggestionIndex(keys)));
  return index;
}

export function keySuggestions(key: string, keys: ReadonlyMap<string, ReferenceEntry>): ReferenceEntry[] {
  const index = suggestionIndex(keys);
  const known = index.answers.get(key);
  if (known) return known;
  const scored = new Map<ReferenceEntry, number>();
  const score = (entry: ReferenceEntry, value: number) => {
    if (entry.key !== key && (scored.get(entry) ?? Infinity) > value) scored.set(entry, value);
  };
  const max = key.length <= 4 ? 1 : 2;
  const lower = key.toLowerCase();
  for (let length = key.length - max; length <= key.length + max; length++) {
    const group = index.byLength.get(length);
    if (group === undefined) continue;
    for (let i = 0; i < group.keys.length; i++) {
      const distance = editDistance(lower, group.keys[i].toLowerCase(), max);
      if (distance <= max) score(group.entries[i], distance);
    }
  }
  // The same key but for its digits (another year): looked for through every key, in their order, without an index.
  const yearless = withoutDigits(key);
  index.keys.forEach((entry, other) => {
    if (mayBeYearless(other, yearless) && withoutDigits(other) === yearless) score(entry, max + 1);
  });
  const { name, year } = keyParts(key);
  if (name.length >= 3 && year !== null) {
    for (const entry of index.byAuthorYear.get(`${name.slice(0, 3)}\u0000${year}`) ?? []) {
      // `smit2019` (cut short) or `smithSleep2019` (name and title word) for Smith.
      const author = foldedKey(entry.authors[0]);
      if (author.startsWith(name) || name.startsWith(author)) score(entry, max + 2);
    }
  }
  const suggestions = [...scored].sort((a, b) => a[1] - b[1]).slice(0, MAX_SUGGESTIONS).map(([e]) => e);
  if (index.answers.size >= MAX_REMEMBERED) index.answers.delete(index.answers.keys().next().value as string); // the map is not empty
  index.answers.set(detached(key), suggestions);
  return suggestions;
}

export function resolveKeyItem(item: CitationItem, keys: ReadonlyMap<string, ReferenceEntry> | null): ItemResolution {
  if (keys === null || item.key === null || item.key === '*') return { status: 'unchecked' };
  const entry = keys.get(item.key);
  if (entry) return { status: 'resolved', entry };
  return { status: 'unresolved', suggestions: keySuggestions(item.key, keys) };
}
